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

    @Test
    void inOrderTimersAndEarlierOnesMixed_comeOutInOneOrder_whileAddingAndRemoving() {
        // Most timers arrive in deadline order (they go to the queue's run); some are earlier (the heap). Adds,
        // cancels and removals interleave; a sorted reference list says what must come out next.
        SplittableRandom random = new SplittableRandom(7);
        java.util.TreeMap<Long, TimerHandle> reference = new java.util.TreeMap<>();    // key: order of (when, seq)
        java.util.Map<TimerHandle, Long> keys = new java.util.HashMap<>();
        List<TimerHandle> live = new ArrayList<>();
        double clock = 0;
        long order = 0;
        for (int step = 0; step < 20_000; step++) {
            int r = random.nextInt(10);
            if (r < 5) {
                double when = random.nextInt(4) == 0 ? clock + random.nextInt(20) : clock + 20 + step / 100;
                TimerHandle h = queue.add(when, () -> { }, loop);
                // when (up to 2^20) in the high bits, insertion order in the low 32: the heap's own order
                long key = ((long) (when * 4) << 32) | order++;
                reference.put(key, h);
                keys.put(h, key);
                live.add(h);
            } else if (r < 7 && !live.isEmpty()) {
                TimerHandle h = live.remove(random.nextInt(live.size()));
                h.cancel();
                reference.remove(keys.get(h));
            } else if (!reference.isEmpty()) {
                Object head = queue.peek();
                TimerHandle expected = reference.pollFirstEntry().getValue();
                assertSame(expected, head, "step " + step);
                assertEquals(expected.when(), queue.headWhen());
                assertSame(expected, queue.remove());
                live.remove(expected);
                clock = expected.when();
            }
            if (step % 1_000 == 0) {
                queue.dropCancelled();
            }
            assertEquals(reference.size(), queue.liveCount(), "step " + step);
        }
        List<TimerHandle> rest = new ArrayList<>(reference.values());
        assertEquals(rest, drain());
    }

    @Test
    void compactionKeepsBothStoresInOrder() {
        List<TimerHandle> kept = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // Even i ascend (the run), odd i descend below them (the heap).
            double when = i % 2 == 0 ? 1000 + i : 999 - i;
            TimerHandle h = queue.add(when, () -> { }, loop);
            if (i % 5 == 0) {
                kept.add(h);
            } else {
                h.cancel();
            }
        }
        assertEquals(120, queue.liveCount());
        queue.dropCancelled();
        assertEquals(120, queue.liveCount());
        kept.sort(Comparator.comparingDouble(TimerHandle::when));
        assertEquals(kept, drain());
        TimerHandle after = queue.add(5, () -> { }, loop);
        assertEquals(List.of(after), drain(), "the stores work after compaction and draining");
    }
}
