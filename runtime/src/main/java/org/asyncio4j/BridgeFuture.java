package org.asyncio4j;

/**
 * A loop {@link Future} whose outcome comes from another thread, linked to a {@link java.util.concurrent.Future}
 * on that side: the future behind {@link Asyncio#toThread} (linked to the worker's task) and
 * {@link Asyncio#wrapFuture} (linked to the wrapped stage).
 *
 * <p>Not thread-safe, like every {@link Future}, with one exception: {@link #completeThreadsafe} may be called from
 * any thread. It hands the outcome to the loop with {@link EventLoop#callSoonThreadsafe}, so the future always
 * completes on the loop's thread.
 *
 * <pre>
 *   PENDING ──completeThreadsafe, then the loop's next pass──▶ FINISHED (result or exception)
 *      │                                                       or CANCELLED (the outcome was a CancelledError)
 *      └──cancel() on the loop──▶ CANCELLED; the linked future is cancelled at once, with interruption
 *   done ──completeThreadsafe──▶ the late outcome is dropped (also when the loop is already closed)
 * </pre>
 * Cancelling propagates inline, not through a done callback, so that a worker is interrupted in the same pass in
 * which its awaiting task is cancelled.
 *
 * @param <T> the result type
 */
final class BridgeFuture<T> extends Future<T> {
    /** What feeds this future, for {@link #toString()}. */
    private final String origin;
    /** The other side; set once, on the loop's thread, right after construction. */
    private java.util.concurrent.Future<?> linked;

    BridgeFuture(EventLoop loop, String origin) {
        super(loop);
        this.origin = origin;
    }

    /** Links the other side; if this future was cancelled meanwhile, cancels it now. Loop thread only. */
    void link(java.util.concurrent.Future<?> other) {
        linked = other;
        if (cancelled()) {
            cancelLinked(other);
        }
    }

    /**
     * From any thread: completes this future on the loop's thread in a later pass, with {@code value} if
     * {@code error} is {@code null}, cancelled if {@code error} is a {@link CancelledError} (its message becomes
     * the cancellation's), otherwise with {@code error}. Dropped if the future is done by then or the loop is
     * closed (nobody can observe the outcome any more).
     */
    void completeThreadsafe(T value, Throwable error) {
        try {
            loop.callSoonThreadsafe(() -> settle(value, error));
        } catch (IllegalStateException closed) {
            // The loop is closed; its tasks will never run again.
        }
    }

    private void settle(T value, Throwable error) {
        if (done()) {
            return;                     // cancelled meanwhile (the linked side was told then)
        }
        if (error == null) {
            setResult(value);
        } else if (error instanceof CancelledError) {
            super.cancel(error.getMessage());   // not this.cancel: the linked side is already done
        } else {
            setException(error);
        }
    }

    /** Cancels this future and, if that changed anything, the linked one (interrupting a running worker). */
    @Override
    public boolean cancel(String message) {
        if (!super.cancel(message)) {
            return false;
        }
        java.util.concurrent.Future<?> other = linked;
        if (other != null) {
            cancelLinked(other);
        }
        return true;
    }

    private static void cancelLinked(java.util.concurrent.Future<?> other) {
        try {
            other.cancel(true);
        } catch (UnsupportedOperationException e) {
            // A stage that cannot be cancelled, such as CompletableFuture.minimalCompletionStage(): only our side is.
        }
    }

    @Override
    public String toString() {
        return "Future[" + describeState() + " from " + origin + "]";
    }
}
