package org.asyncio4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The bridges between loop futures and {@link CompletableFuture}s behind {@link Asyncio#runCoroutineThreadsafe},
 * {@link Asyncio#toCompletableFuture} and {@link Asyncio#wrapFuture} (asyncio's {@code run_coroutine_threadsafe},
 * {@code _chain_future} and {@code wrap_future}).
 *
 * <p>Thread-safe where the method says so. The rule for both directions: the loop side is only touched on the loop's
 * thread (an outcome or a cancellation coming from another thread goes through
 * {@link EventLoop#callSoonThreadsafe}); the {@code CompletableFuture} side is thread-safe by itself.
 *
 * <h2>What crosses, in each direction</h2>
 * <table>
 *   <caption>Loop future and CompletableFuture</caption>
 *   <tr><th>event</th><th>effect on the other side</th></tr>
 *   <tr><td>loop future finishes with a result / exception</td><td>CF completes with it (on the loop's thread:
 *       dependent stages registered without an executor run there)</td></tr>
 *   <tr><td>loop future cancelled (message m)</td><td>CF completes with a {@code CancellationException(m)}
 *       ({@code isCancelled()} is true)</td></tr>
 *   <tr><td>CF cancelled, on any thread</td><td>loop future (or task) cancelled on the loop's thread: inline if
 *       the CF was cancelled on that thread, else in a later pass; nothing if the loop is closed</td></tr>
 *   <tr><td>CF completed normally by someone else</td><td>nothing: the loop side keeps running, its outcome is
 *       dropped (asyncio does the same)</td></tr>
 * </table>
 */
final class FutureInterop {
    static final String WRONG_THREAD = "Non-thread-safe operation invoked on an event loop other than the current one";

    private FutureInterop() {}

    /** Thread-safe. See {@link Asyncio#runCoroutineThreadsafe(Coroutine, EventLoop)}. */
    static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        CompletableFuture<T> cf = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (cf.isDone()) {
                return;                 // cancelled before it could start: the coroutine never runs
            }
            Task<T> task;
            try {
                task = loop.createTask(coroutine);
            } catch (RuntimeException e) {
                cf.completeExceptionally(e);    // e.g. the coroutine was already awaited or scheduled
                return;
            }
            chain(task, cf);
        });
        return cf;
    }

    /** Loop thread only. See {@link Asyncio#toCompletableFuture(Future)}. */
    static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        checkThread(future.getLoop());
        CompletableFuture<T> cf = new CompletableFuture<>();
        chain(future, cf);
        return cf;
    }

    /** Loop thread only. See {@link Asyncio#wrapFuture(CompletionStage, EventLoop)}. */
    static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        checkThread(loop);
        BridgeFuture<T> future = new BridgeFuture<>(loop, "wrapFuture(" + stage + ")");
        if (stage instanceof java.util.concurrent.Future) {
            future.link((java.util.concurrent.Future<?>) stage);
        }
        stage.whenComplete((value, error) -> future.completeThreadsafe(value, error == null ? null : fromStage(error)));
        return future;
    }

    /**
     * With {@linkplain EventLoop#setDebug debug} on, throws if the loop is running on another thread (as the loop's
     * own loop-only methods do).
     */
    static void checkThread(EventLoop loop) {
        if (loop.isDebug() && loop.isRunning() && EventLoop.runningLoop() != loop) {
            throw new IllegalStateException(WRONG_THREAD);
        }
    }

    /** {@code future}'s outcome completes {@code cf}; cancelling {@code cf} cancels {@code future}. Loop thread. */
    private static <T> void chain(Future<T> future, CompletableFuture<T> cf) {
        if (future.done()) {
            copy(future, cf);
        } else {
            future.addDoneCallback(f -> copy(f, cf));
        }
        EventLoop loop = future.getLoop();
        cf.whenComplete((value, error) -> {
            if (!cf.isCancelled()) {
                return;
            }
            if (EventLoop.runningLoop() == loop) {
                future.cancel();        // on the loop's thread already (a no-op if the future is done)
                return;
            }
            try {
                loop.callSoonThreadsafe(future::cancel);
            } catch (IllegalStateException closed) {
                // The loop is closed: the future can never complete anyway.
            }
        });
    }

    /** Copies a done future's outcome into {@code cf} (no effect if {@code cf} is done already). */
    private static <T> void copy(Future<T> future, CompletableFuture<T> cf) {
        T value;
        try {
            value = future.result();    // the public read: it counts as observing an exception
        } catch (CancelledError e) {
            CancellationException ce = new CancellationException(e.getMessage());
            ce.initCause(e);
            cf.completeExceptionally(ce);
            return;
        } catch (Throwable t) {
            cf.completeExceptionally(t);
            return;
        }
        cf.complete(value);
    }

    /** A stage's failure as the loop side sees it: unwrapped, a cancellation as a {@link CancelledError}. */
    private static Throwable fromStage(Throwable error) {
        Throwable cause = StageBridge.unwrap(error);
        return cause instanceof CancellationException ? new CancelledError(cause.getMessage(), cause) : cause;
    }
}
