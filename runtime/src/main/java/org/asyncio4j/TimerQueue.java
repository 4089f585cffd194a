package org.asyncio4j;

import java.util.PriorityQueue;

/**
 * The event loop's timers: a heap ordered by deadline, then by scheduling order.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>Cancelled timers stay in the heap and are dropped lazily when they reach its head, which keeps
 * {@link TimerHandle#cancel()} O(1). Since many timers are cancelled long before their deadline (a
 * {@code waitFor} whose operation finished in time), the heap is rebuilt without them once they are both more than
 * {@value #MIN_CANCELLED_TO_COMPACT} and the majority, as asyncio does.
 *
 * <p>Invariant: {@code cancelled} counts the cancelled handles still in the heap; a handle is in the heap exactly
 * when its {@code inHeap} flag is set.
 */
final class TimerQueue {
    private static final int MIN_CANCELLED_TO_COMPACT = 100;

    private final PriorityQueue<TimerHandle> heap = new PriorityQueue<>(TimerHandle::compare);
    private int cancelled;
    private long sequence;

    /** Adds a timer for {@code callback} at loop time {@code when}. */
    TimerHandle add(double when, Runnable callback, EventLoop loop) {
        TimerHandle h = new TimerHandle(when, sequence++, callback, loop, this);
        h.inHeap = true;
        heap.add(h);
        return h;
    }

    /** Called by {@link TimerHandle#cancel()} for a handle still in the heap. */
    void cancelled() {
        cancelled++;
    }

    /** Drops cancelled timers: all of them if they are many, else those at the head. */
    void dropCancelled() {
        if (cancelled > MIN_CANCELLED_TO_COMPACT && cancelled * 2 > heap.size()) {
            heap.removeIf(h -> {
                if (h.cancelled) {
                    h.inHeap = false;
                    return true;
                }
                return false;
            });
            cancelled = 0;
        } else {
            for (TimerHandle h; (h = heap.peek()) != null && h.cancelled; ) {
                remove();
            }
        }
    }

    /** Returns the earliest live timer, or {@code null}; drops cancelled ones at the head first. */
    TimerHandle peek() {
        for (TimerHandle h; (h = heap.peek()) != null; ) {
            if (!h.cancelled) {
                return h;
            }
            remove();
        }
        return null;
    }

    /** Removes and returns the head of the heap. */
    TimerHandle remove() {
        TimerHandle h = heap.poll();
        h.inHeap = false;
        if (h.cancelled) {
            cancelled--;
        }
        return h;
    }

    /** Returns how many timers are scheduled and not cancelled. */
    int liveCount() {
        return heap.size() - cancelled;
    }

    void clear() {
        for (TimerHandle h : heap) {
            h.inHeap = false;
        }
        heap.clear();
        cancelled = 0;
    }
}
