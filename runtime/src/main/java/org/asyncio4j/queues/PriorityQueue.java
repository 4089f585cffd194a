package org.asyncio4j.queues;

import java.util.Comparator;

/**
 * A {@link Queue} whose gets take the smallest item first: asyncio's {@code PriorityQueue}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Items are ordered by their natural order ({@link Comparable}) or by the {@link Comparator} given at creation.
 * Like asyncio's heap, the order among equal items is unspecified; to make it FIFO, put items that carry a
 * sequence number as a tie-breaker (asyncio's {@code (priority, count, item)} tuples). Waiting, bounds,
 * {@code join} and shutdown behave as in {@link Queue}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** Creates an unbounded queue of {@link Comparable} items (a put of a non-comparable item throws). */
    public PriorityQueue() {
        this(0);
    }

    /**
     * Creates a queue of {@link Comparable} items holding at most {@code maxsize} (zero or less: unbounded).
     *
     * @param maxsize the maximum number of items, or 0 or less for no limit
     */
    public PriorityQueue(int maxsize) {
        super(maxsize, new java.util.PriorityQueue<>());
    }

    /**
     * Creates an unbounded queue ordered by {@code comparator}.
     *
     * @param comparator orders the items: {@code get} takes the smallest
     */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * Creates a queue ordered by {@code comparator}, holding at most {@code maxsize} (zero or less: unbounded).
     *
     * @param maxsize the maximum number of items, or 0 or less for no limit
     * @param comparator orders the items: {@code get} takes the smallest
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(java.util.Objects.requireNonNull(comparator, "comparator")));
    }
}
