package org.asyncio4j;

/**
 * Thrown at an {@code await} (and by {@link Future#result()}) when the awaited future or the awaiting task was
 * cancelled.
 *
 * <p>It extends {@link Error}, not {@link Exception}, so that {@code catch (Exception e)} does not swallow a
 * cancellation by accident: Python's asyncio moved {@code CancelledError} out of {@code Exception} (in 3.8) for
 * the same reason. Code that must clean up uses {@code finally}; code that deliberately suppresses a cancellation
 * catches {@code CancelledError} explicitly.
 *
 * <p>The message is the one given to {@link Future#cancel(String)}, or {@code null}.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates a cancellation without a message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates a cancellation carrying {@code message} (may be {@code null}).
     *
     * @param message the detail message, or {@code null}
     */
    public CancelledError(String message) {
        super(message);
    }

    /**
     * Creates a cancellation carrying {@code message} caused by {@code cause} (both may be {@code null}).
     *
     * @param message the detail message, or {@code null}
     * @param cause the cause, or {@code null}
     */
    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }
}
