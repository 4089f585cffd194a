package org.asyncio4j;

/**
 * The coroutine behind {@link Asyncio#sleep(double)}: suspends the awaiting task for a while.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Lazy like asyncio's {@code sleep}: nothing happens until it is awaited. A delay of zero or less (or below the
 * clock's resolution) yields exactly once: the task's next step is scheduled with callSoon semantics and it resumes
 * in the loop's next pass, with no timer. A positive delay arms a timer whose entry in the loop's
 * {@link TimerQueue} is the task itself ({@link Task#sleepFor}); when due, it runs from the ready queue like a timer
 * callback and schedules the task's step, as a completed future would, so the task resumes in the next pass, as in
 * asyncio. Awaited from a frame ({@link #awaitInline}), a sleep does not even become a frame: the awaiting frame
 * sleeps, and nothing but the task and its frames stays alive (asyncio keeps a coroutine, a future and a timer
 * handle). As a task's root frame ({@code createTask(sleep(1))}) it is resumed like any coroutine. Only when the
 * task's own entry is still queued after a cancelled sleep (entries are dropped lazily) is this object the timer
 * entry instead ({@link #fire}, {@link #stopTimer}). Cancelling the task stops the timer and the task throws its
 * {@link CancelledError} at the sleep in its next step.
 *
 * <pre>
 *   NEW ──awaited──▶ timer armed ──due──▶ task step scheduled ──resumed──▶ DONE
 *    │                    └──task cancelled: timer stopped, step scheduled──▶ CancelledError at the await
 *    └──awaited, delay ≤ 0──▶ yielded ──resumed in the next pass──▶ DONE
 * </pre>
 */
final class Sleep extends Coroutine<Void> {
    private final double seconds;
    private boolean started;
    /** Set when the timer is stopped or has fired: it must not fire (again). */
    private boolean timerDone;
    /** True while this sits in the loop's timer queue. */
    private boolean inTimerQueue;

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
            suspend(requireTask(), this);
            return SUSPENDED;
        }
        stopTimer();                // no-op after it fired or was stopped by the task's cancel()
        if (error != null) {
            throw error;
        }
        return null;
    }

    /**
     * Awaited by {@code frame} of task {@code t}: sleeps without becoming a frame, so that only the task and
     * {@code frame} stay alive while it sleeps (see {@link Coroutine#suspendOnCoroutine}). Always suspends.
     */
    void awaitInline(Task<?> t, Coroutine<?> frame) {
        start(t, frame);
        started = true;
        finish();
        suspend(t, frame);
    }

    private void suspend(Task<?> t, Coroutine<?> frame) {
        if (seconds > 0) {
            t.sleepFor(seconds, frame, this);
        } else {
            t.yieldFrom(frame);
        }
    }

    /**
     * Stops the timer if it has neither fired nor been stopped.
     *
     * @return whether it was still armed (then it will never fire)
     */
    boolean stopTimer() {
        if (timerDone) {
            return false;
        }
        timerDone = true;
        if (inTimerQueue) {
            task.loop.timerCancelled();     // the queue drops it lazily and counts it to decide when to compact
        }
        return true;
    }

    /** The timer's callback, run by the loop from its ready queue when the sleep is due. */
    void fire() {
        if (!timerDone) {
            timerDone = true;
            task.wakeFromSleep(this);
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
