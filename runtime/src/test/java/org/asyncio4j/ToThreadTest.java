package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ToThreadTest extends RealLoopTestBase {

    /** Blocks on a latch nobody opens; counts {@code interrupted} down when interrupted out of it, and rethrows. */
    private static String blockUntilInterrupted(CountDownLatch started, CountDownLatch interrupted)
            throws InterruptedException {
        started.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
        throw new AssertionError("unreachable: nothing opens the latch");
    }

    @Test
    void toThread_runsOffTheLoopThread_andResumesTheTaskOnTheLoopThread() {
        AtomicReference<Thread> workedOn = new AtomicReference<>();
        AtomicReference<Thread> resumedOn = new AtomicReference<>();
        Task<String> t = loop.createTask(coro(() -> awaitThen(Asyncio.toThread(() -> {
            workedOn.set(Thread.currentThread());
            return "worked";
        }), r -> {
            resumedOn.set(Thread.currentThread());
            return done(r.get());
        })));
        assertEquals("worked", runUntilComplete(t));
        Thread worker = workedOn.get();
        assertNotSame(Thread.currentThread(), worker);
        assertSame(Thread.currentThread(), resumedOn.get());
        assertTrue(worker.isDaemon());
        assertTrue(worker.getName().startsWith("asyncio4j-to-thread-"), worker.getName());
        assertEquals(Runtime.version().feature() >= 21, isVirtual(worker), "virtual threads exactly on JDK 21+");
    }

    @Test
    void checkedException_isRethrownUnwrapped_atTheAwait() {
        IOException io = new IOException("disk on fire");
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Task<String> t = loop.createTask(coro(() -> awaitThen(Asyncio.<String>toThread(() -> {
            throw io;
        }), r -> {
            try {
                return done(r.get());
            } catch (IOException e) {
                caught.set(e);
                throw e;
            }
        })));
        assertSame(io, assertThrows(IOException.class, () -> runUntilComplete(t)));
        assertSame(io, caught.get());
    }

    @Test
    void runtimeExceptionAndError_arePassedAsTheyAre() {
        IllegalArgumentException iae = new IllegalArgumentException("bad");
        AssertionError error = new AssertionError("worse");
        Task<Object> a = loop.createTask(Asyncio.toThread(() -> {
            throw iae;
        }));
        Task<Object> b = loop.createTask(Asyncio.toThread(() -> {
            throw error;
        }));
        runUntilComplete(Asyncio.gatherReturnExceptions(a, b));
        assertSame(iae, a.exception());
        assertSame(error, b.exception());
    }

    @Test
    void toThread_isLazy_nothingIsSubmittedUntilItIsAwaited() {
        AtomicBoolean ran = new AtomicBoolean();
        Coroutine<String> c = Asyncio.toThread(() -> {
            ran.set(true);
            return "late";
        });
        assertNull(loop.defaultExecutor, "no executor yet: nothing was submitted");
        assertFalse(ran.get());
        assertEquals("late", runUntilComplete(loop.createTask(c)));
        assertTrue(ran.get());
        assertNotNull(loop.defaultExecutor);
    }

    @Test
    void taskCancelledBeforeItStarts_neverSubmitsTheWork() {
        AtomicBoolean ran = new AtomicBoolean();
        Task<String> t = loop.createTask(Asyncio.toThread(() -> {
            ran.set(true);
            return "never";
        }));
        t.cancel();
        assertThrows(CancelledError.class, () -> runUntilComplete(t));
        assertTrue(t.cancelled());
        assertFalse(ran.get());
        assertNull(loop.defaultExecutor);
    }

    @Test
    void cancellingTheAwaitingTask_interruptsTheBlockedWorker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Throwable> seenByTask = new AtomicReference<>();
        Task<String> t = loop.createTask(coro(() -> awaitThen(
                Asyncio.toThread(() -> blockUntilInterrupted(started, interrupted)), r -> {
                    try {
                        return done(r.get());
                    } catch (Throwable e) {
                        seenByTask.set(e);
                        throw e;
                    }
                })));
        startHelper("canceller", () -> {
            await(started);
            loop.callSoonThreadsafe(() -> t.cancel("enough"));
        });
        CancelledError e = assertThrows(CancelledError.class, () -> runUntilComplete(t));
        assertEquals("enough", e.getMessage());
        assertTrue(t.cancelled());
        assertTrue(seenByTask.get() instanceof CancelledError, "the await saw the cancellation, not the worker's "
                + "InterruptedException: " + seenByTask.get());
        await(interrupted);
    }

    @Test
    void workThatIgnoresTheInterrupt_hasItsLateResultDropped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Task<String> t = loop.createTask(Asyncio.toThread(() -> {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return "late";
                } catch (InterruptedException e) {
                    sawInterrupt.set(true);     // carries on regardless, as badly behaved code does
                }
            }
        }));
        startHelper("canceller", () -> {
            await(started);
            loop.callSoonThreadsafe(t::cancel);
        });
        assertThrows(CancelledError.class, () -> runUntilComplete(t));
        release.countDown();
        ExecutorService executor = loop.defaultExecutor;
        executor.shutdown();
        assertTrue(executor.awaitTermination(SAFETY_SECONDS, TimeUnit.SECONDS));
        assertTrue(sawInterrupt.get());
        // The worker has handed "late" to the loop; this pass delivers it to the cancelled future, which drops it
        // (setting a result on it would reach the exception handler, and the test would fail).
        runOnePass();
        assertTrue(t.cancelled());
    }

    @Test
    void manyMoreCallsThanThePoolBound_allComplete_inArgumentOrder() {
        int n = WorkerThreads.POOL_SIZE * 3;
        List<Coroutine<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            calls.add(Asyncio.toThread(() -> k * k));
        }
        Task<List<Integer>> t = loop.createTask(coro(() -> awaitThen(Asyncio.gather(calls), r -> done(r.get()))));
        List<Integer> squares = runUntilComplete(t);
        assertEquals(n, squares.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i * i, squares.get(i));
        }
    }

    @Test
    void platformPool_isBoundedAtMin32CoresPlus4_withDaemonThreads_andQueuesTheRest() throws Exception {
        int bound = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        assertEquals(bound, WorkerThreads.POOL_SIZE);
        ThreadPoolExecutor pool = WorkerThreads.newPlatformPool();
        try {
            assertEquals(bound, pool.getMaximumPoolSize());
            assertTrue(pool.allowsCoreThreadTimeOut(), "idle threads end");
            CountDownLatch allStarted = new CountDownLatch(bound);
            CountDownLatch release = new CountDownLatch(1);
            List<java.util.concurrent.Future<Thread>> running = new ArrayList<>();
            for (int i = 0; i < bound; i++) {
                running.add(pool.submit(() -> {
                    allStarted.countDown();
                    release.await();
                    return Thread.currentThread();
                }));
            }
            await(allStarted);
            java.util.concurrent.Future<String> queued = pool.submit(() -> "ran after a thread was free");
            assertEquals(bound, pool.getPoolSize(), "no thread beyond the bound");
            assertEquals(1, pool.getQueue().size(), "the call beyond the bound waits in the queue");
            release.countDown();
            assertEquals("ran after a thread was free", queued.get(SAFETY_SECONDS, TimeUnit.SECONDS));
            for (java.util.concurrent.Future<Thread> f : running) {
                Thread th = f.get(SAFETY_SECONDS, TimeUnit.SECONDS);
                assertTrue(th.isDaemon());
                assertTrue(th.getName().startsWith("asyncio4j-to-thread-"), th.getName());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(pool.awaitTermination(SAFETY_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void closingTheLoop_shutsItsExecutorDown_andInterruptsRunningWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<Void> running = loop.createFuture();
        Task<String> t = loop.createTask(Asyncio.toThread(() -> {
            worker.set(Thread.currentThread());
            loop.callSoonThreadsafe(() -> running.setResult(null));
            return blockUntilInterrupted(started, interrupted);
        }));
        runUntilComplete(running);
        ExecutorService executor = loop.defaultExecutor;
        assertFalse(executor.isShutdown());
        loop.close();
        assertTrue(executor.isShutdown());
        await(interrupted);
        assertTrue(executor.awaitTermination(SAFETY_SECONDS, TimeUnit.SECONDS));
        Thread w = worker.get();
        w.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
        assertFalse(w.isAlive(), "no worker thread lingers after close");
        assertTrue(w.isDaemon());
        assertFalse(t.done(), "the task was abandoned by close, not completed");
        // The loop reports the task it abandoned (if its diagnostics do); nothing else may reach the handler.
        for (Map<String, Object> context : takeHandledErrors()) {
            assertEquals("Task was destroyed but it is pending!", context.get("message"));
        }
    }

    @Test
    void asyncioRun_closesTheLoop_andShutsItsExecutorDown() throws Exception {
        AtomicReference<ExecutorService> executor = new AtomicReference<>();
        String r = Asyncio.run(coro(() -> awaitThen(Asyncio.toThread(() -> "done"), x -> {
            executor.set(loop.defaultExecutor);
            return done(x.get());
        })), loop);
        assertEquals("done", r);
        assertTrue(loop.isClosed());
        assertTrue(executor.get().isShutdown());
        assertTrue(executor.get().awaitTermination(SAFETY_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void debugMode_workThatSchedulesOnTheLoop_failsWithTheThreadCheckMessage() {
        loop.setDebug(true);
        Task<Handle> t = loop.createTask(Asyncio.toThread(() -> loop.callSoon(() -> { })));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runUntilComplete(t));
        assertEquals("Non-thread-safe operation invoked on an event loop other than the current one", e.getMessage());
    }

    @Test
    void nullWork_isRejectedAtOnce() {
        assertThrows(NullPointerException.class, () -> Asyncio.toThread(null));
    }
}
