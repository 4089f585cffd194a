package org.asyncio4j.benchmarks;

import static org.asyncio4j.Asyncio.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * W3, spawn-join: create {@code n} tasks that each return their index {@code i}, then gather all results.
 *
 * <p>Measures the cost of a short-lived task: creating it, scheduling its first step, running it to completion and
 * collecting its result. Reported as tasks per second. Every variant returns the results in index order:
 * <ul>
 *   <li>{@link #asyncio4j}: {@code createTask} of an {@code @Async} method per index, then {@code gather};</li>
 *   <li>{@link #completableFuture}: {@code CompletableFuture.supplyAsync} on a single-thread executor, then
 *       {@code allOf(...).join()};</li>
 *   <li>{@link #virtualThreads}: a virtual thread per index (JDK 21+), then {@code join} each.</li>
 * </ul>
 */
public final class SpawnJoin {
    private SpawnJoin() {}

    /** The sum of the gathered results, 0 + 1 + ... + (n - 1). */
    public static long expectedSum(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** The task body: returns {@code i} without suspending. */
    @SuppressWarnings("AsyncWithoutAwait") // W3 measures tasks that return without suspending
    @Async
    static int value(int i) {
        return i;
    }

    /** Spawns {@code n} tasks and gathers their results. */
    @Async
    static List<Integer> spawnAll(int n) {
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(Asyncio.createTask(SpawnJoinAsync.value(i)));
        }
        List<Integer> results = await(Asyncio.gather(tasks));
        return results;
    }

    public static List<Integer> asyncio4j(EventLoop loop, int n) {
        return loop.runUntilComplete(SpawnJoinAsync.spawnAll(n));
    }

    public static List<Integer> completableFuture(Executor executor, int n) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> index, executor));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        List<Integer> results = new ArrayList<>(n);
        for (CompletableFuture<Integer> f : futures) {
            results.add(f.join());
        }
        return results;
    }

    /** @throws UnsupportedOperationException before JDK 21 */
    public static List<Integer> virtualThreads(int n) throws InterruptedException {
        Integer[] results = new Integer[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            threads[i] = VirtualThreads.start(() -> results[index] = index);
        }
        for (Thread t : threads) {
            t.join();
        }
        return List.of(results);
    }
}
