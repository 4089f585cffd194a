package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * {@code say(what, when)}: a coroutine with parameters, run until complete on an explicit loop.
 *
 * <pre>
 * async def say(what, when):
 *     await asyncio.sleep(when)   # gives control to the event loop; it decides when to go on
 *     print(what)
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(say('hello world', 1))
 * loop.close()
 * </pre>
 *
 * <p>Parameters of an {@code @Async} method become parameters of the generated entry point:
 * {@code SayAsync.say("hello world", 1)}. Output after one second: {@code hello world}.
 * {@link SayForever} runs the same coroutine twice, concurrently.
 */
public final class Say {
    private Say() {}

    @Async
    static void say(String what, double when) {
        await(sleep(when));
        System.out.println(what);
    }

    /** Runs the sample on {@code loop} and closes it. */
    public static void run(EventLoop loop) {
        try {
            loop.runUntilComplete(SayAsync.say("hello world", 1));
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
