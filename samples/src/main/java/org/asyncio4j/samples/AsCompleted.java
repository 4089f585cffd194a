package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.asCompleted;
import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * {@code as_completed}: handle each result as soon as it arrives, instead of waiting for all of them as
 * {@code gather} does.
 *
 * <p>The note describes it in one line ("{@code asyncio.as_completed()} runs some code whenever it gets back any
 * result, instead of like {@code gather()} it waits for all the results"); this is the program it implies:
 *
 * <pre>
 * async def fetch(name, seconds):
 *     await asyncio.sleep(seconds)
 *     return f"{name} ({seconds} s)"
 *
 * async def main():
 *     for f in asyncio.as_completed([fetch("slow", 3), fetch("fast", 1), fetch("medium", 2)]):
 *         r = await f
 *         print(f"got {r}")
 *     print("all done")
 *
 * asyncio.run(main())
 * </pre>
 *
 * <p>{@code asCompleted} returns futures in completion order; each {@code await} gives the next result as soon as
 * it exists. Output: {@code got fast (1 s)} at 1 s, {@code got medium (2 s)} at 2 s, {@code got slow (3 s)} at
 * 3 s, {@code all done}: 3 seconds in all.
 */
public final class AsCompleted {
    private AsCompleted() {}

    @Async
    static String fetch(String name, int seconds) {
        await(sleep(seconds));
        return name + " (" + seconds + " s)";
    }

    @Async
    static void fetchAll() {
        for (Future<String> f : asCompleted(
                AsCompletedAsync.fetch("slow", 3),
                AsCompletedAsync.fetch("fast", 1),
                AsCompletedAsync.fetch("medium", 2))) {
            String r = await(f);
            System.out.println("got " + r);
        }
        System.out.println("all done");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(AsCompletedAsync.fetchAll(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(AsCompletedAsync.fetchAll());
    }
}
