package org.asyncio4j.sync;

import java.util.ArrayDeque;
import org.asyncio4j.Awaitable;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.internal.LoopBound;
import org.asyncio4j.internal.Waiter;

/**
 * The fair permit counter behind {@link Lock} and {@link Semaphore}: a count of free permits and a FIFO line of
 * waiting tasks, with direct hand-off.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>{@link #release()} gives the permit straight to the first task in line (completes its waiter future) instead
 * of incrementing the count, so a task that calls {@link #acquire()} before the woken one runs finds no free
 * permit and queues behind it: no barging. The invariant, next to the fields it constrains, is that free permits
 * and waiting tasks never coexist. A task that is cancelled after it was handed a permit but before it ran gives
 * the permit on at once (its {@link Acquire} frame sees the {@link CancelledError}); a task cancelled while still
 * in line just leaves the line.
 * <pre>
 *   acquire: available &gt; 0 ──▶ available - 1, done at once (shared completed future, no allocation)
 *            available == 0 ──▶ Acquire frame queues a Waiter and suspends
 *   release: someone in line ──▶ first waiter completed (it now holds the permit)
 *            nobody in line ──▶ available + 1
 * </pre>
 */
final class Permits extends LoopBound {
    private final String owner;
    // Invariant: available > 0 implies waiters is empty (every waiter in it is pending).
    private int available;
    /** Tasks in line, oldest first; cancelled ones unlink themselves. Created on first contention. */
    private ArrayDeque<Waiter<Void>> waiters;

    Permits(String owner, int available) {
        this.owner = owner;
        this.available = available;
    }

    int available() {
        return available;
    }

    int waiting() {
        return waiters == null ? 0 : waiters.size();
    }

    /** Takes a permit now if one is free (the shared completed future), else returns a frame that queues. */
    Awaitable<Void> acquire() {
        if (available > 0) {
            available--;
            return done();
        }
        return new Acquire(this);
    }

    /** Hands a permit to the first task in line, or frees it if nobody waits. */
    void release() {
        ArrayDeque<Waiter<Void>> line = waiters;
        if (line != null) {
            Waiter<Void> first = line.poll();
            if (first != null) {
                first.wake(null);
                return;
            }
        }
        available++;
    }

    @Override
    public String toString() {
        return owner;
    }

    /**
     * Waits in line for a permit. The permit is the frame's once its waiter completes; if the task is cancelled
     * after that but before it resumes, the frame releases the permit to the next in line before rethrowing.
     */
    private static final class Acquire extends Coroutine<Void> {
        private final Permits permits;
        private Waiter<Void> waiter;

        Acquire(Permits permits) {
            this.permits = permits;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            Waiter<Void> w = waiter;
            if (w == null) {
                if (error != null) {
                    throw error;                // cancelled before the frame started
                }
                Permits p = permits;
                if (p.available > 0) {          // freed between acquire() and the await
                    p.available--;
                    return null;
                }
                if (p.waiters == null) {
                    p.waiters = new ArrayDeque<>();
                }
                w = p.waiter(p.waiters);
                p.waiters.add(w);
                waiter = w;
                suspendOnFuture(w);             // pending, so this always suspends
                return SUSPENDED;
            }
            if (error != null) {
                if (w.done() && !w.cancelled()) {
                    permits.release();          // handed the permit, but cancelled before running: pass it on
                } else {
                    w.cancel();                 // unlinks it (no-op if already cancelled)
                }
                throw error;
            }
            return null;
        }

        @Override
        public String toString() {
            return permits.owner + ".acquire()" + (waiter == null ? "" : " " + waiter);
        }
    }
}
