package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The coroutine behind {@link Asyncio#wait(Collection, ReturnWhen, double)}: waits until some of the futures are
 * done, following asyncio's {@code _wait}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>When first resumed it wraps coroutines in tasks, adds one done callback to every future and waits on a
 * private waiter future. The callback counts completions and releases the waiter when the {@link ReturnWhen}
 * condition holds; a timer releases it when the timeout passes. Nothing is ever cancelled: the futures that are
 * not done are returned as pending. As in asyncio, the waiter is always waited on, so even when everything is
 * already done the task yields once. If the awaiting task is cancelled, the callbacks and the timer are removed
 * and the {@link CancelledError} propagates; the futures keep running.
 *
 * <pre>
 *   NEW ──resume──▶ waiting on the waiter ──released (condition, timeout) or cancelled──▶ DONE
 * </pre>
 */
final class Wait<T> extends Coroutine<WaitResult<T>> {
    private final List<Awaitable<? extends T>> awaitables;
    private final ReturnWhen returnWhen;
    /** Seconds; positive infinity: no timeout. */
    private final double timeoutSeconds;
    private boolean started;
    private LinkedHashSet<Future<T>> futures;
    private Future<Void> waiter;
    private TimerHandle timer;
    private int remaining;
    private final Consumer<Future<T>> onCompletion = this::onCompletion;

    Wait(Collection<? extends Awaitable<? extends T>> awaitables, ReturnWhen returnWhen, double timeoutSeconds) {
        Objects.requireNonNull(awaitables, "awaitables");
        Objects.requireNonNull(returnWhen, "returnWhen");
        if (Double.isNaN(timeoutSeconds)) {
            throw new IllegalArgumentException("timeout must not be NaN");
        }
        if (awaitables.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        this.awaitables = new ArrayList<>(awaitables.size());
        for (Awaitable<? extends T> a : awaitables) {
            this.awaitables.add(Objects.requireNonNull(a, "awaitable"));
        }
        this.returnWhen = returnWhen;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    @SuppressWarnings("unchecked")  // Future<? extends T> read as Future<T>: see WaitResult
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (!started) {
            started = true;
            if (error != null) {
                throw error;            // cancelled before it started
            }
            EventLoop loop = requireTask().loop;
            futures = new LinkedHashSet<>();
            for (Awaitable<? extends T> a : awaitables) {
                futures.add((Future<T>) loop.ensureFuture(a));
            }
            remaining = futures.size();
            waiter = loop.createFuture();
            if (timeoutSeconds != Double.POSITIVE_INFINITY) {
                timer = loop.callLater(timeoutSeconds, this::release);
            }
            for (Future<T> f : futures) {
                f.addDoneCallback(onCompletion);
            }
            suspendOnFuture(waiter);    // pending, so this always suspends
            return SUSPENDED;
        }
        if (timer != null) {
            timer.cancel();
        }
        for (Future<T> f : futures) {
            f.removeDoneCallback(onCompletion);
        }
        if (error != null) {
            throw error;
        }
        LinkedHashSet<Future<T>> done = new LinkedHashSet<>();
        LinkedHashSet<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : futures) {
            (f.done() ? done : pending).add(f);
        }
        return new WaitResult<>(done, pending);
    }

    private void onCompletion(Future<T> f) {
        remaining--;
        if (remaining <= 0
                || returnWhen == ReturnWhen.FIRST_COMPLETED
                || returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception != null) {
            release();
        }
    }

    private void release() {
        if (timer != null) {
            timer.cancel();
        }
        if (!waiter.done()) {
            waiter.setResultInternal(null);
        }
    }

    @Override
    public String toString() {
        return "wait(" + awaitables.size() + " awaitables, " + returnWhen
                + (timeoutSeconds == Double.POSITIVE_INFINITY ? "" : ", timeout " + timeoutSeconds) + ")";
    }
}
