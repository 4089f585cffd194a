package org.asyncio4j.benchmarks;

import static org.asyncio4j.Asyncio.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * W4, one million sleepers: {@code n} tasks (1,000,000 in full mode) each sleep {@code seconds} (1 s) on a real
 * clock, concurrently; the run ends when the last one wakes up.
 *
 * <p>Measures (a) wall time, whose floor is the sleep itself, so everything above 1 s is the cost of creating,
 * scheduling, timing and waking the tasks; and (b), in {@link SleepersMemory}, heap bytes per suspended task.
 * <ul>
 *   <li>{@link #asyncio4j}: {@code n} tasks of an {@code @Async} method doing {@code await(sleep(seconds))} on one
 *       real-time event loop;</li>
 *   <li>{@link #virtualThreads}: {@code n} virtual threads doing {@code Thread.sleep} (JDK 21+);</li>
 *   <li>{@link #completableFuture}: {@code n} {@code CompletableFuture.runAsync} on
 *       {@code CompletableFuture.delayedExecutor(seconds, executor)}, the executor being a single thread.</li>
 * </ul>
 * Every variant counts the tasks that woke up and returns that count.
 */
public final class Sleepers {
    private Sleepers() {}

    /** Counts the sleepers that woke up; completes {@link #allAwake} with the count when all have. */
    static final class Countdown {
        final Future<Integer> allAwake;
        final int total;
        int awake;

        Countdown(EventLoop loop, int total) {
            this.allAwake = loop.createFuture();
            this.total = total;
        }

        void arrive() {
            if (++awake == total) {
                allAwake.setResult(awake);
            }
        }
    }

    @Async
    static void sleeper(Countdown countdown, double seconds) {
        await(Asyncio.sleep(seconds));
        countdown.arrive();
    }

    /**
     * Runs {@code n} sleepers on a new real-time loop and returns how many woke up. {@code whileAsleep} (may be
     * {@code null}) runs on the loop once every sleeper has started sleeping and none has woken up yet.
     */
    public static int asyncio4j(int n, double seconds, Runnable whileAsleep) {
        EventLoop loop = new EventLoop();
        try {
            if (n == 0) {
                return 0;
            }
            Countdown countdown = new Countdown(loop, n);
            for (int i = 0; i < n; i++) {
                loop.createTask(SleepersAsync.sleeper(countdown, seconds));
            }
            if (whileAsleep != null) {
                // Scheduled after every task's first step, in the same pass: all are asleep, no timer has run yet.
                loop.callSoon(whileAsleep);
            }
            return loop.runUntilComplete(countdown.allAwake);
        } finally {
            loop.close();
        }
    }

    /** @throws UnsupportedOperationException before JDK 21 */
    public static int virtualThreads(int n, double seconds, Runnable whileAsleep) throws InterruptedException {
        CountDownLatch awake = new CountDownLatch(n);
        long millis = Math.round(seconds * 1000);
        Thread[] threads = whileAsleep == null ? null : new Thread[n];
        for (int i = 0; i < n; i++) {
            Thread thread = VirtualThreads.start(() -> {
                try {
                    Thread.sleep(millis);       // the workload: a virtual thread parked in sleep
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                awake.countDown();
            });
            if (threads != null) {
                threads[i] = thread;
            }
        }
        if (threads != null) {
            for (Thread thread : threads) {
                while (thread.getState() != Thread.State.TIMED_WAITING && thread.isAlive()) {
                    Thread.onSpinWait();        // until every thread is really parked in its sleep
                }
            }
            threads = null;                     // measure the sleepers, not this array
            whileAsleep.run();
        }
        awake.await();
        return n;
    }

    public static int completableFuture(int n, double seconds, Executor executor, Runnable whileAsleep) {
        CountDownLatch awake = new CountDownLatch(n);
        long millis = Math.round(seconds * 1000);
        for (int i = 0; i < n; i++) {
            CompletableFuture.runAsync(awake::countDown,
                    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, executor));
        }
        if (whileAsleep != null) {
            whileAsleep.run();
        }
        try {
            awake.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return n;
    }
}
