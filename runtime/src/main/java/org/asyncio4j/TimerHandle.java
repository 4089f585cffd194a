package org.asyncio4j;

/**
 * A callback scheduled to run at a point in loop time by {@link EventLoop#callLater(double, Runnable)} or
 * {@link EventLoop#callAt(double, Runnable)} (asyncio's {@code TimerHandle}).
 *
 * <p>Not thread-safe; use only from its event loop's thread (unlike a plain {@link Handle}, cancelling a timer
 * updates the loop's bookkeeping of cancelled timers).
 */
public final class TimerHandle extends Handle {
    private final double when;
    private final EventLoop loop;
    private final TimerQueue queue;
    /** True while the handle sits in the loop's timer heap. */
    boolean inHeap;

    TimerHandle(double when, Runnable callback, EventLoop loop, TimerQueue queue) {
        super(callback);
        this.when = when;
        this.loop = loop;
        this.queue = queue;
    }

    /** {@return the loop time (seconds, as {@link EventLoop#time()}) at which the callback is due} */
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

    @Override
    public String toString() {
        return "TimerHandle[when=" + when + (cancelled ? " cancelled " : " ") + describeCallback() + " on " + loop + "]";
    }
}
