package org.asyncio4j;

/**
 * The coroutine behind {@link Asyncio#sleep(double)}: suspends the awaiting task for a while.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Lazy like asyncio's {@code sleep}: the timer starts when the coroutine is first resumed (awaited), not when it
 * is created. A delay of zero or less (or below the clock's resolution) yields exactly once: the task's next step is
 * scheduled with callSoon semantics and it resumes in the loop's next pass, with no timer and no future. A positive
 * delay waits on a future that a timer completes. The coroutine is itself the timer: it sits in the loop's
 * {@link TimerQueue} and, when due, runs from the ready queue like a timer callback, so a sleep costs this object
 * and one future (asyncio's {@code sleep} costs a future and a timer handle besides the coroutine).
 *
 * <pre>
 *   NEW ──resume──▶ waiting (timer + future) ──resumed──▶ DONE
 *    │                                          (cancelled: timer cancelled, CancelledError rethrown)
 *    └──resume, delay ≤ 0──▶ yielded ──resumed in the next pass──▶ DONE
 * </pre>
 */
final class Sleep extends Coroutine<Void> {
    private final double seconds;
    private boolean started;
    /** Set when the timer is cancelled or has fired: it must not fire (again). */
    private boolean timerDone;
    /** True while this sits in the loop's timer queue. */
    private boolean inTimerQueue;
    private Future<Void> future;

    Sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("sleep length must not be NaN");
        }
        this.seconds = seconds;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (!started) {
            started = true;
            if (error != null) {
                throw error;        // cancelled before it started
            }
            Task<?> t = requireTask();
            if (!(seconds > 0)) {
                t.yieldFrom(this);
                return SUSPENDED;
            }
            future = t.loop.createFuture();
            t.loop.addSleepTimer(seconds, this);
            suspendOnFuture(future); // pending, so this always suspends
            return SUSPENDED;
        }
        if (future != null) {
            cancelTimer();          // no-op after it fired; needed when the task was cancelled while sleeping
        }
        if (error != null) {
            throw error;
        }
        return null;
    }

    private void cancelTimer() {
        if (!timerDone) {
            timerDone = true;
            if (inTimerQueue) {
                future.loop.timerCancelled();   // the queue drops it lazily and counts it to decide when to compact
            }
        }
    }

    /** The timer's callback, run by the loop from its ready queue when the sleep is due. */
    void fire() {
        if (!timerDone) {
            timerDone = true;
            if (!future.done()) {
                future.setResultInternal(null);
            }
        }
    }

    /** For {@link TimerQueue}. */
    boolean timerCancelled() {
        return timerDone;
    }

    /** For {@link TimerQueue}. */
    void setInTimerQueue(boolean inQueue) {
        inTimerQueue = inQueue;
    }

    @Override
    public String toString() {
        return "sleep(" + seconds + ")";
    }
}
