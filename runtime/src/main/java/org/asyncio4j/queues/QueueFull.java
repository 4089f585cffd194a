package org.asyncio4j.queues;

/**
 * Thrown by {@link Queue#putNowait(Object)} when the queue has reached its {@linkplain Queue#maxsize() maxsize}:
 * asyncio's {@code QueueFull}.
 *
 * <p>Unchecked, like its Java counterpart {@code IllegalStateException}, which it extends.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class QueueFull extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message "Queue is full". */
    public QueueFull() {
        super("Queue is full");
    }

    /**
     * Creates the exception with {@code message}.
     *
     * @param message the detail message, or {@code null}
     */
    public QueueFull(String message) {
        super(message);
    }
}
