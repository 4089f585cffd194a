package org.asyncio4j;

import java.util.Arrays;

/**
 * The event loop's timers, ordered by deadline, then by scheduling order. Its entries are {@link TimerHandle}s
 * ({@code callLater}/{@code callAt}), sleeping {@link Task}s (a task is the entry of its own sleep; see
 * {@link Task#timer}) and {@link Sleep} coroutines (a sleep is its own entry when its task's is taken).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Two stores, merged at the head: a <em>run</em> of entries added in deadline order (a FIFO ring), and a binary
 * min-heap for the rest. Most timers come in deadline order, because most programs use a few fixed delays (a
 * million {@code sleep(1)}s, a {@code timeout(30)} per request): a timer due no earlier than the run's last one is
 * appended to the run in O(1) and removed from it in O(1), in memory order, where a heap of a million entries costs
 * about twenty scattered array reads per removal. An earlier timer goes to the heap. The head is the smaller of the
 * two heads by (deadline, sequence number), so the order is exactly that of one heap. Each store is three parallel
 * arrays (deadline, sequence number, entry) rather than a {@link java.util.PriorityQueue} of handles with a
 * comparator: the loops compare primitives without touching the entries, and an entry needs no fields of its own
 * for its place. A timer costs 20 bytes of arrays plus its entry, and a sleep costs only the arrays.
 *
 * <p>Cancelled entries stay and are dropped lazily when they reach a head, which keeps cancelling O(1). Since many
 * timers are cancelled long before their deadline (a {@code waitFor} whose operation finished in time), both stores
 * are rebuilt without them once they are both more than {@value #MIN_CANCELLED_TO_COMPACT} and the majority, as
 * asyncio does.
 *
 * <p>Invariants: in the heap, {@code when[i], seq[i]} is not less than its parent's; the run is sorted by
 * (deadline, sequence number); {@code cancelled} counts the cancelled entries in either store; an entry's in-queue
 * flag is set exactly while it is in a store (a cancelled entry tells the queue through {@link #cancelled()} only
 * then).
 */
final class TimerQueue {
    private static final int MIN_CANCELLED_TO_COMPACT = 100;

    // The heap.
    private double[] when = new double[16];
    private long[] seq = new long[16];
    private Object[] entries = new Object[16];
    private int size;

    // The run: a ring of runSize entries from runHead (its length a power of two).
    private double[] runWhen = new double[16];
    private long[] runSeq = new long[16];
    private Object[] runEntries = new Object[16];
    private int runHead;
    private int runSize;

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
        setInQueue(entry, true);
        long s = sequence++;
        if (runSize == 0 || Double.compare(at, runWhen[runIndex(runSize - 1)]) >= 0) {
            appendToRun(at, s, entry);
            return;
        }
        if (size == entries.length) {
            grow();
        }
        siftUp(size++, at, s, entry);
    }

    /** Called by an entry cancelled while it is in the queue. */
    void cancelled() {
        cancelled++;
    }

    /** Drops cancelled timers: all of them if they are many, else those at the head. */
    void dropCancelled() {
        if (cancelled > MIN_CANCELLED_TO_COMPACT && cancelled * 2 > size + runSize) {
            compact();
        } else {
            peek();
        }
    }

    /** Returns the earliest live entry, or {@code null}; drops cancelled ones at the head first. */
    Object peek() {
        while (size + runSize > 0) {
            Object e = headInRun() ? runEntries[runHead] : entries[0];
            if (!isCancelled(e)) {
                return e;
            }
            remove();
        }
        return null;
    }

    /** The deadline of the head entry; only valid when {@link #peek()} returned one. */
    double headWhen() {
        return headInRun() ? runWhen[runHead] : when[0];
    }

    /** Removes and returns the head entry. */
    Object remove() {
        Object head = headInRun() ? removeFromRun() : removeFromHeap();
        boolean wasCancelled = isCancelled(head);
        setInQueue(head, false);        // a task's entry turns from armed to due here: test before
        if (wasCancelled) {
            cancelled--;
        }
        return head;
    }

    /** Returns how many timers are scheduled and not cancelled. */
    int liveCount() {
        return size + runSize - cancelled;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            setInQueue(entries[i], false);
            entries[i] = null;
        }
        for (int i = 0; i < runSize; i++) {
            int k = runIndex(i);
            setInQueue(runEntries[k], false);
            runEntries[k] = null;
        }
        size = 0;
        runSize = 0;
        runHead = 0;
        cancelled = 0;
    }

    /** Whether the head is the run's (the run is not empty and its head comes before the heap's). */
    private boolean headInRun() {
        if (runSize == 0) {
            return false;
        }
        return size == 0 || less(runWhen[runHead], runSeq[runHead], when[0], seq[0]);
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

    // ---- the run ----

    private int runIndex(int i) {
        return (runHead + i) & (runEntries.length - 1);
    }

    private void appendToRun(double at, long s, Object entry) {
        if (runSize == runEntries.length) {
            growRun();
        }
        int k = runIndex(runSize++);
        runWhen[k] = at;
        runSeq[k] = s;
        runEntries[k] = entry;
    }

    private Object removeFromRun() {
        Object head = runEntries[runHead];
        runEntries[runHead] = null;
        runHead = (runHead + 1) & (runEntries.length - 1);
        if (--runSize == 0) {
            runHead = 0;
        }
        return head;
    }

    private void growRun() {
        int n = runEntries.length;
        double[] w = new double[2 * n];
        long[] sq = new long[2 * n];
        Object[] e = new Object[2 * n];
        for (int i = 0; i < runSize; i++) {
            int k = runIndex(i);
            w[i] = runWhen[k];
            sq[i] = runSeq[k];
            e[i] = runEntries[k];
        }
        runWhen = w;
        runSeq = sq;
        runEntries = e;
        runHead = 0;
    }

    // ---- the heap ----

    private Object removeFromHeap() {
        Object head = entries[0];
        int last = --size;
        Object moved = entries[last];
        double movedWhen = when[last];
        long movedSeq = seq[last];
        entries[last] = null;
        if (last > 0) {
            siftDown(0, movedWhen, movedSeq, moved);
        }
        return head;
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

    /** Removes every cancelled entry from both stores; the run stays in order, the heap is rebuilt (Floyd). */
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
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, when[i], seq[i], entries[i]);
        }
        int kept = 0;
        for (int i = 0; i < runSize; i++) {
            int from = runIndex(i);
            Object e = runEntries[from];
            runEntries[from] = null;
            if (isCancelled(e)) {
                setInQueue(e, false);
            } else {
                int to = runIndex(kept++);
                runWhen[to] = runWhen[from];
                runSeq[to] = runSeq[from];
                runEntries[to] = e;
            }
        }
        runSize = kept;
        cancelled = 0;
    }
}
