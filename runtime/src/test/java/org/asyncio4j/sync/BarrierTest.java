package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BarrierTest extends SyncTestBase {

    /** Waits at the barrier and logs "name index" or "name failed: Error". */
    private Task<Object> party(String name, Barrier b) {
        return spawn(name, () -> awaitThen(b.waitAsync(), r -> {
            try {
                log.add(name + " " + r.get());
            } catch (Throwable t) {
                log.add(name + " failed: " + t.getClass().getSimpleName());
                throw t;
            }
            return done(null);
        }));
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void lastArrival_releasesEveryone_withArrivalIndices_andTheBarrierIsReusable() {
        Barrier b = new Barrier(3);
        assertEquals(3, b.parties());
        party("A", b);
        party("B", b);
        runUntilIdle();
        assertEquals(2, b.nWaiting());
        assertEquals(List.of(), log);
        party("C", b);
        runUntilIdle();
        assertEquals(List.of("C 2", "A 0", "B 1"), log, "the last to arrive does not suspend");
        assertEquals(0, b.nWaiting());
        log.clear();
        party("D", b);
        party("E", b);
        party("F", b);
        runUntilIdle();
        assertEquals(List.of("F 2", "D 0", "E 1"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void arrivalsWhileDraining_waitForTheNextRound() {
        Barrier b = new Barrier(2);
        party("A", b);
        runUntilIdle();
        loop.callSoon(() -> {
            party("B", b);              // completes the round
            party("C", b);              // arrives while A is still draining
        });
        runUntilIdle();
        assertEquals(List.of("B 1", "A 0"), log);
        assertEquals(1, b.nWaiting(), "C is in the next round");
        party("D", b);
        runUntilIdle();
        assertEquals(List.of("B 1", "A 0", "D 1", "C 0"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void reset_breaksTheWaiters_thenTheBarrierWorksAgain() {
        Barrier b = new Barrier(3);
        party("A", b);
        party("B", b);
        runUntilIdle();
        b.reset();
        runUntilIdle();
        assertEquals(List.of("A failed: BrokenBarrierError", "B failed: BrokenBarrierError"), log);
        assertFalse(b.broken());
        assertEquals(0, b.nWaiting());
        log.clear();
        party("C", b);
        party("D", b);
        party("E", b);
        runUntilIdle();
        assertEquals(List.of("E 2", "C 0", "D 1"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void abort_breaksWaitersAndLaterArrivals_untilReset() {
        Barrier b = new Barrier(2);
        party("A", b);
        runUntilIdle();
        b.abort();
        assertTrue(b.broken());
        party("B", b);
        runUntilIdle();
        assertEquals(List.of("A failed: BrokenBarrierError", "B failed: BrokenBarrierError"), log);
        b.reset();
        assertFalse(b.broken());
        log.clear();
        party("C", b);
        party("D", b);
        runUntilIdle();
        assertEquals(List.of("D 1", "C 0"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void cancelledWaiter_leavesTheBarrier() {
        Barrier b = new Barrier(2);
        Task<Object> a = party("A", b);
        runUntilIdle();
        assertEquals(1, b.nWaiting());
        a.cancel();
        runUntilIdle();
        assertTrue(a.cancelled());
        assertEquals(0, b.nWaiting());
        party("B", b);
        party("C", b);
        runUntilIdle();
        assertEquals(List.of("A failed: CancelledError", "C 1", "B 0"), log);
    }

    @Test
    void onePartyBarrier_neverWaits() {
        Barrier b = new Barrier(1);
        party("A", b);
        runOnePass();
        party("B", b);
        runOnePass();
        assertEquals(List.of("A 0", "B 0"), log);
    }

    @Test
    void partiesBelowOne_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }
}
