package org.asyncio4j.queues;

import java.util.ArrayDeque;
import java.util.Objects;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;
import org.asyncio4j.internal.LoopBound;
import org.asyncio4j.internal.Waiter;
import org.asyncio4j.sync.Event;

/**
 * A first-in, first-out queue for passing items between tasks, optionally bounded: asyncio's {@code Queue}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <pre>{@code
 * Queue<String> jobs = new Queue<>(100);       // at most 100 items; 0 means unbounded
 * // producer:  await(jobs.put(job));           // waits while the queue is full
 * // consumer:  String job = await(jobs.get()); // waits while it is empty
 * //            ...; jobs.taskDone();
 * // owner:     await(jobs.join());             // until every item put has been marked done
 * }</pre>
 * {@link PriorityQueue} and {@link LifoQueue} share this class's behaviour and differ only in which item
 * {@code get} takes. Items must not be {@code null}.
 *
 * <h2>Waiting</h2>
 * As in asyncio, a put wakes the first waiting getter, and a get wakes the first waiting putter; the woken task
 * then takes the item (or the free slot) when it runs. If it finds the queue empty (full) because another task got
 * there first, it waits again, at the head of the line. A getter cancelled after being woken leaves the item in
 * the queue and wakes the next getter, so no item is lost; likewise a cancelled putter passes its free slot on.
 *
 * <h2>Shutting down (Python 3.13)</h2>
 * After {@link #shutdown()}, puts throw {@link QueueShutDown} (waiting putters are woken to throw it); gets still
 * return the items left and throw {@code QueueShutDown} once the queue is empty (waiting getters are woken).
 * {@link #shutdown(boolean) shutdown(true)} also discards the items left, counting each as done for
 * {@link #join()}, so every get throws at once.
 * <pre>
 *   open ──shutdown()──▶ shut down (draining) ──empty──▶ every get throws
 *   open ──shutdown(true)──▶ shut down and empty
 * </pre>
 *
 * <p>The queue binds to the event loop that first makes a task wait on it (or hands it an item); using it from
 * another loop afterwards throws {@link IllegalStateException}.
 *
 * @param <T> the item type
 */
public class Queue<T> extends LoopBound implements AsyncIterable<T> {
    private final int maxsize;
    private final java.util.Queue<T> items;
    /** Tasks waiting for an item / for a free slot, oldest first; cancelled ones unlink themselves. */
    private final ArrayDeque<Waiter<Void>> getters = new ArrayDeque<>(0);
    private final ArrayDeque<Waiter<Void>> putters = new ArrayDeque<>(0);
    // Invariant: unfinished == 0 if and only if finished is set.
    private int unfinished;
    private final Event finished = new Event();
    private boolean shutDown;

