package org.asyncio4j.sync;

import java.util.ArrayList;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;
import org.asyncio4j.internal.LoopBound;
import org.asyncio4j.internal.Waiter;

/**
 * A meeting point for a fixed number of tasks: each waits until {@link #parties()} tasks have arrived, then all go
 * on together, and the barrier can be used again: asyncio's {@code Barrier} (Python 3.11).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <pre>{@code
 * Barrier b = new Barrier(3);
 * // in each of 3 tasks:
 * int index = await(b.waitAsync());   // 0, 1, 2 in order of arrival
 * }</pre>
 * asyncio's {@code wait()} is named {@link #waitAsync()} because {@link Object#wait()} is final (as on
 * {@link Event} and {@link Condition}).
 *
 * <h2>States</h2>
 * <table>
 *   <caption>Barrier states</caption>
 *   <tr><th>state</th><th>meaning</th></tr>
 *   <tr><td>FILLING</td><td>tasks arrive and wait; the {@code parties}-th arrival starts draining</td></tr>
 *   <tr><td>DRAINING</td><td>the released tasks are leaving; new arrivals wait until the last has left</td></tr>
 *   <tr><td>RESETTING</td><td>{@link #reset()} broke the waiting tasks out with {@link BrokenBarrierError};
 *       new arrivals wait until they have left</td></tr>
 *   <tr><td>BROKEN</td><td>{@link #abort()}: every wait, now or later, throws {@link BrokenBarrierError}
 *       (until {@link #reset()})</td></tr>
 * </table>
 * <pre>
 *   FILLING ──parties-th arrival──▶ DRAINING ──last released task left──▶ FILLING
 *   FILLING ──reset() with tasks waiting──▶ RESETTING ──last one left──▶ FILLING
 *   any ──abort()──▶ BROKEN ──reset()──▶ RESETTING or FILLING
 * </pre>
 * A task cancelled while waiting leaves the barrier (it no longer counts toward {@code parties}).
 *
 * <p>asyncio's {@code reset()} and {@code abort()} are coroutines only because they take the barrier's internal
 * condition lock; here they never need to wait, so they are plain methods. The barrier binds to the event loop
 * that first makes a task wait on it.
 */
public final class Barrier extends LoopBound {
    private static final byte FILLING = 0;
    private static final byte DRAINING = 1;
    private static final byte RESETTING = 2;
    private static final byte BROKEN = 3;

    private final int parties;
    private byte state = FILLING;
    /** Tasks inside the barrier: arrived and not yet left (asyncio's {@code _count}). */
    private int count;
    /** Tasks waiting for the state to change (arrived ones, and ones blocked at the entrance); all are woken. */
    private final ArrayList<Waiter<Void>> waiters = new ArrayList<>(0);

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks must wait before the barrier opens (at least 1)
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Returns a coroutine that arrives at the barrier when awaited and completes, with the task's arrival index
     * ({@code 0} to {@code parties - 1}), when {@code parties} tasks have arrived: asyncio's {@code Barrier.wait()}.
     * The last to arrive does not suspend. If the barrier is draining or resetting, the task first waits for that
     * to end.
     *
     * @throws BrokenBarrierError (at the await) if the barrier is broken, or is reset or aborted while the task
     *     waits
     * @return an awaitable of this task's arrival index
     */
    public Awaitable<Integer> waitAsync() {
        return new ArriveFrame();
    }

    /**
     * Returns the barrier to its empty state. Tasks waiting in it get {@link BrokenBarrierError}; tasks arriving
     * meanwhile wait until they have left. Also repairs a {@linkplain #abort() broken} barrier.
     */
    public void reset() {
        if (count > 0) {
            state = RESETTING;
        } else {
            state = FILLING;
        }
        wakeAll();
    }

    /** Breaks the barrier: every task waiting now or arriving later gets {@link BrokenBarrierError}. */
    public void abort() {
        state = BROKEN;
        wakeAll();
    }

    /** {@return the number of tasks needed to pass the barrier} */
    public int parties() {
        return parties;
    }

    /** {@return the number of tasks waiting in the barrier while it fills (0 while draining or resetting)} */
    public int nWaiting() {
        return state == FILLING ? count : 0;
    }

    /** {@return whether the barrier is broken ({@link #abort()})} */
    public boolean broken() {
        return state == BROKEN;
    }

    private void wakeAll() {
        for (Waiter<Void> w : waiters) {
            w.wake(null);
        }
        waiters.clear();
    }

    /** A task leaves the barrier; the last one out ends draining or resetting. */
    private void exit() {
        if (--count == 0) {
            if (state == RESETTING || state == DRAINING) {
                state = FILLING;
            }
            wakeAll();
        }
    }

    @Override
    public String toString() {
        String[] names = {"filling", "draining", "resetting", "broken"};
        return "Barrier[" + names[state] + " waiters=" + count + "/" + parties + "]";
    }

    /**
     * The frame of {@link #waitAsync()}.
     * <pre>
     *   ENTERING ──state is FILLING──▶ arrives (index = count++) ──last?──▶ starts DRAINING, leaves, returns index
     *      ▲  │ draining/resetting: wait                  └──▶ INSIDE ──state left FILLING──▶ leaves; index or error
     *      └──┘
     * </pre>
     */
    private final class ArriveFrame extends Coroutine<Integer> {
        private static final byte ENTERING = 0;
        private static final byte INSIDE = 1;

        private byte phase = ENTERING;
        private int index;

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (phase == ENTERING) {
                if (error != null) {
                    throw error;                // cancelled before arriving: nothing to undo
                }
                if (state == DRAINING || state == RESETTING) {
                    return park();
                }
                if (state == BROKEN) {
                    throw new BrokenBarrierError("Barrier aborted");
                }
                index = count++;
                if (index + 1 == parties) {
                    state = DRAINING;
                    wakeAll();
                    exit();
                    return index;
                }
                phase = INSIDE;
            } else if (error != null) {
                exit();                         // cancelled while waiting inside: leave
                throw error;
            }
            if (state == FILLING) {
                return park();
            }
            boolean brokenOut = state == BROKEN || state == RESETTING;
            exit();
            if (brokenOut) {
                throw new BrokenBarrierError("Abort or reset of barrier");
            }
            return index;
        }

        private Object park() {
            Waiter<Void> w = waiter(waiters);
            waiters.add(w);
            suspendOnFuture(w);                 // pending, so this always suspends
            return SUSPENDED;
        }

        @Override
        public String toString() {
            return Barrier.this + ".waitAsync()";
        }
    }
}
