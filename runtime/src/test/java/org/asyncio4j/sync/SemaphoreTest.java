package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SemaphoreTest extends SyncTestBase {

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void permits_areCounted_andTheNextAcquireWaits() {
        Semaphore sem = new Semaphore(2);
        Future<Void> gateA = gate();
        holder("A", sem::acquire, gateA, sem::release);
        holder("B", sem::acquire, gate(), sem::release);
        holder("C", sem::acquire, gate(), sem::release);
        runUntilIdle();
        assertEquals(List.of("A has", "B has"), log);
        assertTrue(sem.locked());
        assertEquals(0, sem.value());
        assertEquals("Semaphore[locked waiters=1]", sem.toString());
        gateA.setResult(null);
        runUntilIdle();
        assertEquals(List.of("A has", "B has", "A released", "C has"), log);
        assertEquals(0, sem.value(), "A's permit went straight to C");
    }

    @Test
    void uncontendedAcquire_sharesOneCompletedFuture() {
        Semaphore sem = new Semaphore(3);
        Task<Object> t = spawn("t", () -> {
            Awaitable<Void> a = sem.acquire();
            Awaitable<Void> b = sem.acquire();
            assertSame(a, b);
            assertEquals(1, sem.value());
            return done(null);
        });
        runOnePass();
        assertTrue(t.done());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void waiters_getPermitsInFifoOrder_evenIfANewcomerAcquiresAfterTheRelease() {
        Semaphore sem = new Semaphore(1);
        Future<Void> gateA = gate();
        holder("A", sem::acquire, gateA, sem::release);
        holder("B", sem::acquire, gate(), sem::release);
        runUntilIdle();
        loop.callSoon(() -> {
            gateA.setResult(null);
            holder("late", sem::acquire, gate(), sem::release);   // runs after A released, before B
        });
        runUntilIdle();
        assertEquals(List.of("A has", "A released", "B has"), log);
        assertEquals("Semaphore[locked waiters=1]", sem.toString(), "late waits behind B");
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void cancelledWaiters_neverLoseAPermit() {
        Semaphore sem = new Semaphore(1);
        Future<Void> gateA = gate();
        Future<Void> gateD = gate();
        holder("A", sem::acquire, gateA, sem::release);
        Task<Object> b = holder("B", sem::acquire, gate(), sem::release);   // cancelled while waiting
        Task<Object> c = holder("C", sem::acquire, gate(), sem::release);   // cancelled after being handed one
        holder("D", sem::acquire, gateD, sem::release);
        runUntilIdle();
        b.cancel();
        runUntilIdle();
        gateA.setResult(null);
        runOnePass();                   // A releases: the permit is handed to C
        c.cancel();                     // before C runs
        runUntilIdle();
        assertTrue(b.cancelled());
        assertTrue(c.cancelled());
        assertEquals(List.of("A has", "B failed: CancelledError", "A released", "C failed: CancelledError", "D has"),
                log);
        gateD.setResult(null);
        runUntilIdle();
        assertFalse(sem.locked());
        assertEquals(1, sem.value(), "the single permit is back");
    }

    @Test
    void release_aboveTheInitialValue_growsAnUnboundedSemaphore() {
        Semaphore sem = new Semaphore(0);
        assertTrue(sem.locked());
        sem.release();
        sem.release();
        assertEquals(2, sem.value());
    }

    @Test
    void boundedSemaphore_overRelease_throws() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        Task<Object> t = spawn("t", () -> awaitThen(sem.acquire(), r -> {
            sem.release();
            return done(null);
        }));
        runOnePass();
        assertTrue(t.done());
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        assertEquals(2, sem.value());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void boundedSemaphore_releaseHandsToAWaiter_withinTheBound() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        Future<Void> gateA = gate();
        Future<Void> gateB = gate();
        holder("A", sem::acquire, gateA, sem::release);
        holder("B", sem::acquire, gateB, sem::release);
        runUntilIdle();
        gateA.setResult(null);
        runUntilIdle();
        gateB.setResult(null);
        runUntilIdle();
        assertEquals(List.of("A has", "A released", "B has", "B released"), log);
        assertThrows(IllegalStateException.class, sem::release);
    }

    @Test
    void negativeInitialValue_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }
}
