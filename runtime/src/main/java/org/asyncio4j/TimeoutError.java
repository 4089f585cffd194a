package org.asyncio4j;

/**
 * Thrown by {@link Asyncio#waitFor(Awaitable, double)} when the awaited operation did not finish in time (the
 * operation has then been cancelled).
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with {@code message}. */
    public TimeoutError(String message) {
        super(message);
    }

    /** Creates the error with {@code message} and {@code cause} (usually the inner {@link CancelledError}). */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
