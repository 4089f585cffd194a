package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.asyncio4j.internal.AsyncSupport;

/**
 * Python 3.13's {@code async for task in asyncio.as_completed(aws)}: hands out the awaitables' own futures (a
 * coroutine's task) in the order they finish, each already done. Closing it leaves the unfinished ones running, as
 * asyncio does.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * @param <T> the result type
 */
final class AsCompletedIterator<T> implements AsyncIterator<Future<T>> {
    private final EventLoop loop;
    private final ArrayDeque<Future<T>> done = new ArrayDeque<>();
    private int remaining;
    private Future<Boolean> waiter;
    private Future<T> ready;

    @SuppressWarnings("unchecked")
    AsCompletedIterator(EventLoop loop, List<Future<?>> futures) {
        this.loop = loop;
        this.remaining = futures.size();
        Consumer<Future<?>> onDone = future -> {
            done.add((Future<T>) future);
            if (waiter != null) {
                Future<Boolean> w = waiter;
                waiter = null;
                if (!w.done()) {
                    w.setResult(true);
                }
            }
        };
        for (Future<?> future : futures) {
            future.addDoneCallback(onDone);
        }
    }

    @Override
    public Awaitable<Boolean> hasNextAsync() {
        if (!done.isEmpty()) {
            return AsyncSupport.ready(true);
        }
        if (remaining == 0) {
            return AsyncSupport.ready(false);
        }
        waiter = loop.createFuture();
        return waiter;
    }

    @Override
    public Future<T> next() {
        Future<T> next = done.poll();
        if (next == null) {
            throw new NoSuchElementException("hasNextAsync() did not complete with true");
        }
        remaining--;
        return next;
    }

    @Override
    public Awaitable<Void> closeAsync() {
        return AsyncSupport.ready(null);
    }
}
