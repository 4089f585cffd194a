package org.asyncio4j.queues;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Task;
import org.asyncio4j.sync.SyncTestBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class QueueTest extends SyncTestBase {

    /** A task that gets one item and logs "name got item" (or "name failed: Error"). */
    private Task<Object> getter(String name, Queue<String> q) {
        return spawn(name, () -> awaitThen(q.get(), r -> {
            try {
                log.add(name + " got " + r.get());
            } catch (Throwable t) {
                log.add(name + " failed: " + t.getClass().getSimpleName());
                throw t;
            }
            return done(null);
        }));
    }

    /** A task that puts {@code item} and logs "name put item" (or "name failed: Error"). */
    private Task<Object> putter(String name, Queue<String> q, String item) {
        return spawn(name, () -> awaitThen(q.put(item), r -> {
            try {
                r.get();
                log.add(name + " put " + item);
            } catch (Throwable t) {
                log.add(name + " failed: " + t.getClass().getSimpleName());
                throw t;
            }
            return done(null);
        }));
    }

    private static List<String> drain(Queue<String> q) {
        List<String> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    @Test
    void fifo_priority_andLifo_orders() {
        Queue<String> fifo = new Queue<>();
        Queue<String> prio = new PriorityQueue<>();
        Queue<String> reversed = new PriorityQueue<>(Comparator.reverseOrder());
        Queue<String> lifo = new LifoQueue<>();
        for (Queue<String> q : List.of(fifo, prio, reversed, lifo)) {
            for (String s : List.of("b", "c", "a")) {
                q.putNowait(s);
            }
            assertEquals(3, q.qsize());
        }
        assertEquals(List.of("b", "c", "a"), drain(fifo));
        assertEquals(List.of("a", "b", "c"), drain(prio));
        assertEquals(List.of("c", "b", "a"), drain(reversed));
        assertEquals(List.of("a", "c", "b"), drain(lifo));
    }

    @Test
    void getAndPut_withoutWaiting_doNotSuspend() {
        Queue<String> q = new Queue<>(2);
        Task<Object> t = spawn("t", () -> {
            Awaitable<Void> p1 = q.put("x");
            Awaitable<Void> p2 = q.put("y");
            assertEquals(p1, p2, "one shared completed future");
            assertTrue(q.full());
            return awaitThen(q.get(), r -> done(r.get()));
        });
        runOnePass();
        assertEquals("x", t.result());
        assertEquals(1, q.qsize());
    }

    @Test
    void getters_waitForItems_inFifoOrder() {
        Queue<String> q = new Queue<>();
        getter("A", q);
        getter("B", q);
        runUntilIdle();
        q.putNowait("1");
        q.putNowait("2");
        runUntilIdle();
        assertEquals(List.of("A got 1", "B got 2"), log);
        assertTrue(q.empty());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void put_onAFullQueue_waitsForASlot() {
        Queue<String> q = new Queue<>(1);
        assertEquals(1, q.maxsize());
        putter("P1", q, "a");
        putter("P2", q, "b");
        putter("P3", q, "c");
        runUntilIdle();
        assertEquals(List.of("P1 put a"), log);
        assertTrue(q.full());
        getter("G1", q);
        runUntilIdle();
        assertEquals(List.of("P1 put a", "G1 got a", "P2 put b"), log);
        getter("G2", q);
        getter("G3", q);
        runUntilIdle();
        assertEquals(List.of("P1 put a", "G1 got a", "P2 put b", "G2 got b", "P3 put c", "G3 got c"), log);
    }

    @Test
    void nowaitErrors() {
        Queue<String> q = new Queue<>(1);
        assertThrows(QueueEmpty.class, q::getNowait);
        q.putNowait("a");
        assertThrows(QueueFull.class, () -> q.putNowait("b"));
        assertThrows(NullPointerException.class, () -> new Queue<String>().putNowait(null));
        assertFalse(new Queue<String>(0).full(), "maxsize 0 is unbounded");
        assertFalse(new Queue<String>(-1).full(), "so is a negative one");
    }

    @Test
    void join_waitsUntilEveryItemIsMarkedDone() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        q.putNowait("b");
        Task<Object> joiner = spawn("join", () -> awaitThen(q.join(), r -> {
            log.add("joined");
            return done(null);
        }));
        runUntilIdle();
        q.getNowait();
        q.taskDone();
        runUntilIdle();
        assertFalse(joiner.done());
        q.getNowait();
        q.taskDone();
        runUntilIdle();
        assertTrue(joiner.done());
        assertEquals(List.of("joined"), log);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("taskDone() called too many times", e.getMessage());
    }

    @Test
    void join_withNothingOutstanding_isDoneAtOnce() {
        Queue<String> q = new Queue<>();
        Task<Object> t = spawn("t", () -> {
            Awaitable<Void> j = q.join();
            assertTrue(((Future<Void>) j).done());
            return done(null);
        });
        runOnePass();
        assertTrue(t.done());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void shutdown_failsPutsAtOnce_gettersDrainTheRestThenFail() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("a");
        putter("P", q, "b");            // waits: the queue is full
        runUntilIdle();
        q.shutdown();
        getter("G1", q);
        getter("G2", q);
        runUntilIdle();
        assertEquals(List.of("P failed: QueueShutDown", "G1 got a", "G2 failed: QueueShutDown"), log);
        assertThrows(QueueShutDown.class, () -> q.putNowait("c"));
        assertThrows(QueueShutDown.class, q::getNowait);
        assertTrue(takeHandledErrors().isEmpty());
    }

    @Test
    void shutdown_wakesWaitingGetters() {
        Queue<String> q = new Queue<>();
        getter("G", q);
        runUntilIdle();
        q.shutdown();
        runUntilIdle();
        assertEquals(List.of("G failed: QueueShutDown"), log);
    }

    @Test
    void shutdownImmediate_discardsItems_countsThemDone_andFailsGetters() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        q.putNowait("b");
        Task<Object> joiner = spawn("join", () -> awaitThen(q.join(), r -> done("joined")));
        runUntilIdle();
        q.shutdown(true);
        getter("G", q);
        runUntilIdle();
        assertTrue(q.empty());
        assertEquals("joined", joiner.result());
        assertEquals(List.of("G failed: QueueShutDown"), log);
    }

    @Test
    void getterCancelledAfterBeingWoken_doesNotLoseTheItem() {
        Queue<String> q = new Queue<>();
        Task<Object> a = getter("A", q);
        getter("B", q);
        runUntilIdle();
        q.putNowait("x");               // wakes A
        assertTrue(a.cancel());         // before A runs
        runUntilIdle();
        assertTrue(a.cancelled());
        assertEquals(List.of("A failed: CancelledError", "B got x"), log);
    }

    @Test
    void getterCancelledWhileWaiting_leavesTheLine() {
        Queue<String> q = new Queue<>();
        Task<Object> a = getter("A", q);
        getter("B", q);
        runUntilIdle();
        a.cancel();
        runUntilIdle();
        assertEquals("Queue[maxsize=0 qsize=0 getters=1]", q.toString());
        q.putNowait("x");
        runUntilIdle();
        assertEquals(List.of("A failed: CancelledError", "B got x"), log);
    }

    @Test
    void putterCancelledAfterBeingWoken_doesNotLoseTheSlot() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("first");
        Task<Object> a = putter("A", q, "a");
        putter("B", q, "b");
        runUntilIdle();
        assertEquals("first", q.getNowait());   // frees the slot, wakes A
        assertTrue(a.cancel());                 // before A runs
        runUntilIdle();
        assertEquals(List.of("A failed: CancelledError", "B put b"), log);
        assertEquals(List.of("b"), drain(q));
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void wokenGetter_thatLosesTheItemToAFasterTask_waitsAgainFirstInLine() {
        Queue<String> q = new Queue<>();
        getter("A", q);
        getter("B", q);
        runUntilIdle();
        loop.callSoon(() -> {
            getter("C", q);             // C's first step is scheduled ...
            q.putNowait("x");           // ... before A's wake-up, so C takes x without waiting
        });
        runUntilIdle();
        q.putNowait("y");
        runUntilIdle();
        q.putNowait("z");
        runUntilIdle();
        assertEquals(List.of("C got x", "A got y", "B got z"), log);
    }
}
