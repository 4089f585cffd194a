package org.asyncio4j;

/**
 * A callback scheduled on an {@link EventLoop} by {@link EventLoop#callSoon(Runnable)} or
 * {@link EventLoop#callSoonThreadsafe(Runnable)}; it can be cancelled until it runs (asyncio's {@code Handle}).
 *
 * <p>Thread-safe: {@link #cancel()} and {@link #cancelled()} may be called from any thread (the flag is
 * volatile), so a handle returned by {@code callSoonThreadsafe} can be cancelled by the thread that scheduled it.
 * Cancelling a handle that already ran has no effect. (A {@link TimerHandle} is stricter.)
 */
public class Handle {
    private final Runnable callback;
    /** Set once; the loop skips a handle whose flag is set when its turn comes. */
    volatile boolean cancelled;

    /**
     * Creates a handle for {@code callback}; for subclasses (the loop's scheduling methods make handles).
     *
     * @param callback the callback to run
     */
    protected Handle(Runnable callback) {
        this.callback = callback;
    }

    /** Prevents the callback from running if it has not run yet. */
    public void cancel() {
        cancelled = true;
    }

    /** {@return whether {@link #cancel()} was called} */
    public boolean cancelled() {
        return cancelled;
    }

    /** Runs the callback; called only by {@link EventLoop}'s run-once step. */
    void run() {
        callback.run();
    }

    /** Describes what runs, for {@link #toString()} and for the exception handler's context. */
    String describeCallback() {
        return String.valueOf(callback);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (cancelled ? "cancelled " : "") + describeCallback() + "]";
    }
}
