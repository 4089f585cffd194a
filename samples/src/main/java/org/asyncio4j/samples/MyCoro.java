package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * A coroutine object does nothing until the loop runs it: calling {@code mycoro(3)} only creates it; wrapping it
 * in a task schedules it; {@code run_until_complete} starts the loop.
 *
 * <pre>
 * async def mycoro(number):
 *     print("Starting %d" % number)
 *     await asyncio.sleep(1)
 *     print("Finishing %d" % number)   # runs later
 *     return str(number)
 *
 * c = mycoro(3)
 * task = asyncio.ensure_future(c)      # or Python 3.7 above: task = asyncio.create_task(c)
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(task)
 * loop.close()
 * </pre>
 *
 * <p>{@code ensure_future} becomes {@code loop.createTask(c)}: a task belongs to a loop, and Java has no implicit
 * "current" loop outside a running one. Output: {@code Starting 3}, one second later {@code Finishing 3}.
 * {@link MyCoroGather} runs three of them at once.
 */
public final class MyCoro {
    private MyCoro() {}

    @Async
    static String mycoro(int number) {
        System.out.println("Starting " + number);
        await(sleep(1));
        System.out.println("Finishing " + number);   // runs later
        return String.valueOf(number);
    }

    /** Runs the sample on {@code loop} and closes it; returns the task's result ({@code "3"}). */
    public static String run(EventLoop loop) {
        Coroutine<String> c = MyCoroAsync.mycoro(3);   // nothing printed yet
        try {
            Task<String> task = loop.createTask(c);
            return loop.runUntilComplete(task);
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
