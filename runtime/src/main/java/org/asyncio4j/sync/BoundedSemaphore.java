package org.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: asyncio's
 * {@code BoundedSemaphore}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Releasing when the number of free permits is already the initial value is a bug in the caller (a permit
 * given back twice); it throws {@link IllegalStateException} instead of silently raising the limit. Fairness and
 * cancellation behave as in {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** Creates a bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also the most it can ever hold.
     *
     * @param value the initial (and maximum) number of permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()}.
     *
     * @throws IllegalStateException if every permit is already free (asyncio: {@code ValueError})
     */
    @Override
    public void release() {
        if (permits.available() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
