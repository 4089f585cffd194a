package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;

/**
 * {@code say_after} awaited twice in a row: awaiting a coroutine runs it to the end before the next line, so the
 * two delays add up (3 seconds), although nothing needs them to.
 *
 * <pre>
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay=delay)
 *     print(what)
 *     return what
 *
 * async def say():
 *     print("start")
 *     await say_after(2, what="2s")
 *     await say_after(1, what="1s")
 *     print("end")
 *
 * asyncio.run(say())
 * </pre>
 *
 * <p>Awaiting a coroutine does not even create a task: the child runs inside the caller's task, as a plain call
 * would. Output: {@code start}, {@code 2s} (at 2 s), {@code 1s} (at 3 s), {@code end}. The following samples
 * make the same two calls concurrently: {@link SayAfterTasks}, {@link SayAfterGather},
 * {@link SayAfterGatherCoroutines} and {@link SayAfterGatherList}; they all use {@link #sayAfter}.
 */
public final class SayAfter {
    private SayAfter() {}

    /** Waits {@code delay} seconds, prints {@code what} and returns it (the tutorial adds the return for gather). */
    @Async
    static String sayAfter(double delay, String what) {
        await(sleep(delay));
        System.out.println(what);
        return what;
    }

    @Async
    static void say() {
        System.out.println("start");
        await(SayAfterAsync.sayAfter(2, "2s"));
        await(SayAfterAsync.sayAfter(1, "1s"));
        System.out.println("end");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(SayAfterAsync.say(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(SayAfterAsync.say());
    }
}
