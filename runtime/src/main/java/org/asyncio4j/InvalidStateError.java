package org.asyncio4j;

/**
 * Thrown when an operation is not allowed in a {@link Future}'s current state, for example
 * {@link Future#result()} on a pending future or {@link Future#setResult(Object)} on a done one (asyncio's
 * {@code InvalidStateError}).
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with {@code message}.
     *
     * @param message the detail message, or {@code null}
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
