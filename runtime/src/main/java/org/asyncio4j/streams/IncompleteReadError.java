package org.asyncio4j.streams;

import java.io.EOFException;

/**
 * Thrown by {@link StreamReader#readExactly} and {@link StreamReader#readUntil} when the stream ends first
 * (asyncio's {@code IncompleteReadError}); {@link #partial()} holds the bytes read before the end, which are
 * consumed.
 */
public final class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;
    private final int expected;

    /** {@code expected} is -1 when the read waited for a separator rather than a count. */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** The number of bytes expected, or -1 for a read up to a separator. */
    public int expected() {
        return expected;
    }
}
