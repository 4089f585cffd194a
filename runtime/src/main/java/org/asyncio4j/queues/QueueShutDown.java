package org.asyncio4j.queues;

/**
 * Thrown by a {@link Queue}'s put operations after {@link Queue#shutdown()}, and by its get operations once it is
 * shut down and empty: asyncio's {@code QueueShutDown} (Python 3.13).
 *
 * <p>Unchecked, like its Java counterpart {@code IllegalStateException}, which it extends.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class QueueShutDown extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message "Queue is shut down". */
    public QueueShutDown() {
        super("Queue is shut down");
    }

    /**
     * Creates the exception with {@code message}.
     *
     * @param message the detail message, or {@code null}
     */
    public QueueShutDown(String message) {
        super(message);
    }
}
