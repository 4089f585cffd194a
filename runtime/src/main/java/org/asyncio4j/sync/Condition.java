package org.asyncio4j.sync;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.asyncio4j.Awaitable;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.internal.LoopBound;
import org.asyncio4j.internal.Waiter;

/**
 * A condition variable for tasks: a {@link Lock} plus a line of tasks waiting to be woken while they do not hold
 * it: asyncio's {@code Condition}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <pre>{@code
 * await(cond.acquire());
 * try {
 *     await(cond.waitFor(() -> !buffer.isEmpty()));   // releases the lock while waiting
 *     take(buffer);
 * } finally {
 *     cond.release();
 * }
 * // producer, holding the lock:  buffer.add(x); cond.wakeOne();
 * }</pre>
 *
 * <h2>Names</h2>
 * {@link Object#wait()}, {@link Object#notify()} and {@link Object#notifyAll()} are final in Java (and are the
 * thread monitor's), so asyncio's methods are renamed: {@code wait()} is {@link #waitAsync()} (as on
 * {@link Event} and {@link Barrier}), {@code wait_for(predicate)} is {@link #waitFor(BooleanSupplier)},
 * {@code notify(n)} is {@link #wake(int)}, {@code notify()} is {@link #wakeOne()} and {@code notify_all()} is
 * {@link #wakeAll()}.
 *
 * <h2>Waiting</h2>
 * {@code waitAsync()} releases the lock, waits until woken, then re-acquires the lock before it returns, always:
 * if the task is cancelled while waiting, or while re-acquiring, it still re-acquires the lock (waiting again as
 * needed) and only then throws {@link CancelledError}, so the caller's {@code finally { cond.release(); }} is
 * right on every path. A task that was woken but then fails this way passes its wake-up to the next waiter, so
 * the wake-up is not lost (waiters may then see a spurious wake-up, which the condition-variable protocol allows;
 * use {@code waitFor} to re-check the predicate).
 * <pre>
 *   holding the lock ──waitAsync()──▶ in line, lock released ──woken──▶ re-acquiring ──▶ holding the lock
 *                                          │ cancelled                    ▲
 *                                          └──────────────────────────────┘ (then CancelledError)
 * </pre>
 *
 * <p>The condition binds to the event loop that first makes a task wait on it; using it from another loop
 * afterwards throws {@link IllegalStateException}.
 */
public final class Condition extends LoopBound {
    private final Lock lock;
    /** Tasks waiting to be woken, oldest first; cancelled ones unlink themselves, woken ones are removed. */
    private final ArrayDeque<Waiter<Void>> waiters = new ArrayDeque<>(0);

