package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link EventLoop#runInExecutor} (asyncio's {@code loop.run_in_executor}), and the debug-mode check that
 * loop-only methods of futures and tasks are called on the loop's thread.
 */
class RunInExecutorTest extends RealLoopTestBase {

    @Test
    void givenExecutor_runsTheWorkThere_andDeliversTheResultOnTheLoopThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "given-pool"));
        try {
            AtomicReference<Thread> worker = new AtomicReference<>();
            Future<String> f = loop.runInExecutor(pool, () -> {
                worker.set(Thread.currentThread());
                return "done";
            });
            AtomicReference<Thread> callbackThread = new AtomicReference<>();
            f.addDoneCallback(done -> callbackThread.set(Thread.currentThread()));
            assertEquals("done", runUntilComplete(f));
            runOnePass(); // the done-callback runs in the pass after completion
            assertEquals("given-pool", worker.get().getName());
            assertSame(Thread.currentThread(), callbackThread.get());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(SAFETY_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void nullExecutor_usesTheDefault_offTheLoopThread_andRethrowsCheckedExceptionsUnwrapped() {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<Integer> ok = loop.runInExecutor(null, () -> {
            worker.set(Thread.currentThread());
            return 7;
        });
        assertEquals(7, runUntilComplete(ok));
        assertNotSame(Thread.currentThread(), worker.get());
        Future<Integer> failing = loop.runInExecutor(null, () -> {
            throw new IOException("disk");
        });
        IOException e = assertThrows(IOException.class, () -> runUntilComplete(failing));
        assertEquals("disk", e.getMessage());
    }

    @Test
    void cancellingTheFuture_interruptsWorkOnAnExecutorService() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Future<String> f = loop.runInExecutor(null, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // blocks until interrupted
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        });
        await(started);
        assertTrue(f.cancel("stop"));
        await(interrupted);
        assertTrue(f.cancelled());
    }

    @Test
    void debugMode_rejectsLoopOnlyFutureAndTaskMethodsFromAnotherThread() throws Exception {
        loop.setDebug(true);
        Future<String> future = loop.createFuture();
        Task<String> task = loop.createTask(new Coroutine<String>() {
            @Override
            protected Object resume(Object value, Throwable error) throws Throwable {
                if (error != null) {
                    throw error;
                }
                return "task";
            }
        });
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        loop.callSoon(() -> {
            inside.countDown();
            try {
                checked.await(SAFETY_SECONDS, TimeUnit.SECONDS); // the loop is running while the helper checks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        startHelper("other-thread", () -> {
            await(inside);
            try {
                for (Runnable call : new Runnable[] {() -> future.setResult("x"),
                        () -> future.setException(new RuntimeException()), () -> future.cancel("c"),
                        () -> future.addDoneCallback(f -> { }), () -> future.removeDoneCallback(f -> { }),
                        () -> task.cancel("c")}) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                    assertEquals("Non-thread-safe operation invoked on an event loop other than the current one",
                            e.getMessage());
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                checked.countDown();
            }
        });
        assertEquals("task", runUntilComplete(task));
        await(checked);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        future.setResult("on the loop thread is fine");
        loop.setDebug(false);
    }
}
