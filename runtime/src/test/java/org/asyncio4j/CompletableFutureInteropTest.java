package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Asyncio#toCompletableFuture} and {@link Asyncio#wrapFuture}; the loop runs on the test thread. */
class CompletableFutureInteropTest extends RealLoopTestBase {
    private static final String WRONG_THREAD =
            "Non-thread-safe operation invoked on an event loop other than the current one";

    /** A task that waits on {@code never}; {@code suspended} is counted down once it waits. */
    private Task<String> waitingTask(Future<String> never, CountDownLatch suspended) {
        return loop.createTask(coro(() -> {
            loop.callSoon(suspended::countDown);
            return awaitThen(never, r -> done(r.get()));
        }));
    }

    // ---- loop future → CompletableFuture ----

    @Test
    void toCompletableFuture_completesWithTheResult_onTheLoopThread() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = Asyncio.toCompletableFuture(f);
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        cf.thenRun(() -> completedOn.set(Thread.currentThread()));
        assertFalse(cf.isDone());
        loop.callSoon(() -> f.setResult("v"));
        // The bridge's done callback was added before runUntilComplete's own, so it has run when the run returns.
        runUntilComplete(f);
        assertEquals("v", cf.getNow(null));
        assertSame(Thread.currentThread(), completedOn.get());
    }

    @Test
    void toCompletableFuture_ofATask_carriesItsException() {
        IOException io = new IOException("boom");
        Task<String> t = loop.createTask(coro(() -> {
            throw io;
        }));
        CompletableFuture<String> cf = Asyncio.toCompletableFuture(t);
        assertThrows(IOException.class, () -> runUntilComplete(t));
        ExecutionException e = assertThrows(ExecutionException.class, cf::get);
        assertSame(io, e.getCause());
    }

    @Test
    void toCompletableFuture_ofADoneFuture_isDoneAtOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("ready");
        assertEquals("ready", Asyncio.toCompletableFuture(f).getNow(null));
        Future<String> c = loop.createFuture();
        c.cancel("gone");
        CompletableFuture<String> cancelled = Asyncio.toCompletableFuture(c);
        assertTrue(cancelled.isCancelled());
        assertEquals("gone", cancelledErrorIn(assertThrows(CancellationException.class, cancelled::join)).getMessage());
    }

    @Test
    void cancelledLoopFuture_cancelsTheCompletableFuture_withTheMessage() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = Asyncio.toCompletableFuture(f);
        loop.callSoon(() -> f.cancel("not needed"));
        assertThrows(CancelledError.class, () -> runUntilComplete(f));
        assertTrue(cf.isCancelled());
        CancellationException e = assertThrows(CancellationException.class, cf::join);
        assertEquals("not needed", cancelledErrorIn(e).getMessage());
    }

    @Test
    void cancellingTheCompletableFuture_fromAnotherThread_cancelsTheTaskOnTheLoopThread() {
        Future<String> never = loop.createFuture();
        CountDownLatch suspended = new CountDownLatch(1);
        Task<String> t = waitingTask(never, suspended);
        CompletableFuture<String> cf = Asyncio.toCompletableFuture(t);
        startHelper("canceller", () -> {
            await(suspended);
            assertTrue(cf.cancel(true));
        });
        assertThrows(CancelledError.class, () -> runUntilComplete(t));
        assertTrue(t.cancelled());
        assertTrue(never.cancelled(), "the task's cancellation reached the future it waited on");
    }

    @Test
    void cancellingTheCompletableFuture_onTheLoopThread_cancelsTheTaskAtOnce() {
        Task<String> t = waitingTask(loop.createFuture(), new CountDownLatch(1));
        CompletableFuture<String> cf = Asyncio.toCompletableFuture(t);
        runOnePass();           // the task now waits
        AtomicReference<Integer> cancellingRightAfter = new AtomicReference<>();
        loop.callSoon(() -> {
            cf.cancel(false);
            cancellingRightAfter.set(t.cancelling());
        });
        runOnePass();
        assertEquals(1, cancellingRightAfter.get(), "task.cancel() was called inline, in the same callback");
        assertThrows(CancelledError.class, () -> runUntilComplete(t));
    }

    @Test
    void completingTheCompletableFutureFromOutside_doesNotTouchTheLoopFuture() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = Asyncio.toCompletableFuture(f);
        cf.complete("outsider");
        loop.callSoon(() -> f.setResult("inside"));
        assertEquals("inside", runUntilComplete(f));
        assertEquals("outsider", cf.join());
    }

    // ---- CompletionStage → loop future ----

    @Test
    void wrapFuture_completedOnAnotherThread_deliversTheResultOnTheLoopThread() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Thread> resumedOn = new AtomicReference<>();
        Task<String> t = loop.createTask(coro(() -> {
            Future<String> f = Asyncio.wrapFuture(cf);
            loop.callSoon(waiting::countDown);
            return awaitThen(f, r -> {
                resumedOn.set(Thread.currentThread());
                return done(r.get());
            });
        }));
        startHelper("completer", () -> {
            await(waiting);
            cf.complete("from a pool thread");
        });
        assertEquals("from a pool thread", runUntilComplete(t));
        assertSame(Thread.currentThread(), resumedOn.get());
    }

    @Test
    void wrapFuture_failedStage_givesTheCauseUnwrapped() {
        IOException io = new IOException("remote");
        CompletableFuture<String> source = new CompletableFuture<>();
        // thenApply wraps the failure in a CompletionException; the loop future holds the cause.
        Future<String> f = Asyncio.wrapFuture(source.thenApply(s -> s + "!"), loop);
        startHelper("failer", () -> source.completeExceptionally(io));
        assertSame(io, assertThrows(IOException.class, () -> runUntilComplete(f)));
        assertSame(io, f.exception());
    }

    @Test
    void wrapFuture_stageCancelledOnAnotherThread_cancelsTheLoopFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Asyncio.wrapFuture(cf, loop);
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        startHelper("canceller", () -> {
            await(running);
            cf.cancel(true);
        });
        assertThrows(CancelledError.class, () -> runUntilComplete(f));
        assertTrue(f.cancelled());
    }

    @Test
    void cancellingTheLoopFuture_cancelsTheStage_atOnce() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Asyncio.wrapFuture(cf, loop);
        assertTrue(f.cancel());
        assertTrue(cf.isCancelled());
        runOnePass();           // the stage's own cancellation comes back through the loop and is dropped
        assertTrue(f.cancelled());
    }

    @Test
    void cancellingATaskAwaitingTheWrappedStage_cancelsTheStage() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Task<String> t = loop.createTask(coro(() -> awaitThen(Asyncio.wrapFuture(cf), r -> done(r.get()))));
        runOnePass();
        t.cancel();
        assertThrows(CancelledError.class, () -> runUntilComplete(t));
        assertTrue(cf.isCancelled());
    }

    @Test
    void wrapFuture_ofAStageThatCannotBeCancelled_cancelsOnlyTheLoopSide() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        CompletionStage<String> minimal = cf.minimalCompletionStage();  // cancel() throws UnsupportedOperationException
        Future<String> f = Asyncio.wrapFuture(minimal, loop);
        assertTrue(f.cancel());
        assertFalse(cf.isDone());
        cf.complete("late");
        runOnePass();           // the late result comes through the loop and is dropped
        assertTrue(f.cancelled());
    }

    @Test
    void wrapFuture_withoutARunningLoop_isRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.wrapFuture(new CompletableFuture<String>()));
        assertEquals("no running event loop", e.getMessage());
    }

    @Test
    void roundTrip_cancellationCrossesBothBridges() {
        CompletableFuture<String> outside = new CompletableFuture<>();
        Future<String> inside = Asyncio.wrapFuture(outside, loop);
        CompletableFuture<String> back = Asyncio.toCompletableFuture(inside);
        AtomicReference<Boolean> bothCancelledAtOnce = new AtomicReference<>();
        loop.callSoon(() -> {
            back.cancel(false);     // on the loop's thread: cancels `inside` at once, which cancels `outside`
            bothCancelledAtOnce.set(inside.cancelled() && outside.isCancelled());
        });
        runOnePass();
        assertTrue(bothCancelledAtOnce.get());
        runOnePass();           // the echoes of both cancellations come back through the loop and are dropped
        assertTrue(inside.cancelled());
    }

    // ---- debug mode ----

    @Test
    void debugMode_conversionsFromAnotherThread_throwTheThreadCheckMessage() {
        loop.setDebug(true);
        Future<String> f = loop.createFuture();
        AtomicReference<Throwable> toCf = new AtomicReference<>();
        AtomicReference<Throwable> wrap = new AtomicReference<>();
        AtomicReference<Object> sameThreadResult = new AtomicReference<>();
        loop.callSoon(() -> {
            sameThreadResult.set(Asyncio.toCompletableFuture(f));    // the loop's own thread: allowed
            Thread other = startHelper("intruder", () -> {
                toCf.set(assertThrows(IllegalStateException.class, () -> Asyncio.toCompletableFuture(f)));
                wrap.set(assertThrows(IllegalStateException.class,
                        () -> Asyncio.wrapFuture(new CompletableFuture<String>(), loop)));
            });
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runOnePass();
        assertEquals(WRONG_THREAD, toCf.get().getMessage());
        assertEquals(WRONG_THREAD, wrap.get().getMessage());
        assertTrue(sameThreadResult.get() instanceof CompletableFuture);
    }

    @Test
    void loopNotRunning_aConversionMayBeSetUpFromAnotherThread() throws Exception {
        Future<String> f = loop.createFuture();
        AtomicReference<CompletableFuture<String>> cf = new AtomicReference<>();
        startHelper("setup", () -> cf.set(Asyncio.toCompletableFuture(f))).join();
        assertNull(cf.get().getNow(null));
        f.setResult("x");
        runOnePass();
        assertEquals("x", cf.get().getNow(null));
    }
}
