package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The future returned by {@link Asyncio#gather}: completes with the children's results in argument order.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Follows asyncio's {@code _GatheringFuture}:
 * <ul>
 *   <li>without {@code returnExceptions}, the first child failure completes this future with that exception; a
 *       cancelled child counts as a failure with a {@link CancelledError} (this future is then <em>not</em>
 *       cancelled, so one cancelled child does not cancel its siblings). The other children keep running;</li>
 *   <li>with {@code returnExceptions}, failures (and {@link CancelledError}s for cancelled children) appear in
 *       the result list in place of results;</li>
 *   <li>{@link #cancel(String)} cancels every child that is not done; once they have all finished, this future
 *       ends cancelled (without {@code returnExceptions}: as soon as the first cancelled child finishes).</li>
 * </ul>
 */
final class GatheringFuture<T> extends Future<List<T>> {
    private final List<Future<?>> children;
    private final boolean returnExceptions;
    /** Children completed so far (counted when they complete, not when the action runs). */
    private int finished;
    /** Whether a failure's action was scheduled: the first failure decides; later ones need no action. */
    private boolean failureScheduled;
    private boolean cancelRequested;
    private String cancelRequestMessage;

    GatheringFuture(EventLoop loop, List<Future<?>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
        for (Future<?> child : children) {
            child.addGatherer(this);
        }
        if (children.isEmpty()) {
            setResultInternal(new ArrayList<>());
        }
    }

    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
            cancelRequestMessage = message;
        }
        return any;
    }

    /**
     * Called by {@code child} as it completes (or at once, if it is already done), where a done callback would be
     * scheduled. It only counts: if the child's completion calls for an action (the first failure, or the last
     * child), the action is scheduled as the done callback of that child would have been, at the same place in the
     * ready queue, so the gathering future completes exactly when it did with one callback per child. The other
     * children cost no callback object and no pass through the queue.
     */
    void childCompleted(Future<?> child) {
        finished++;
        boolean failed = child.state == CANCELLED || child.exception != null;
        if (finished == children.size() || failed && !returnExceptions && !failureScheduled) {
            failureScheduled |= failed;
            loop.scheduleHandle(new DoneCallbackHandle<>(this::act, child));
        }
    }

    /** The scheduled action: the outcome of the gather once {@code child} completed; see {@link #childCompleted}. */
    private void act(Future<?> child) {
        if (done()) {
            return;
        }
        if (!returnExceptions) {
            if (child.cancelled()) {
                if (cancelRequested) {
                    cancelInternal(cancelRequestMessage);   // we asked for it: end cancelled, not failed
                } else {
                    setExceptionInternal(child.newCancelledError());
                }
                return;
            }
            if (child.exception != null) {
                setExceptionInternal(child.exception);
                return;
            }
        }
        if (finished < children.size()) {
            return;     // a failure with returnExceptions, or cancelled: wait for the last child's action
        }
        if (cancelRequested) {
            // asyncio sets a CancelledError as the exception here; ending cancelled is the same for awaiters and
            // keeps cancel() == true consistent with cancelled() == true afterwards.
            cancelInternal(cancelRequestMessage);
            return;
        }
        ArrayList<Object> results = new ArrayList<>(children.size());
        for (Future<?> c : children) {
            if (c.cancelled()) {
                results.add(c.newCancelledError());
            } else if (c.exception != null) {
                results.add(c.exception);
            } else {
                results.add(c.result);
            }
        }
        setResultInternal(results);
    }

    @Override
    public String toString() {
        return "GatheringFuture[" + describeState() + " children=" + children.size() + " finished=" + finished + "]";
    }
}
