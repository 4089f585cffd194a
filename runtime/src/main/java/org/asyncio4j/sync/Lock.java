package org.asyncio4j.sync;

import org.asyncio4j.Awaitable;
import org.asyncio4j.CancelledError;
import org.asyncio4j.internal.AwaitThen;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}.
 *
 * <p>Not thread-safe; use only from its event loop's thread. (It excludes tasks, not threads.)
 *
 * <pre>{@code
 * await(lock.acquire());
 * try {
 *     ...                              // at most one task at a time here
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 * or, in an {@code @Async} body, as asyncio's {@code async with lock:} ({@link #hold()}):
 * <pre>{@code
 * try (Held held = await(lock.hold())) {
 *     ...                              // released on every way out, cancellation included
 * }
 * }</pre>
 *
 * <h2>Fairness</h2>
 * Tasks get the lock in the order they started waiting for it. {@link #release()} hands the lock directly to the
 * first waiting task, so the lock stays {@linkplain #locked() locked} until that task runs, and a task that calls
 * {@code acquire()} in between queues behind it (no barging). A task cancelled while waiting leaves the line; a task
 * cancelled after it was handed the lock but before it ran passes the lock on to the next in line, so a
 * cancellation never leaves the lock held by nobody.
 *
 * <h2>States</h2>
 * <pre>
 *   unlocked ──acquire()──▶ locked ──release(), nobody waits──▶ unlocked
 *                             │  ▲
 *                             └──┘ release() with tasks waiting: handed to the first, stays locked
 *   unlocked ──release()──▶ IllegalStateException
 * </pre>
 *
 * <p>The lock binds to the event loop that first makes it wait (as asyncio's does); using it from another loop
 * afterwards throws {@link IllegalStateException}. It is not reentrant, and, as in asyncio, any task may release
 * it.
 */
public final class Lock {
    private final Permits permits = new Permits("Lock", 1);

    /** Creates an unlocked lock. */
    public Lock() {}

    /**
     * Returns an awaitable that completes when the calling task holds the lock; await it at once:
     * {@code await(lock.acquire())}.
     *
     * <p>If the lock is free it is taken by this call and the returned awaitable is already complete (a shared
     * completed future: nothing is allocated and the task does not suspend). Otherwise the returned coroutine joins
     * the line when it is awaited and finishes when the lock has been handed to the task. If the waiting task is
     * cancelled, the await throws {@link CancelledError} and the task does not hold the lock.
     *
     * @throws IllegalStateException if the lock is bound to another event loop, or no loop is running
     * @return an awaitable that completes once the lock is held
     */
    public Awaitable<Void> acquire() {
        return permits.acquire();
    }

    /**
     * {@link #acquire()}, completing with a {@link Held} whose close releases the lock: the resource of
     * {@code async with lock:}, {@code try (Held held = await(lock.hold())) { ... }}.
     *
     * @return an awaitable of the hold, complete once the lock is held
     * @throws IllegalStateException as {@link #acquire()}
     */
    public Awaitable<Held> hold() {
        return new AwaitThen<Void, Held>(acquire(), (unused, failure) -> {
            if (failure != null) {
                throw failure;
            }
            return new Held(this, this::release);
        });
    }

    /**
     * Releases the lock: hands it to the first waiting task, or unlocks it if none waits.
     *
     * @throws IllegalStateException if the lock is not locked (asyncio: {@code RuntimeError})
     */
    public void release() {
        if (permits.available() != 0) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        permits.release();
    }

    /** {@return whether the lock is held (or has been handed to a waiting task that has not run yet)} */
    public boolean locked() {
        return permits.available() == 0;
    }

    @Override
    public String toString() {
        int waiting = permits.waiting();
        return "Lock[" + (locked() ? "locked" : "unlocked") + (waiting > 0 ? " waiters=" + waiting : "") + "]";
    }
}
