package org.asyncio4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Bridges a {@link CompletionStage} into a {@link Future} of an event loop, so that a task can await it.
 *
 * <p>Thread-safe where it must be: the stage may complete on any thread; the bridge hands the outcome to the loop
 * with {@link EventLoop#callSoonThreadsafe}, so the loop future completes on the loop's thread. Cancelling the loop
 * future (for example because the awaiting task was cancelled) cancels the stage if it is a
 * {@link java.util.concurrent.Future}, as asyncio's {@code wrap_future} does.
 */
final class StageBridge {
    private StageBridge() {}

    static <T> Future<T> wrap(CompletionStage<T> stage, EventLoop loop) {
        Future<T> future = loop.createFuture();
        stage.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> {
            if (future.done()) {
                return;                                 // cancelled meanwhile
            }
            if (error == null) {
                future.setResultInternal(value);
            } else {
                Throwable cause = unwrap(error);
                if (cause instanceof CancellationException) {
                    future.cancelInternal(cause.getMessage());
                } else {
                    future.setExceptionInternal(cause);
                }
            }
        }));
        if (stage instanceof java.util.concurrent.Future) {
            java.util.concurrent.Future<?> jf = (java.util.concurrent.Future<?>) stage;
            future.addDoneCallback(f -> {
                if (f.cancelled()) {
                    try {
                        jf.cancel(false);
                    } catch (UnsupportedOperationException refused) {
                        // a minimalCompletionStage() cannot be cancelled: it runs on, its outcome is ignored
                    }
                }
            });
        }
        return future;
    }

    /** Strips the {@link CompletionException}/{@link ExecutionException} wrappers the JDK adds. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
