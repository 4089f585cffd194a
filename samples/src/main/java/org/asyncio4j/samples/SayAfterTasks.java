package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.createTask;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * {@link SayAfter}'s two calls, each wrapped in a task first: both sleeps run at the same time, so the program
 * takes 2 seconds instead of 3.
 *
 * <pre>
 * async def say():
 *     print("start")
 *     task1 = asyncio.create_task(say_after(2, what="2s"))
 *     task2 = asyncio.create_task(say_after(1, what="1s"))
 *     await task1
 *     await task2
 *     print("end")
 * </pre>
 *
 * <p>{@code createTask} schedules the coroutine on the loop and returns at once, without giving up control.
 * {@code await task1} then suspends {@code say}; the loop runs both tasks; task2 finishes first and prints
 * {@code 1s}. When {@code say} reaches {@code await task2}, that task is already done and the await just takes
 * its result. Output: {@code start}, {@code 1s} (at 1 s), {@code 2s} (at 2 s), {@code end}.
 */
public final class SayAfterTasks {
    private SayAfterTasks() {}

    @Async
    static void say() {
        System.out.println("start");
        Task<String> task1 = createTask(SayAfterAsync.sayAfter(2, "2s"));
        Task<String> task2 = createTask(SayAfterAsync.sayAfter(1, "1s"));
        await(task1);
        await(task2);
        System.out.println("end");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(SayAfterTasksAsync.say(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(SayAfterTasksAsync.say());
    }
}
