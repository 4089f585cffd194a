package org.asyncio4j;

/**
 * Thrown when an operation did not finish in time: by {@link Asyncio#waitFor(Awaitable, double)} (the awaited
 * operation has then been cancelled), and by a {@link Timeout} scope whose deadline passed (the scope's body was
 * cancelled, and only that cancellation is turned into this error).
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with {@code message}.
     *
     * @param message the detail message, or {@code null}
     */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * Creates the error with {@code message} and {@code cause} (usually the inner {@link CancelledError}).
     *
     * @param message the detail message, or {@code null}
     * @param cause the cause, or {@code null}
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
