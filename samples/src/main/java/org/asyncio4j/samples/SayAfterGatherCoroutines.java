package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.gather;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;

/**
 * {@code gather} given coroutines instead of tasks: it wraps each one in a task itself, so the explicit
 * {@code createTask} calls of {@link SayAfterGather} can go.
 *
 * <pre>
 * async def say():
 *     r1, r2 = None, None
 *     print("start")
 *     r1, r2 = await asyncio.gather(
 *         say_after(2, what="2s"),
 *         say_after(1, what="1s"),
 *     )
 *     print(f"end, {r1=}, {r2=}")
 * </pre>
 *
 * <p>Output as in {@link SayAfterGather}: {@code start}, {@code 1s}, {@code 2s}, {@code end, r1='2s', r2='1s'};
 * 2 seconds.
 */
public final class SayAfterGatherCoroutines {
    private SayAfterGatherCoroutines() {}

    @Async
    static void say() {
        System.out.println("start");
        List<String> results = await(gather(
                SayAfterAsync.sayAfter(2, "2s"),
                SayAfterAsync.sayAfter(1, "1s")));
        String r1 = results.get(0);
        String r2 = results.get(1);
        System.out.println("end, r1='" + r1 + "', r2='" + r2 + "'");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(SayAfterGatherCoroutinesAsync.say(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(SayAfterGatherCoroutinesAsync.say());
    }
}
