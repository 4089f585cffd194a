package org.asyncio4j.queues;

/**
 * Thrown by {@link Queue#getNowait()} when the queue has no item: asyncio's {@code QueueEmpty}.
 *
 * <p>Unchecked, like its Java counterpart {@code NoSuchElementException}, which it extends.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class QueueEmpty extends java.util.NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message "Queue is empty". */
    public QueueEmpty() {
        super("Queue is empty");
    }

    /**
     * Creates the exception with {@code message}.
     *
     * @param message the detail message, or {@code null}
     */
    public QueueEmpty(String message) {
        super(message);
    }
}
