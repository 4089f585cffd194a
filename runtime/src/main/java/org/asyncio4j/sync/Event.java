package org.asyncio4j.sync;

import java.util.ArrayList;
import org.asyncio4j.Awaitable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.LoopBound;
import org.asyncio4j.internal.Waiter;

/**
 * A flag that tasks can wait for: asyncio's {@code Event}.
 *
 * <p>Not thread-safe; use only from its event loop's thread. (From another thread, set it through
 * {@link EventLoop#callSoonThreadsafe(Runnable) loop.callSoonThreadsafe(event::set)}.)
 *
 * <pre>{@code
 * Event ready = new Event();
 * // a task:             await(ready.waitAsync());
 * // somewhere else:     ready.set();     // wakes every task waiting, and future waits pass at once
 * }</pre>
 *
 * <h2>Why {@code waitAsync()} and not {@code wait()}</h2>
 * asyncio calls the wait method {@code wait()}, but in Java {@link Object#wait()} is final (and blocks the
 * thread), so it cannot be reused. Every asyncio4j primitive names its asyncio {@code wait()} {@code waitAsync()}:
 * {@link #waitAsync()}, {@link Condition#waitAsync()}, {@link Barrier#waitAsync()}.
 *
 * <h2>States</h2>
 * <pre>
 *   clear ──set()──▶ set: every waiting task is woken (in the order it started waiting)
 *     ▲               │
 *     └───clear()─────┘
 * </pre>
 * A task woken by {@code set()} resumes even if {@code clear()} is called before it runs, as in asyncio.
 *
 * <p>The event binds to the event loop that first makes a task wait on it; using it from another loop
 * afterwards throws {@link IllegalStateException}.
 */
public final class Event extends LoopBound {
    private boolean value;
    /** Waiting tasks' futures, oldest first; all pending (cancelled ones unlink themselves). */
    private final ArrayList<Waiter<Void>> waiters = new ArrayList<>(0);

    /** Creates an event that is not set. */
    public Event() {}

    /** {@return whether the event is set} */
    public boolean isSet() {
        return value;
    }

    /** Sets the event and wakes every waiting task. Setting a set event does nothing. */
    public void set() {
        if (value) {
            return;
        }
        value = true;
        for (Waiter<Void> w : waiters) {
            w.wake(null);
        }
        waiters.clear();
    }

    /** Clears the event: tasks that wait from now on wait until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /**
     * Returns an awaitable that completes when the event is set: asyncio's {@code Event.wait()}.
     *
     * <p>If the event is set, the result is a shared completed future (no allocation, no suspension). Otherwise
     * it is a new future, registered by this call, that the next {@link #set()} completes; cancelling it (or the
     * task awaiting it) unregisters it.
     *
     * @throws IllegalStateException if the event is bound to another event loop, or no loop is running
     * @return an awaitable that completes once the event is set
     */
    public Awaitable<Void> waitAsync() {
        if (value) {
            return done();
        }
        Waiter<Void> w = waiter(waiters);
        waiters.add(w);
        return w;
    }

    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset") + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + "]";
    }
}
