package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.Awaitable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LockTest extends SyncTestBase {
    private final Lock lock = new Lock();

    @Test
    void uncontendedAcquire_isTheSameCompletedFuture_andNeverSuspends() {
        Task<Object> t = spawn("t", () -> {
            Awaitable<Void> first = lock.acquire();
            assertTrue(lock.locked());
            Future<?> f = assertInstanceOf(Future.class, first);
            assertTrue(f.done());
            return awaitThen(first, r -> {
                lock.release();
                assertFalse(lock.locked());
                Awaitable<Void> second = lock.acquire();
                assertSame(first, second, "no allocation per uncontended acquire");
                lock.release();
                return done("ok");
            });
        });
        runOnePass();
        assertEquals("ok", t.result(), "finished in its first step");
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void release_handsTheLockToWaitersInFifoOrder_withoutBarging() {
        Future<Void> gateA = gate();
        Future<Void> gateB = gate();
        Future<Void> gateC = gate();
        Future<Void> gateD = gate();
        holder("A", lock::acquire, gateA, lock::release);
        holder("B", lock::acquire, gateB, lock::release);
        holder("C", lock::acquire, gateC, lock::release);
        runUntilIdle();
        assertEquals(List.of("A has"), log);
        assertEquals("Lock[locked waiters=2]", lock.toString());

        loop.callSoon(() -> {
            gateA.setResult(null);
            // D's first step runs right after A's (which releases, handing the lock to B) and before B's.
            holder("D", lock::acquire, gateD, lock::release);
        });
        runOnePass();
        runOnePass();
        assertEquals(List.of("A has", "A released"), log);
        assertTrue(lock.locked(), "handed to B, which has not run yet");
        assertEquals("Lock[locked waiters=2]", lock.toString(), "D queued behind C instead of barging");
        runUntilIdle();
        assertEquals(List.of("A has", "A released", "B has"), log);

        gateB.setResult(null);
        runUntilIdle();
        gateC.setResult(null);
        runUntilIdle();
        gateD.setResult(null);
        runUntilIdle();
        assertEquals(List.of("A has", "A released", "B has", "B released", "C has", "C released", "D has",
                "D released"), log);
        assertFalse(lock.locked());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void waiterCancelledWhileWaiting_leavesTheLine_nextWaiterGetsTheLock() {
        Future<Void> gateA = gate();
        Future<Void> gateC = gate();
        holder("A", lock::acquire, gateA, lock::release);
        Task<Object> b = holder("B", lock::acquire, gate(), lock::release);
        holder("C", lock::acquire, gateC, lock::release);
        runUntilIdle();
        assertTrue(b.cancel());
        runUntilIdle();
        assertEquals("Lock[locked waiters=1]", lock.toString(), "B left the line");
        gateA.setResult(null);
        runUntilIdle();
        gateC.setResult(null);
        runUntilIdle();
        assertTrue(b.cancelled());
        assertEquals(List.of("A has", "B failed: CancelledError", "A released", "C has", "C released"), log);
        assertFalse(lock.locked());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void waiterCancelledAfterBeingHandedTheLock_passesItOn() {
        Future<Void> gateA = gate();
        Future<Void> gateC = gate();
        Task<Object> a = holder("A", lock::acquire, gateA, lock::release);
        Task<Object> b = holder("B", lock::acquire, gate(), lock::release);
        holder("C", lock::acquire, gateC, lock::release);
        runUntilIdle();
        // In one callback: A's gate opens, A releases (handing the lock to B) in its next step; then B is
        // cancelled before it runs.
        gateA.setResult(null);
        runOnePass();                   // A runs: releases, B's waiter is completed and B scheduled
        assertTrue(a.done());
        assertTrue(lock.locked());
        assertTrue(b.cancel("late"));   // B was woken but has not run
        runUntilIdle();
        assertTrue(b.cancelled());
        assertEquals(List.of("A has", "A released", "B failed: CancelledError", "C has"), log);
        gateC.setResult(null);
        runUntilIdle();
        assertFalse(lock.locked(), "nothing leaked: the lock ends free");
    }

    @Test
    void allWaitersCancelled_lockBecomesFreeOnRelease() {
        Future<Void> gateA = gate();
        holder("A", lock::acquire, gateA, lock::release);
        Task<Object> b = holder("B", lock::acquire, gate(), lock::release);
        runUntilIdle();
        b.cancel();
        runUntilIdle();
        gateA.setResult(null);
        runUntilIdle();
        assertFalse(lock.locked());
        assertEquals("Lock[unlocked]", lock.toString());
    }

    @Test
    void release_whenUnlocked_throws() {
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
    }

    @Test
    void acquire_outsideARunningLoop_throws() {
        assertThrows(IllegalStateException.class, lock::acquire);
    }

    @Test
    void lock_boundToOneLoop_rejectsAnother() {
        holder("A", lock::acquire, gate(), lock::release);
        holder("B", lock::acquire, gate(), lock::release);
        runUntilIdle();                 // B waited: the lock is bound to this loop
        EventLoop other = EventLoop.virtualTime();
        try {
            Task<Object> t = other.createTask(Script.coro(() -> awaitThen(lock.acquire(), r -> done(r.get()))));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(t));
            assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        } finally {
            other.close();
        }
    }
}
