package org.asyncio4j.streams;

import java.io.IOException;

/**
 * Thrown by {@link StreamReader#readUntil} and {@link StreamReader#readLine} when the data before the separator
 * exceeds the reader's limit (asyncio's {@code LimitOverrunError}). The data stays in the reader's buffer;
 * {@link #consumed()} is how many bytes a caller would have to consume to get past the overrun.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public final class LimitOverrunError extends IOException {
    private static final long serialVersionUID = 1L;
    /** How many bytes a caller would have to consume to get past the overrun. */
    private final int consumed;

    /**
     * Creates the error.
     *
     * @param message the detail message
     * @param consumed how many bytes a caller would have to consume to get past the overrun
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** {@return the number of bytes to consume} */
    public int consumed() {
        return consumed;
    }
}
