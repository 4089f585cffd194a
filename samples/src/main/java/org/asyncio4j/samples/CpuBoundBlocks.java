package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * A task that computes without awaiting blocks every other task: the loop runs one task at a time and cannot
 * interrupt it, so a ticker that wants to tick every 0.1 s stays silent until the busy task is done.
 *
 * <p>From the note's "IMPORTANT" paragraph: "if you write code that does not wait for something (does not do an
 * AWAIT), and does take long to execute (e.g. a CPU bound computation), this will block all others [...] there is
 * only one thread running at a time". As a program:
 *
 * <pre>
 * async def ticker():
 *     for i in range(1, 4):
 *         print(f"tick {i}")
 *         await asyncio.sleep(0.1)
 *
 * async def busy():
 *     x = 0
 *     for step in range(1, 6):
 *         x = work(x + step)          # CPU-bound, no await: nothing else can run meanwhile
 *         print(f"busy: step {step} of 5")
 *     return x
 *
 * async def main():
 *     ticking = asyncio.create_task(ticker())
 *     spinning = asyncio.create_task(busy())
 *     await ticking
 *     await spinning
 *     print("tick 2 was due at 0.1 s, but it had to wait for all 5 busy steps")
 * </pre>
 *
 * <p>Output: {@code tick 1}, the five {@code busy} lines, then {@code tick 2} and {@code tick 3}: the ticker's 0.1 s
 * sleep ended while the busy task held the loop, so tick 2 runs late (on a real clock, by as long as the busy
 * steps took). The order is the same on every run and every clock. The cure, as in asyncio: await between steps
 * ({@code await(sleep(0))} lets the others run) or move the computation off the loop's thread.
 */
public final class CpuBoundBlocks {
    private CpuBoundBlocks() {}

    static final int STEPS = 5;

    /** One step of CPU-bound work (some tens of milliseconds on a real clock); pure, so every run is the same. */
    static long work(long seed) {
        long x = seed;
        for (int i = 0; i < 20_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    @Async
    static void ticker() {
        for (int i = 1; i <= 3; i++) {
            System.out.println("tick " + i);
            await(sleep(0.1));
        }
    }

    // The processor warns [AsyncWithoutAwait] about exactly this: a coroutine that never lets other tasks run.
    // Here that is the point of the sample, so the warning is turned off.
    @SuppressWarnings("AsyncWithoutAwait")
    @Async
    static long busy() {
        long x = 0;
        for (int step = 1; step <= STEPS; step++) {
            x = work(x + step);   // no await: nothing else can run meanwhile
            System.out.println("busy: step " + step + " of " + STEPS);
        }
        return x;
    }

    @Async
    static void tickWhileBusy() {
        Task<Void> ticking = createTask(CpuBoundBlocksAsync.ticker());
        Task<Long> spinning = createTask(CpuBoundBlocksAsync.busy());
        await(ticking);
        await(spinning);
        System.out.println("tick 2 was due at 0.1 s, but it had to wait for all " + STEPS + " busy steps");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(CpuBoundBlocksAsync.tickWhileBusy(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(CpuBoundBlocksAsync.tickWhileBusy());
    }
}
