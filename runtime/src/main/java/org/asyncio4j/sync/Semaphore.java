package org.asyncio4j.sync;

import org.asyncio4j.Awaitable;
import org.asyncio4j.CancelledError;
import org.asyncio4j.internal.AwaitThen;

/**
 * A counter of permits that tasks take and give back, waiting while none is free: asyncio's {@code Semaphore}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 * await(connections.acquire());
 * try {
 *     ...                              // at most 10 tasks at a time here
 * } finally {
 *     connections.release();
 * }
 * }</pre>
 *
 * <h2>Fairness</h2>
 * As in asyncio 3.11+, permits go to waiting tasks in FIFO order: {@link #release()} hands the permit directly to
 * the first task in line, and a task calling {@link #acquire()} meanwhile waits behind it. A task cancelled while
 * waiting leaves the line; one cancelled after it was handed a permit but before it ran gives the permit on, so
 * no permit is ever lost to a cancellation.
 *
 * <h2>States</h2>
 * <pre>
 *   value &gt; 0 ──acquire()──▶ value - 1 (no waiting)
 *   value == 0 ──acquire()──▶ waits in line
 *   release() ──▶ the first waiter gets the permit, or value + 1 if nobody waits
 * </pre>
 * An unbounded semaphore may be released more often than acquired (the value just grows); a
 * {@link BoundedSemaphore} refuses that.
 *
 * <p>The semaphore binds to the event loop that first makes it wait; using it from another loop afterwards throws
 * {@link IllegalStateException}.
 */
public class Semaphore {
    final Permits permits;

    /** Creates a semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @param value the initial number of permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative (asyncio: {@code ValueError})
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.permits = new Permits(getClass().getSimpleName(), value);
    }

    /**
     * Returns an awaitable that completes when the calling task holds a permit; await it at once:
     * {@code await(sem.acquire())}.
     *
     * <p>If a permit is free it is taken by this call and the returned awaitable is already complete (a shared
     * completed future: nothing is allocated and the task does not suspend). Otherwise the returned coroutine joins
     * the line when it is awaited. If the waiting task is cancelled, the await throws {@link CancelledError} and
     * the task holds no permit.
     *
     * @throws IllegalStateException if the semaphore is bound to another event loop, or no loop is running
     * @return an awaitable that completes once a permit is acquired
     */
    public final Awaitable<Void> acquire() {
        return permits.acquire();
    }

    /**
     * {@link #acquire()}, completing with a {@link Held} whose close releases the permit: the resource of
     * {@code async with semaphore:}, {@code try (Held held = await(semaphore.hold())) { ... }}.
     *
     * @return an awaitable of the hold, complete once a permit is held
     */
    public final Awaitable<Held> hold() {
        return new AwaitThen<Void, Held>(acquire(), (unused, failure) -> {
            if (failure != null) {
                throw failure;
            }
            return new Held(this, this::release);
        });
    }

    /** Gives a permit back: to the first waiting task, or to the free count if none waits. */
    public void release() {
        permits.release();
    }

    /** {@return whether {@link #acquire()} would have to wait (no permit is free)} */
    public final boolean locked() {
        return permits.available() == 0;
    }

    /** {@return the number of free permits (asyncio's {@code _value}); never positive while tasks wait} */
    public final int value() {
        return permits.available();
    }

    @Override
    public String toString() {
        int waiting = permits.waiting();
        return getClass().getSimpleName() + "[" + (locked() ? "locked" : "unlocked, value=" + permits.available())
                + (waiting > 0 ? " waiters=" + waiting : "") + "]";
    }
}
