package org.asyncio4j.queues;

import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Awaitable;
import org.asyncio4j.internal.AsyncSupport;
import org.asyncio4j.internal.AwaitThen;

/**
 * The items of a {@link Queue}, taken one by one with {@code get()} until the queue is shut down and empty (then the
 * iteration ends instead of throwing {@link QueueShutDown}). Closing it does nothing: the queue stays open.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * @param <T> the item type
 */
final class QueueItems<T> implements AsyncIterator<T> {
    private final Queue<T> queue;
    private T item;
    private boolean ready;

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
            item = value;
            ready = true;
            return true;
        });
    }

    @Override
    public T next() {
        if (!ready) {
            throw new NoSuchElementException("hasNextAsync() did not complete with true");
        }
        ready = false;
        T taken = item;
        item = null;
        return taken;
    }

    @Override
    public Awaitable<Void> closeAsync() {
        return AsyncSupport.ready(null);
    }

    @Override
    public String toString() {
        return "QueueItems[" + queue + "]";
    }
}
