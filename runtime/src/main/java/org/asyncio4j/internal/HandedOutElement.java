package org.asyncio4j.internal;

import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Awaitable;

/**
 * The element half of an {@link AsyncIterator} whose {@code hasNextAsync()} fetches one element at a time: a
 * subclass calls {@link #handOut} when an element arrived, and {@link #next()} hands it over once. Closing does
 * nothing by default (the source stays open).
 *
 * <p>Not thread-safe; use only from its event loop's thread. Not API: the runtime's own iterators extend it.
 *
 * @param <T> the element type
 */
@InternalApi
public abstract class HandedOutElement<T> implements AsyncIterator<T> {
    private T element;
    private boolean ready;

    /** For subclasses. */
    protected HandedOutElement() {}

    /**
     * Keeps {@code value} for the next {@link #next()}.
     *
     * @param value the element
     * @return {@code true}, what {@code hasNextAsync()} completes with
     */
    protected final boolean handOut(T value) {
        element = value;
        ready = true;
        return true;
    }

    @Override
    public final T next() {
        if (!ready) {
            throw new NoSuchElementException("hasNextAsync() did not complete with true");
        }
        ready = false;
        T taken = element;
        element = null;
        return taken;
    }

    @Override
    public Awaitable<Void> closeAsync() {
        return AsyncSupport.ready(null);
    }
}
