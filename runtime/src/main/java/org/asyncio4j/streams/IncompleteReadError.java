package org.asyncio4j.streams;

import java.io.EOFException;

/**
 * Thrown by {@link StreamReader#readExactly} and {@link StreamReader#readUntil} when the stream ends first
 * (asyncio's {@code IncompleteReadError}); {@link #partial()} holds the bytes read before the end, which are
 * consumed.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}; {@link #partial()} returns a copy).
 */
public final class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;
    /** How many bytes the read expected, or -1 if it waited for a separator. */
    private final int expected;

    /**
     * {@code expected} is -1 when the read waited for a separator rather than a count.
     *
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were expected, or -1 if unknown
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** {@return the bytes read before the end of the stream} */
    public byte[] partial() {
        return partial.clone();
    }

    /** {@return the number of bytes expected, or -1 for a read up to a separator} */
    public int expected() {
        return expected;
    }
}
