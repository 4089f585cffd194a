package org.asyncio4j.streams;

import java.io.IOException;

/**
 * Thrown by {@link StreamReader#readUntil} and {@link StreamReader#readLine} when the data before the separator
 * exceeds the reader's limit (asyncio's {@code LimitOverrunError}). The data stays in the reader's buffer;
 * {@link #consumed()} is how many bytes a caller would have to consume to get past the overrun.
 */
public final class LimitOverrunError extends IOException {
    private static final long serialVersionUID = 1L;
    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** The number of bytes to consume. */
    public int consumed() {
        return consumed;
    }
}
