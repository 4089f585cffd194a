package org.asyncio4j;

/**
 * A callback scheduled to run at a point in loop time by {@link EventLoop#callLater(double, Runnable)} or
 * {@link EventLoop#callAt(double, Runnable)}.
 *
 * <p>Not thread-safe; use only from its event loop's thread (unlike a plain {@link Handle}, cancelling a timer
 * updates the loop's bookkeeping of cancelled timers).
 */
public final class TimerHandle extends Handle {
    private final double when;
    /** Scheduling order; breaks ties between equal deadlines so that they run first-scheduled, first-run. */
    final long sequence;
    private final EventLoop loop;
    private final TimerQueue queue;
    /** True while the handle sits in the loop's timer heap. */
    boolean inHeap;

    TimerHandle(double when, long sequence, Runnable callback, EventLoop loop, TimerQueue queue) {
        super(callback);
        this.when = when;
        this.sequence = sequence;
        this.loop = loop;
        this.queue = queue;
    }

    /** Returns the loop time (seconds, as {@link EventLoop#time()}) at which the callback is due. */
    public double when() {
        return when;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (inHeap) {
                // The heap drops cancelled timers lazily; it counts them to decide when to compact.
                queue.cancelled();
            }
        }
    }

    /** Orders the timer heap: earliest deadline first, then scheduling order. */
    static int compare(TimerHandle a, TimerHandle b) {
        int c = Double.compare(a.when, b.when);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    }

    @Override
    public String toString() {
        return "TimerHandle[when=" + when + (cancelled ? " cancelled " : " ") + describeCallback() + " on " + loop + "]";
    }
}
