package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
    private int finished;
    private boolean cancelRequested;
    private String cancelRequestMessage;

    GatheringFuture(EventLoop loop, List<Future<?>> children, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.returnExceptions = returnExceptions;
        // One callback object shared by all children: the results are read from the children at the end.
        Consumer<Future<?>> onChildDone = this::childDone;
        for (Future<?> child : children) {
            child.addDoneCallback(onChildDone);
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

    private void childDone(Future<?> child) {
        finished++;
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
            return;
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