    /** Creates an unbounded FIFO queue. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a FIFO queue holding at most {@code maxsize} items; zero or less means unbounded (as in asyncio).
     *
     * @param maxsize the maximum number of items, or 0 or less for no limit
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** For {@link PriorityQueue} and {@link LifoQueue}: {@code items} decides the order in which gets take items. */
    Queue(int maxsize, java.util.Queue<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** {@return the bound given at creation; zero or less means unbounded} */
    public final int maxsize() {
        return maxsize;
    }

    /** {@return the number of items in the queue} */
    public final int qsize() {
        return items.size();
    }

    /** {@return whether the queue has no items} */
    public final boolean empty() {
        return items.isEmpty();
    }

    /** {@return whether the queue holds {@link #maxsize()} items (never, for an unbounded queue)} */
    public final boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * Returns an awaitable that completes when {@code item} has been added; await it at once:
     * {@code await(queue.put(item))}.
     *
     * <p>If the queue is open and not full, the item is added by this call and the result is a shared completed
     * future (no allocation, no suspension). Otherwise the returned coroutine, when awaited, waits for a free slot,
     * or throws {@link QueueShutDown} if the queue is (or gets) shut down.
     *
     * @param item the item (not {@code null})
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalStateException if the queue is bound to another event loop, or no loop is running
     * @return an awaitable that completes once the item is in the queue
     */
    public final Awaitable<Void> put(T item) {
        Objects.requireNonNull(item, "item");
        if (!shutDown && !full()) {
            putNowait(item);
            return done();
        }
        return new Put(item);
    }

    /**
     * Adds {@code item} without waiting and wakes the first waiting getter.
     *
     * @param item the item (not {@code null})
     * @throws NullPointerException if {@code item} is null
     * @throws QueueShutDown if the queue is shut down
     * @throws QueueFull if the queue is full
     */
    public final void putNowait(T item) {
        Objects.requireNonNull(item, "item");
        if (shutDown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        items.add(item);
        unfinished++;
        finished.clear();
        wakeNext(getters);
    }

    /**
     * Returns an awaitable that completes with the next item, removing it; await it at once:
     * {@code T item = await(queue.get())}.
     *
     * <p>If the queue has an item, it is removed by this call and returned in an already completed future (one
     * small allocation, no suspension). Otherwise the returned coroutine, when awaited, waits for an item, or
     * throws {@link QueueShutDown} if the queue is (or gets) shut down while empty.
     *
     * @throws IllegalStateException if the queue is bound to another event loop, or no loop is running
     * @return an awaitable of the item taken
     */
    public final Awaitable<T> get() {
        if (!items.isEmpty()) {
            return completed(getNowait());
        }
        return new Get();
    }

    /**
     * Removes and returns the next item without waiting, and wakes the first waiting putter.
     *
     * @throws QueueShutDown if the queue is empty and shut down
     * @throws QueueEmpty if the queue is empty
     * @return the item taken
     */
    public final T getNowait() {
        T item = items.poll();
        if (item == null) {
            throw shutDown ? new QueueShutDown() : new QueueEmpty();
        }
        wakeNext(putters);
        return item;
    }

    /**
     * The queue's items, as {@code get()} takes them, until it is shut down and empty: in an {@code @Async} body,
     * {@code for (T item : queue) { ...; queue.taskDone(); }}. Beyond asyncio, whose {@code Queue} is not
     * async-iterable (there: {@code while True: item = await q.get()} and catch {@code QueueShutDown}). As with
     * {@code get()}, each item still needs its {@link #taskDone()}; leaving the loop early leaves the queue open.
     *
     * @return a new iteration over the items
     */
    @Override
    public final AsyncIterator<T> asyncIterator() {
        return new QueueItems<>(this);
    }

    /**
     * Marks one item taken from the queue as processed: for {@link #join()}, every {@code put} must be matched by a
     * {@code taskDone()}.
     *
     * @throws IllegalStateException if called more often than items were put (asyncio: {@code ValueError})
     */
    public final void taskDone() {
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        if (--unfinished == 0) {
            finished.set();
        }
    }

    /**
     * Returns an awaitable that completes when every item put so far has been marked done with
     * {@link #taskDone()}: at once (a shared completed future) if none is outstanding.
     *
     * @throws IllegalStateException if the queue is bound to another event loop, or no loop is running
     * @return an awaitable that completes once every item put has been marked done
     */
    public final Awaitable<Void> join() {
        return unfinished == 0 ? done() : finished.waitAsync();
    }

    /** Same as {@link #shutdown(boolean) shutdown(false)}. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13): puts throw {@link QueueShutDown} from now on, and gets do once the queue
     * is empty. Waiting putters and getters are woken to see it. With {@code immediate}, the items left are
     * discarded (each counted as done for {@link #join()}), so gets throw at once. Shutting down again is allowed
     * (and {@code shutdown(true)} after {@code shutdown()} discards what is left).
     *
     * @param immediate whether to discard the queued items at once (their getters then fail too)
     */
    public final void shutdown(boolean immediate) {
        shutDown = true;
        if (immediate) {
            while (items.poll() != null) {
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                finished.set();
            }
        }
        for (Waiter<Void> w; (w = getters.poll()) != null; ) {
            w.wake(null);
        }
        for (Waiter<Void> w; (w = putters.poll()) != null; ) {
            w.wake(null);
        }
    }

    /** Wakes the first task waiting in {@code line} (all waiters in a line are pending). */
    private static void wakeNext(ArrayDeque<Waiter<Void>> line) {
        Waiter<Void> w = line.poll();
        if (w != null) {
            w.wake(null);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize)
                .append(" qsize=").append(items.size());
        if (!getters.isEmpty()) {
            sb.append(" getters=").append(getters.size());
        }
        if (!putters.isEmpty()) {
            sb.append(" putters=").append(putters.size());
        }
        if (unfinished > 0) {
            sb.append(" tasks=").append(unfinished);
        }
        if (shutDown) {
            sb.append(" shut down");
        }
        return sb.append(']').toString();
    }

    /** Queues a new waiter in {@code line}: at the back, or at the front for a task that lost a race and re-waits. */
    private Waiter<Void> park(ArrayDeque<Waiter<Void>> line, boolean again) {
        Waiter<Void> w = waiter(line);
        if (again) {
            line.addFirst(w);
        } else {
            line.add(w);
        }
        return w;
    }

    /**
     * After a waiting get or put failed (cancelled): if it had been woken, pass the wake-up on to the next in
     * line while the reason for it (an item / a free slot) is still there.
     */
    private static void passOn(Waiter<Void> w, boolean stillThere, ArrayDeque<Waiter<Void>> line) {
        if (w.done() && !w.cancelled()) {
            if (stillThere) {
                wakeNext(line);
            }
        } else {
            w.cancel();             // unlinks it
        }
    }

    /** A get that had to wait: loops "wait for a wake-up, then take an item if there is one". */
    private final class Get extends Coroutine<T> {
        private Waiter<Void> waiter;

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            Waiter<Void> w = waiter;
            if (error != null) {
                if (w != null) {
                    passOn(w, !items.isEmpty(), getters);
                }
                throw error;
            }
            if (items.isEmpty()) {
                if (shutDown) {
                    throw new QueueShutDown();
                }
                waiter = park(getters, w != null);
                suspendOnFuture(waiter);    // pending, so this always suspends
                return SUSPENDED;
            }
            return getNowait();
        }

        @Override
        public String toString() {
            return Queue.this + ".get()";
        }
    }

    /** A put that had to wait: loops "wait for a wake-up, then add the item if there is room". */
    private final class Put extends Coroutine<Void> {
        private final T item;
        private Waiter<Void> waiter;

        Put(T item) {
            this.item = item;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            Waiter<Void> w = waiter;
            if (error != null) {
                if (w != null) {
                    passOn(w, !full(), putters);
                }
                throw error;
            }
            if (full()) {
                if (shutDown) {
                    throw new QueueShutDown();
                }
                waiter = park(putters, w != null);
                suspendOnFuture(waiter);    // pending, so this always suspends
                return SUSPENDED;
            }
            putNowait(item);
            return null;
        }

        @Override
        public String toString() {
            return Queue.this + ".put(" + item + ")";
        }
    }
}
