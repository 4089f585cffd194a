package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop runs on its own thread; the test thread plays "some other thread". */
class RunCoroutineThreadsafeTest extends RealLoopTestBase {
    private Thread loopThread;

    private void startLoopThread() {
        loopThread = new Thread(loop::runForever, "test-loop");
        loopThread.start();
    }

    @AfterEach
    void stopLoopThread() throws InterruptedException {
        if (loopThread != null) {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
            assertFalse(loopThread.isAlive(), "the loop thread did not stop");
        }
    }

    private static <T> T get(CompletableFuture<T> cf) throws Exception {
        return cf.get(SAFETY_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A coroutine that records its task, waits on a future that nobody completes, and counts {@code suspended}
     * down once it is waiting; {@code finished} is counted down when its await ends, with what it saw there.
     */
    private Coroutine<String> waitForever(AtomicReference<Task<?>> task, CountDownLatch suspended,
            AtomicReference<Throwable> sawAtAwait, AtomicReference<Thread> sawOn, CountDownLatch finished) {
        return coro(() -> {
            task.set(Asyncio.currentTask());
            Future<String> never = loop.createFuture();
            loop.callSoon(suspended::countDown);       // runs after this step has suspended
            return awaitThen(never, r -> {
                try {
                    return done(r.get());
                } catch (Throwable e) {
                    sawAtAwait.set(e);
                    throw e;
                } finally {
                    sawOn.set(Thread.currentThread());
                    finished.countDown();
                }
            });
        });
    }

    @Test
    void fromAnotherThread_returnsTheResult_computedOnTheLoopThread() throws Exception {
        startLoopThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(coro(() -> {
            ranOn.set(Thread.currentThread());
            return awaitThen(Asyncio.sleep(0), r -> done("hello from the loop"));
        }), loop);
        assertEquals("hello from the loop", get(cf));
        assertSame(loopThread, ranOn.get());
    }

    @Test
    void failingCoroutine_completesTheFutureExceptionally_withTheSameException() throws Exception {
        startLoopThread();
        IOException io = new IOException("remote failure");
        CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(coro(() -> {
            throw io;
        }), loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(cf));
        assertSame(io, e.getCause());
        assertFalse(cf.isCancelled());
    }

    @Test
    void cancellingTheCompletableFuture_cancelsTheTask_onTheLoopThread() throws Exception {
        startLoopThread();
        AtomicReference<Task<?>> task = new AtomicReference<>();
        CountDownLatch suspended = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<Throwable> sawAtAwait = new AtomicReference<>();
        AtomicReference<Thread> sawOn = new AtomicReference<>();
        CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(
                waitForever(task, suspended, sawAtAwait, sawOn, finished), loop);
        await(suspended);
        assertTrue(cf.cancel(true));
        await(finished);
        assertTrue(sawAtAwait.get() instanceof CancelledError, String.valueOf(sawAtAwait.get()));
        assertSame(loopThread, sawOn.get());
        assertThrows(CancellationException.class, () -> get(cf));
        // The task's state is the loop's to read: ask on the loop's thread.
        assertEquals(Boolean.TRUE, get(Asyncio.runCoroutineThreadsafe(
                coro(() -> done(task.get().cancelled())), loop)));
    }

    @Test
    void cancellingTheTaskOnTheLoop_cancelsTheCompletableFuture_withTheMessage() throws Exception {
        startLoopThread();
        AtomicReference<Task<?>> task = new AtomicReference<>();
        CountDownLatch suspended = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(waitForever(task, suspended,
                new AtomicReference<>(), new AtomicReference<>(), finished), loop);
        await(suspended);
        loop.callSoonThreadsafe(() -> task.get().cancel("shutting down"));
        CancellationException e = assertThrows(CancellationException.class, () -> get(cf));
        assertEquals("shutting down", cancelledErrorIn(e).getMessage());
        assertTrue(cf.isCancelled());
    }

    @Test
    void cancelledBeforeTheLoopGetsToIt_theCoroutineNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(coro(() -> {
            ran.set(true);
            return done("too late");
        }), loop);
        assertTrue(cf.cancel(false));
        startLoopThread();
        // Handles from other threads run in FIFO order: once this one has run, so has the cancelled one.
        assertEquals("after", get(Asyncio.runCoroutineThreadsafe(immediate("after"), loop)));
        assertFalse(ran.get());
    }

    @Test
    void fromTheLoopThreadItself_theFutureCanBeAwaited() throws Exception {
        startLoopThread();
        CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(coro(() -> awaitThen(
                Asyncio.runCoroutineThreadsafe(immediate("inner"), loop), r -> done("outer+" + r.get()))), loop);
        assertEquals("outer+inner", get(cf));
    }

    @Test
    void aCoroutineAlreadyScheduled_failsTheFuture() throws Exception {
        startLoopThread();
        Coroutine<String> c = immediate("once");
        assertEquals("once", get(Asyncio.runCoroutineThreadsafe(c, loop)));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> get(Asyncio.runCoroutineThreadsafe(c, loop)));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }

    @Test
    void debugMode_runCoroutineThreadsafeIsAllowedFromAnotherThread_butLoopOnlyMethodsAreNot() throws Exception {
        loop.setDebug(true);
        startLoopThread();
        assertEquals("allowed", get(Asyncio.runCoroutineThreadsafe(immediate("allowed"), loop)));
        // The loop is now running on its own thread (it just ran the task), so the check applies.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertEquals("Non-thread-safe operation invoked on an event loop other than the current one", e.getMessage());
    }

    @Test
    void closedLoop_isRejected() {
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.runCoroutineThreadsafe(immediate("x"), loop));
        assertEquals("Event loop is closed", e.getMessage());
    }
}
