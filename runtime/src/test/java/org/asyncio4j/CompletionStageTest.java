package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CompletionStageTest extends LoopTestBase {

    /** Completes {@code action} on a new thread once {@code ready} is counted down; returns the thread. */
    private static Thread completeLater(CountDownLatch ready, Runnable action) {
        Thread t = new Thread(() -> {
            try {
                ready.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            action.run();
        });
        t.start();
        return t;
    }

    @Test
    void await_completableFutureCompletedOnAnotherThread_resumesOnTheLoopThread() throws Exception {
        CompletableFuture<String> cf = new CompletableFuture<>();
        CountDownLatch suspended = new CountDownLatch(1);
        Thread helper = completeLater(suspended, () -> cf.complete("from elsewhere"));
        AtomicReference<Thread> resumedOn = new AtomicReference<>();
        Task<String> t = loop.createTask(coro(() -> {
            // The latch opens only after this step has suspended: the completion cannot happen before.
            loop.callSoon(suspended::countDown);
            return awaitThen(cf, r -> {
                resumedOn.set(Thread.currentThread());
                return done(r.get());
            });
        }));
        assertEquals("from elsewhere", loop.runUntilComplete(t));
        assertSame(Thread.currentThread(), resumedOn.get());
        helper.join();
    }

    @Test
    void await_failedStage_throwsTheCauseUnwrapped() throws Exception {
        IOException io = new IOException("remote");
        CompletableFuture<String> cf = new CompletableFuture<>();
        CountDownLatch suspended = new CountDownLatch(1);
        Thread helper = completeLater(suspended, () -> cf.completeExceptionally(io));
        Task<String> t = loop.createTask(coro(() -> {
            loop.callSoon(suspended::countDown);
            // thenApply wraps the failure in a CompletionException; await unwraps it.
            return awaitThen(cf.thenApply(s -> s + "!"), r -> done(r.get()));
        }));
        IOException e = assertThrows(IOException.class, () -> loop.runUntilComplete(t));
        assertSame(io, e);
        helper.join();
    }

    @Test
    void cancellingTheAwaitingTask_cancelsTheCompletableFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Task<String> t = loop.createTask(coro(() -> awaitThen(cf, r -> done(r.get()))));
        loop.callLater(1, t::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(cf.isCancelled());
    }

    @Test
    void cancelledStage_isSeenAsCancelledError() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        cf.cancel(false);
        Task<String> t = loop.createTask(coro(() -> awaitThen(cf, r -> done(r.get()))));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
    }

    @Test
    void minimalCompletionStage_alreadyComplete_isAwaitedThroughTheBridge() {
        CompletionStage<String> minimal = CompletableFuture.completedFuture("done").minimalCompletionStage();
        Task<String> t = loop.createTask(coro(() -> awaitThen(minimal, r -> done(r.get() + "!"))));
        assertEquals("done!", loop.runUntilComplete(t));
    }

    @Test
    void cancellingATaskAwaitingAMinimalStage_reportsNothing_andTheStageRunsOn() {
        // a minimal stage refuses cancel(): the task is cancelled, the stage is left to finish
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletionStage<String> minimal = source.minimalCompletionStage();
        Task<String> t = loop.createTask(coro(() -> awaitThen(minimal, r -> done(r.get()))));
        loop.callLater(1, t::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        source.complete("late");
        loop.runUntilComplete(loop.createTask(coro(() -> done(null))));
        // (LoopTestBase fails the test if anything reached the loop's exception handler)
        assertTrue(minimal.toCompletableFuture().isDone());
    }
}
