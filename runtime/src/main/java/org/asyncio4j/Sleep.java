package org.asyncio4j;

/**
 * The coroutine behind {@link Asyncio#sleep(double)}: suspends the awaiting task for a while.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Lazy like asyncio's {@code sleep}: the timer starts when the coroutine is first resumed (awaited), not when it
 * is created. A delay of zero or less (or below the clock's resolution) yields exactly once: the task's next step is
 * scheduled with callSoon semantics and it resumes in the loop's next pass, with no timer and no future. A positive
 * delay waits on a future that a timer completes; the coroutine is itself the timer's callback, so a sleep costs
 * this object, one future and one timer handle.
 *
 * <pre>
 *   NEW ──resume──▶ waiting (timer + future) ──resumed──▶ DONE
 *    │                                          (cancelled: timer cancelled, CancelledError rethrown)
 *    └──resume, delay ≤ 0──▶ yielded ──resumed in the next pass──▶ DONE
 * </pre>
 */
final class Sleep extends Coroutine<Void> implements Runnable {
    private final double seconds;
    private boolean started;
    private Future<Void> future;
    private TimerHandle timer;

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
            timer = t.loop.callLater(seconds, this);
            suspendOnFuture(future); // pending, so this always suspends
            return SUSPENDED;
        }
        if (timer != null) {
            timer.cancel();         // no-op after it fired; needed when the task was cancelled while sleeping
        }
        if (error != null) {
            throw error;
        }
        return null;
    }

    /** The timer's callback. */
    @Override
    public void run() {
        if (!future.done()) {
            future.setResultInternal(null);
        }
    }

    @Override
    public String toString() {
        return "sleep(" + seconds + ")";
    }
}
