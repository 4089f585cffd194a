package org.asyncio4j.internal;

import java.util.Collection;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.sync.Event;

/**
 * A future that a task parks on inside a primitive's wait list, and that leaves the list when it is cancelled (the
 * futures in asyncio's {@code _waiters} deques).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Cancelling a waiting task cancels the future it waits on; unlinking here keeps timed-out or cancelled waiters
 * from piling up in a list that is rarely drained (an {@link Event} that is never set, say). Waking a waiter
 * (completing it normally) is the list owner's job, which removes it from the list at the same time.
 * <pre>
 *   PENDING (in home) ──owner wakes it──▶ FINISHED (owner removed it)
 *   PENDING (in home) ──cancel──────────▶ CANCELLED (removed itself)
 * </pre>
 *
 * @param <T> the result type
 */
public final class Waiter<T> extends Future<T> {
    private final Collection<? super Waiter<T>> home;

    public Waiter(EventLoop loop, Collection<? super Waiter<T>> home) {
        super(loop);
        this.home = home;
    }

    /** Completes this waiter with {@code value}: the list owner wakes it, having removed it from the list. */
    public void wake(T value) {
        setResultInternal(value);
    }

    @Override
    public boolean cancel(String message) {
        if (!cancelInternal(message)) {
            return false;
        }
        home.remove(this);      // identity: Future does not override equals
        return true;
    }

    @Override
    public String toString() {
        return "Waiter[" + describeState() + "]";
    }
}