    /** Creates a condition with a new lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition that uses {@code lock} (which may be shared with other conditions).
     *
     * @param lock the lock this condition uses ({@code null}: a new one)
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * Acquires the underlying lock, as {@link Lock#acquire()}.
     *
     * @return an awaitable that completes once the lock is held
     */
    public Awaitable<Void> acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock, as {@link Lock#release()}. */
    public void release() {
        lock.release();
    }

    /** {@return whether the underlying lock is held} */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Returns a coroutine that releases the lock, waits until woken by {@link #wake(int)}/{@link #wakeOne()}/
     * {@link #wakeAll()}, and re-acquires the lock: asyncio's {@code Condition.wait()} (named {@code waitAsync}
     * because {@link Object#wait()} is final). See the class Javadoc for cancellation.
     *
     * @throws IllegalStateException if the lock is not held (asyncio: {@code RuntimeError}); also thrown at the
     *     await if it was released meanwhile
     * @return an awaitable that completes once woken, with the lock held again
     */
    public Awaitable<Void> waitAsync() {
        checkLocked("wait");
        return new WaitFrame();
    }

    /**
     * Returns an awaitable that completes, with the lock held, once {@code predicate} is true: asyncio's
     * {@code wait_for}. The predicate is checked now, and again after each wake-up; while it is false the task
     * {@linkplain #waitAsync() waits}. If it is true now, the result is a shared completed future.
     *
     * @param predicate checked after each wake-up, with the lock held
     * @throws IllegalStateException if the predicate is false and the lock is not held
     * @return an awaitable that completes once the predicate holds, with the lock held
     */
    public Awaitable<Void> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        if (predicate.getAsBoolean()) {
            return done();
        }
        checkLocked("wait");
        return new PredicateFrame(predicate);
    }

    /** Wakes the longest-waiting task, if any: asyncio's {@code notify()}. Same as {@code wake(1)}. */
    public void wakeOne() {
        wake(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, longest-waiting first: asyncio's {@code notify(n)}. Each re-acquires the
     * lock (in turn) before its wait returns.
     *
     * @param n how many waiting tasks to wake
     * @throws IllegalStateException if the lock is not held (asyncio: {@code RuntimeError})
     */
    public void wake(int n) {
        checkLocked("notify");
        wakeUpTo(n);
    }

    /** Wakes every waiting task: asyncio's {@code notify_all()}. */
    public void wakeAll() {
        wake(Integer.MAX_VALUE);
    }

    private void wakeUpTo(int n) {
        for (int i = 0; i < n; i++) {
            Waiter<Void> w = waiters.poll();
            if (w == null) {
                return;
            }
            w.wake(null);
        }
    }

    private void checkLocked(String what) {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot " + what + " on un-acquired lock");
        }
    }

    @Override
    public String toString() {
        return "Condition[" + lock + (waiters.isEmpty() ? "" : " waiters=" + waiters.size()) + "]";
    }

    /**
     * The frame of {@link #waitAsync()}.
     * <pre>
     *   START ──release lock, queue──▶ WAITING ──resumed (woken or failed)──▶ REACQUIRING ──lock held──▶ done
     *                                                     CancelledError while re-acquiring: try again ──┘
     * </pre>
     */
    private final class WaitFrame extends Coroutine<Void> {
        private static final byte START = 0;
        private static final byte WAITING = 1;
        private static final byte REACQUIRING = 2;

        private byte state = START;
        private Waiter<Void> waiter;
        /** The failure to rethrow once the lock is held again; the latest cancellation wins, as in asyncio. */
        private Throwable failure;

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            switch (state) {
                case START:
                    if (error != null) {
                        throw error;
                    }
                    checkLocked("wait");
                    lock.release();
                    waiter = waiter(waiters);
                    waiters.add(waiter);
                    state = WAITING;
                    suspendOnFuture(waiter);        // pending, so this always suspends
                    return SUSPENDED;
                case WAITING:
                    if (error != null) {
                        waiter.cancel();            // unlinks it if it was not woken; no-op otherwise
                        failure = error;
                    }
                    return reacquire();
                case REACQUIRING:
                    if (error instanceof CancelledError) {
                        failure = error;
                        return reacquire();
                    }
                    return finish(error != null ? error : failure);
                default:
                    throw new IllegalStateException("invalid state " + state + " in " + this);
            }
        }

        private Object reacquire() throws Throwable {
            state = REACQUIRING;
            for (;;) {
                if (suspendOnAwaitable(lock.acquire())) {
                    return SUSPENDED;
                }
                try {
                    awaitedResult();
                } catch (CancelledError e) {
                    failure = e;                    // not expected inline, but keep trying as asyncio does
                    continue;
                }
                return finish(failure);
            }
        }

        private Object finish(Throwable f) throws Throwable {
            if (f != null) {
                if (waiter.done() && !waiter.cancelled()) {
                    wakeUpTo(1);                    // we were woken but fail: pass the wake-up on
                }
                throw f;
            }
            return null;
        }

        @Override
        public String toString() {
            return Condition.this + ".waitAsync()";
        }
    }

    /** The frame of {@link #waitFor(BooleanSupplier)}: waits until the predicate holds. */
    private final class PredicateFrame extends Coroutine<Void> {
        private final BooleanSupplier predicate;

        PredicateFrame(BooleanSupplier predicate) {
            this.predicate = predicate;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            // Checked again at the start: wrapped in a task, this frame starts later than waitFor() was called.
            if (predicate.getAsBoolean()) {
                return null;
            }
            for (;;) {
                if (suspendOnCoroutine(new WaitFrame())) {
                    return SUSPENDED;
                }
                awaitedResult();                    // a wait always suspends; kept for completeness
                if (predicate.getAsBoolean()) {
                    return null;
                }
            }
        }

        @Override
        public String toString() {
            return Condition.this + ".waitFor(" + predicate + ")";
        }
    }
}
