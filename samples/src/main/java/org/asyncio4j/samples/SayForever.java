package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * Two tasks on a loop that runs forever: both {@code say} coroutines (from {@link Say}) wait at the same time, so
 * the one that sleeps less prints first.
 *
 * <pre>
 * # this runs forever
 * loop = asyncio.get_event_loop()
 *
 * loop.create_task(say('first hello', 2))
 * loop.create_task(say('second hello', 1))
 *
 * loop.run_forever()
 * loop.close()
 * </pre>
 *
 * <p><b>Deviation from the original:</b> Python's program never ends; once both greetings are printed, the loop
 * idles until you press Ctrl-C. The port adds a third task, {@link #stopWhenDone}, that awaits the two tasks and
 * then calls {@code loop.stop()}, so {@code runForever()} returns right after the last greeting and the program
 * (and its test) ends.
 *
 * <p>Output: {@code second hello} after one second, {@code first hello} after two; the loop stops at 2 s, not 3 s.
 */
public final class SayForever {
    private SayForever() {}

    /** Added for the port: stops the loop once both greetings are out (the Python program runs forever). */
    @Async
    static void stopWhenDone(EventLoop loop, Task<Void> first, Task<Void> second) {
        await(first);
        await(second);
        loop.stop();
    }

    /** Runs the sample on {@code loop} and closes it. */
    public static void run(EventLoop loop) {
        try {
            Task<Void> first = loop.createTask(SayAsync.say("first hello", 2));
            Task<Void> second = loop.createTask(SayAsync.say("second hello", 1));
            loop.createTask(SayForeverAsync.stopWhenDone(loop, first, second));
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
