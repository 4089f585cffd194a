package org.asyncio4j;

/**
 * When {@link Asyncio#wait(java.util.Collection, ReturnWhen, double)} returns: asyncio's {@code FIRST_COMPLETED},
 * {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}.
 *
 * <p>Thread-safe (an enum).
 */
public enum ReturnWhen {
    /** As soon as any future is done (or cancelled). */
    FIRST_COMPLETED,
    /**
     * As soon as any future finishes with an exception; a cancelled future does not count. If none fails, the
     * same as {@link #ALL_COMPLETED}.
     */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
