package org.asyncio4j;

/**
 * The coroutine behind {@link Asyncio#waitFor(Awaitable, double)}: awaits an operation with a time limit.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>When first resumed it turns the awaitable into a future (a coroutine becomes a task), starts a timer and
 * waits for the future. If the timer fires first it cancels the future and keeps waiting until the future has
 * actually finished (its {@code finally} blocks have run); a {@link CancelledError} then becomes a
 * {@link TimeoutError}. If the awaiting task itself is cancelled, the cancellation reaches the inner future (the
 * task waits on it) and the {@link CancelledError} propagates unchanged; the task's cancellation count tells the
 * two cases apart, as in asyncio 3.12.
 *
 * <pre>
 *   NEW ──resume──▶ waiting ──future done──▶ DONE (result, failure, or TimeoutError after the timer fired)
 * </pre>
 */
final class WaitFor<T> extends Coroutine<T> implements Runnable {
    private final Awaitable<T> awaitable;
    private final double timeoutSeconds;
    private boolean started;
    private Future<T> inner;
    private TimerHandle timer;
    private boolean timedOut;
    private int cancellingAtStart;

    WaitFor(Awaitable<T> awaitable, double timeoutSeconds) {
        if (Double.isNaN(timeoutSeconds)) {
            throw new IllegalArgumentException("timeout must not be NaN");
        }
        this.awaitable = awaitable;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (!started) {
            started = true;
            if (error != null) {
                throw error;
            }
            Task<?> t = requireTask();
            cancellingAtStart = t.cancelling();
            inner = t.loop.ensureFuture(awaitable);
            if (inner.done()) {
                return inner.result();
            }
            if (timeoutSeconds > 0) {
                timer = t.loop.callLater(timeoutSeconds, this);
            } else {
                run();                          // no time at all: cancel now and wait for the cancellation
            }
            if (suspendOnFuture(inner)) {
                return SUSPENDED;
            }
            try {
                value = awaitedResult();
                error = null;
            } catch (Throwable e) {
                value = null;
                error = e;
            }
        }
        if (timer != null) {
            timer.cancel();
        }
        if (error != null) {
            if (timedOut && error instanceof CancelledError && task.cancelling() <= cancellingAtStart) {
                throw new TimeoutError("timed out after " + timeoutSeconds + " s", error);
            }
            throw error;
        }
        return value;
    }

    /** The timer's callback: the time is up. */
    @Override
    public void run() {
        if (!inner.done()) {
            timedOut = true;
            inner.cancel();
        }
    }

    @Override
    public String toString() {
        return "waitFor(" + awaitable + ", " + timeoutSeconds + ")";
    }
}
