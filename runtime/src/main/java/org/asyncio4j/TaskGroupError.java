package org.asyncio4j;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by a {@link TaskGroup} whose children (or body) failed: holds every failure, in the order they happened
 * (asyncio's {@code ExceptionGroup}/{@code BaseExceptionGroup} raised by {@code TaskGroup}).
 *
 * <p>It holds only real failures: children that were cancelled (for example the siblings the group cancelled
 * after the first failure) are not in it. As in asyncio, a single failure is wrapped too, so callers handle one
 * type whatever the number of failures. Each failure is also added as a suppressed exception, so that a printed
 * stack trace shows them all.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public final class TaskGroupError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An array rather than a List: its declared type is serializable. */
    private final Throwable[] exceptions;

    /**
     * Creates the error.
     *
     * @param message describes the group; the number of failures is appended
     * @param exceptions the failures, at least one
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public TaskGroupError(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("a TaskGroupError needs at least one exception");
        }
        this.exceptions = exceptions.toArray(new Throwable[0]);
        for (Throwable t : this.exceptions) {
            addSuppressed(Objects.requireNonNull(t, "exception"));
        }
    }

    /** {@return the failures, in the order they happened; never empty} */
    public List<Throwable> exceptions() {
        return List.of(exceptions);
    }
}
