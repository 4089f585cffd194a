package org.asyncio4j.benchmarks;

import static org.asyncio4j.Asyncio.await;

import java.util.concurrent.CompletableFuture;
import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * W5, chain: {@code depth} nested coroutines (1,000 in the benchmark), each awaiting the next; the innermost
 * returns without suspending, and each level adds 1, so the result is {@code depth}.
 *
 * <p>Measures the cost of a call through coroutines that never suspend (a frame per level, run inline): time per
 * whole chain.
 * <ul>
 *   <li>{@link #asyncio4j}: an {@code @Async} method awaiting itself one level deeper, run as one task;</li>
 *   <li>{@link #plainCalls}: the same recursion as plain method calls;</li>
 *   <li>{@link #completableFuture}: each level {@code thenCompose}s on the next level's CompletableFuture.</li>
 * </ul>
 */
public final class Chain {
    private Chain() {}

    @Async
    static int level(int depth) {
        if (depth == 0) {
            return 0;
        }
        int inner = await(ChainAsync.level(depth - 1));
        return inner + 1;
    }

    public static int asyncio4j(EventLoop loop, int depth) {
        return loop.runUntilComplete(ChainAsync.level(depth));
    }

    public static int plainCalls(int depth) {
        if (depth == 0) {
            return 0;
        }
        int inner = plainCalls(depth - 1);
        return inner + 1;
    }

    public static CompletableFuture<Integer> completableFutureLevel(int depth) {
        if (depth == 0) {
            return CompletableFuture.completedFuture(0);
        }
        return completableFutureLevel(depth - 1).thenCompose(inner -> CompletableFuture.completedFuture(inner + 1));
    }

    public static int completableFuture(int depth) {
        return completableFutureLevel(depth).join();
    }
}
