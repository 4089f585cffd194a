package org.asyncio4j.queues;

import org.asyncio4j.internal.HandedOutElement;
import org.asyncio4j.Awaitable;
import org.asyncio4j.internal.AwaitThen;

/**
 * The items of a {@link Queue}, taken one by one with {@code get()} until the queue is shut down and empty (then the
 * iteration ends instead of throwing {@link QueueShutDown}). Closing it does nothing: the queue stays open.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * @param <T> the item type
 */
final class QueueItems<T> extends HandedOutElement<T> {
    private final Queue<T> queue;

    QueueItems(Queue<T> queue) {
        this.queue = queue;
    }

    @Override
    public Awaitable<Boolean> hasNextAsync() {
        return new AwaitThen<T, Boolean>(queue.get(), (value, failure) -> {
            if (failure instanceof QueueShutDown) {
                return false;
            }
            if (failure != null) {
                throw failure;
            }
            return handOut(value);
        });
    }

    @Override
    public String toString() {
        return "QueueItems[" + queue + "]";
    }
}
