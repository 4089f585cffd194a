package org.asyncio4j;

import java.util.NoSuchElementException;

/**
 * The cursor of an {@link AsyncIterable}: {@link #hasNextAsync()} waits until the next element is ready (or the
 * sequence ended), {@link #next()} then hands it out, and {@link #closeAsync()} ends the iteration early (asyncio's
 * {@code aclose()}: an async generator runs its {@code finally} blocks).
 *
 * <p>Thread-safety is that of the implementing type (usually: only from its event loop's thread).
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> extends AsyncCloseable, AsyncIterable<T> {
    /**
     * Waits for the next element.
     *
     * @return what to await: {@code true} when {@link #next()} has an element, {@code false} at the end; it fails
     *     with the sequence's failure
     */
    Awaitable<Boolean> hasNextAsync();

    /**
     * The element that the last {@link #hasNextAsync()} made ready.
     *
     * @return the element
     * @throws NoSuchElementException if {@code hasNextAsync()} did not complete with {@code true} since the last call
     */
    T next();

    /** {@return this iterator: an iterator is its own iterable, so it can be used in a for-each loop} */
    @Override
    default AsyncIterator<T> asyncIterator() {
        return this;
    }
}
