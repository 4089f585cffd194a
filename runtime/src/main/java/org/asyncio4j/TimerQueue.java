package org.asyncio4j;

import java.util.Arrays;

/**
 * The event loop's timers: a binary min-heap ordered by deadline, then by scheduling order. Its entries are
 * {@link TimerHandle}s ({@code callLater}/{@code callAt}), sleeping {@link Task}s (a task is the entry of its own
 * sleep; see {@link Task#timer}) and {@link Sleep} coroutines (a sleep is its own entry when its task's is taken).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>The heap is three parallel arrays (deadline, sequence number, entry) rather than a
 * {@link java.util.PriorityQueue} of handles with a comparator: the sift loops compare primitives read from one
 * array without touching the entries, and an entry needs no fields of its own for its place in the heap. A timer
 * then costs 20 bytes of arrays plus its entry, and a sleep costs only the arrays.
 *
 * <p>Cancelled entries stay in the heap and are dropped lazily when they reach its head, which keeps cancelling
 * O(1). Since many timers are cancelled long before their deadline (a {@code waitFor} whose operation finished in
 * time), the heap is rebuilt without them once they are both more than {@value #MIN_CANCELLED_TO_COMPACT} and the
 * majority, as asyncio does.
 *
 * <p>Invariants: {@code when[i], seq[i]} is not less than its parent's; {@code cancelled} counts the cancelled
 * entries still in the heap; an entry's in-heap flag is set exactly while it is in the heap (a cancelled
 * entry tells the queue through {@link #cancelled()} only then).
 */
final class TimerQueue {
    private static final int MIN_CANCELLED_TO_COMPACT = 100;

    private double[] when = new double[16];
    private long[] seq = new long[16];
    private Object[] entries = new Object[16];
    private int size;
    private int cancelled;
    private long sequence;

    /** Adds a timer for {@code callback} at loop time {@code when}. */
    TimerHandle add(double at, Runnable callback, EventLoop loop) {
        TimerHandle h = new TimerHandle(at, callback, loop, this);
        add(at, h);
        return h;
    }

    /** Adds {@code entry}, due at loop time {@code at}. */
    void add(double at, Object entry) {
        if (size == entries.length) {
            grow();
        }
        setInQueue(entry, true);
        siftUp(size++, at, sequence++, entry);
    }

    /** Called by an entry cancelled while it is in the heap. */
    void cancelled() {
        cancelled++;
    }

    /** Drops cancelled timers: all of them if they are many, else those at the head. */
    void dropCancelled() {
        if (cancelled > MIN_CANCELLED_TO_COMPACT && cancelled * 2 > size) {
            compact();
        } else {
            while (size > 0 && isCancelled(entries[0])) {
                remove();
            }
        }
    }

    /** Returns the earliest live entry, or {@code null}; drops cancelled ones at the head first. */
    Object peek() {
        while (size > 0) {
            Object e = entries[0];
            if (!isCancelled(e)) {
                return e;
            }
            remove();
        }
        return null;
    }

    /** The deadline of the head entry; only valid when {@link #peek()} returned one. */
    double headWhen() {
        return when[0];
    }

    /** Removes and returns the head of the heap. */
    Object remove() {
        Object head = entries[0];
        int last = --size;
        Object moved = entries[last];
        double movedWhen = when[last];
        long movedSeq = seq[last];
        entries[last] = null;
        if (last > 0) {
            siftDown(0, movedWhen, movedSeq, moved);
        }
        boolean wasCancelled = isCancelled(head);
        setInQueue(head, false);        // a task's entry turns from armed to due here: test before
        if (wasCancelled) {
            cancelled--;
        }
        return head;
    }

    /** Returns how many timers are scheduled and not cancelled. */
    int liveCount() {
        return size - cancelled;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            setInQueue(entries[i], false);
            entries[i] = null;
        }
        size = 0;
        cancelled = 0;
    }

    /** Entries are {@link TimerHandle}s, {@link Task}s and {@link Sleep}s (class tests, cheaper than an interface call). */
    private static boolean isCancelled(Object entry) {
        if (entry instanceof TimerHandle) {
            return ((TimerHandle) entry).cancelled;
        }
        return entry instanceof Task ? ((Task<?>) entry).timerStopped() : ((Sleep) entry).timerCancelled();
    }

    private static void setInQueue(Object entry, boolean inQueue) {
        if (entry instanceof TimerHandle) {
            ((TimerHandle) entry).inHeap = inQueue;
        } else if (entry instanceof Task) {
            if (!inQueue) {
                ((Task<?>) entry).timerLeftQueue();     // the task set itself armed before it was added
            }
        } else {
            ((Sleep) entry).setInTimerQueue(inQueue);
        }
    }

    private static boolean less(double w1, long s1, double w2, long s2) {
        int c = Double.compare(w1, w2);
        return c < 0 || c == 0 && s1 < s2;
    }

    /** Places the given timer at hole {@code i} or above. */
    private void siftUp(int i, double w, long s, Object e) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(w, s, when[parent], seq[parent])) {
                break;
            }
            put(i, when[parent], seq[parent], entries[parent]);
            i = parent;
        }
        put(i, w, s, e);
    }

    /** Places the given timer at hole {@code i} or below. */
    private void siftDown(int i, double w, long s, Object e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(when[right], seq[right], when[child], seq[child])) {
                child = right;
            }
            if (!less(when[child], seq[child], w, s)) {
                break;
            }
            put(i, when[child], seq[child], entries[child]);
            i = child;
        }
        put(i, w, s, e);
    }

    private void put(int i, double w, long s, Object e) {
        when[i] = w;
        seq[i] = s;
        entries[i] = e;
    }

    private void grow() {
        int capacity = entries.length * 2;
        when = Arrays.copyOf(when, capacity);
        seq = Arrays.copyOf(seq, capacity);
        entries = Arrays.copyOf(entries, capacity);
    }

    /** Removes every cancelled entry and restores the heap order bottom-up (Floyd). */
    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Object e = entries[i];
            if (isCancelled(e)) {
                setInQueue(e, false);
            } else {
                put(n++, when[i], seq[i], e);
            }
        }
        Arrays.fill(entries, n, size, null);
        size = n;
        cancelled = 0;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, when[i], seq[i], entries[i]);
        }
    }
}
