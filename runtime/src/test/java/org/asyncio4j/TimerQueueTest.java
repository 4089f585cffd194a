package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's timer heap on its own: order, lazy cancellation, compaction, clearing. */
class TimerQueueTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final TimerQueue queue = new TimerQueue();

    @AfterEach
    void close() {
        loop.close();
    }

    /** A timer and the order it was added in, to check the expected order independently of the heap. */
    private record Added(TimerHandle handle, double when, int order) {}

    private List<TimerHandle> drain() {
        List<TimerHandle> out = new ArrayList<>();
        for (Object e; (e = queue.peek()) != null; ) {
            double when = queue.headWhen();
            assertSame(e, queue.remove());
            TimerHandle h = (TimerHandle) e;
            assertEquals(h.when(), when, "headWhen() is the head's deadline");
            assertFalse(h.inHeap, "a removed entry is told it left the heap");
            out.add(h);
        }
        return out;
    }

    @Test
    void removesByDeadlineThenByInsertionOrder() {
        SplittableRandom random = new SplittableRandom(42);
        List<Added> added = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            double when = random.nextInt(50);        // many equal deadlines: ties must keep insertion order
            added.add(new Added(queue.add(when, () -> { }, loop), when, i));
        }
        added.sort(Comparator.comparingDouble(Added::when).thenComparingInt(Added::order));
        List<TimerHandle> expected = new ArrayList<>();
        for (Added a : added) {
            expected.add(a.handle());
        }
        assertEquals(2_000, queue.liveCount());
        assertEquals(expected, drain());
        assertEquals(0, queue.liveCount());
    }

    @Test
    void negativeZeroAndInfinitiesOrderAsDoubleCompareDoes() {
        TimerHandle inf = queue.add(Double.POSITIVE_INFINITY, () -> { }, loop);
        TimerHandle zero = queue.add(0.0, () -> { }, loop);
        TimerHandle negZero = queue.add(-0.0, () -> { }, loop);
        TimerHandle negInf = queue.add(Double.NEGATIVE_INFINITY, () -> { }, loop);
        assertEquals(List.of(negInf, negZero, zero, inf), drain());
    }

    @Test
    void cancelledHeadsAreSkippedAndNotCounted() {
        TimerHandle a = queue.add(1, () -> { }, loop);
        TimerHandle b = queue.add(2, () -> { }, loop);
        TimerHandle c = queue.add(3, () -> { }, loop);
        a.cancel();
        b.cancel();
        assertEquals(1, queue.liveCount());
        assertSame(c, queue.peek(), "peek() drops the cancelled entries at the head");
        assertFalse(a.inHeap);
        assertFalse(b.inHeap);
        assertEquals(1, queue.liveCount());
        assertEquals(List.of(c), drain());
        c.cancel();     // after it left the heap: nothing to count
        assertEquals(0, queue.liveCount());
    }

    @Test
    void compactsOnceCancelledTimersAreManyAndTheMajority() {
        List<TimerHandle> kept = new ArrayList<>();
        List<TimerHandle> cancelled = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            TimerHandle h = queue.add(300 - i, () -> { }, loop);
            if (i % 3 == 0) {
                kept.add(h);
            } else {
                cancelled.add(h);
            }
        }
        for (TimerHandle h : cancelled) {
            h.cancel();
        }
        assertEquals(100, queue.liveCount());
        queue.dropCancelled();
        for (TimerHandle h : cancelled) {
            assertFalse(h.inHeap, "compaction removed every cancelled entry");
        }
        for (TimerHandle h : kept) {
            assertTrue(h.inHeap);
        }
        assertEquals(100, queue.liveCount());
        kept.sort(Comparator.comparingDouble(TimerHandle::when));
        assertEquals(kept, drain(), "the heap order holds after compaction");
    }

    @Test
    void clearEmptiesTheHeapAndResetsTheEntries() {
        TimerHandle a = queue.add(1, () -> { }, loop);
        TimerHandle b = queue.add(2, () -> { }, loop);
        b.cancel();
        queue.clear();
        assertNull(queue.peek());
        assertEquals(0, queue.liveCount());
        assertFalse(a.inHeap);
        assertFalse(b.inHeap);
    }
}
