package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * {@code gather}: one await for many tasks, whose results come back as a list in argument order (not in the order
 * the tasks finished).
 *
 * <pre>
 * async def say():
 *     r1, r2 = None, None
 *     print("start")
 *     task1 = asyncio.create_task(say_after(2, what="2s"))
 *     task2 = asyncio.create_task(say_after(1, what="1s"))
 *     r1, r2 = await asyncio.gather(task1, task2)
 *     print(f"end, {r1=}, {r2=}")
 *
 * # gives
 * # start
 * # 1s
 * # 2s
 * # end, r1='2s', r2='1s'
 * </pre>
 *
 * <p>Java has no tuple unpacking: the result is a {@code List<String>}, read with {@code get}. The program takes
 * 2 seconds.
 */
public final class SayAfterGather {
    private SayAfterGather() {}

    @Async
    static void say() {
        System.out.println("start");
        Task<String> task1 = createTask(SayAfterAsync.sayAfter(2, "2s"));
        Task<String> task2 = createTask(SayAfterAsync.sayAfter(1, "1s"));
        List<String> results = await(gather(task1, task2));
        String r1 = results.get(0);
        String r2 = results.get(1);
        System.out.println("end, r1='" + r1 + "', r2='" + r2 + "'");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(SayAfterGatherAsync.say(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(SayAfterGatherAsync.say());
    }
}
