package org.asyncio4j.queues;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} whose gets take the most recently added item first (a stack): asyncio's {@code LifoQueue}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Waiting, bounds, {@code join} and shutdown behave as in {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    /** Creates an unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue holding at most {@code maxsize} items (zero or less: unbounded).
     *
     * @param maxsize the maximum number of items, or 0 or less for no limit
     */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
