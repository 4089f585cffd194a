package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ConditionTest extends SyncTestBase {
    private final Condition cond = new Condition();

    /** Acquires, waits once, logs "name woke holding=…", releases. A failure is logged and rethrown. */
    private Task<Object> waiter(String name) {
        return spawn(name, () -> awaitThen(cond.acquire(), r -> {
            r.get();
            return awaitThen(cond.waitAsync(), w -> {
                try {
                    w.get();
                    log.add(name + " woke holding=" + cond.locked());
                } catch (Throwable t) {
                    log.add(name + " failed: " + t.getClass().getSimpleName() + " holding=" + cond.locked());
                    throw t;
                } finally {
                    cond.release();
                }
                return done(null);
            });
        }));
    }

    /** Acquires the lock, runs {@code action}, releases. */
    private void withLock(Runnable action) {
        spawn("notifier", () -> awaitThen(cond.acquire(), r -> {
            r.get();
            try {
                action.run();
            } finally {
                cond.release();
            }
            return done(null);
        }));
        runUntilIdle();
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void wakeOne_wakeN_wakeAll_inFifoOrder() {
        for (String n : List.of("A", "B", "C", "D", "E")) {
            waiter(n);
        }
        runUntilIdle();
        assertFalse(cond.locked(), "every waiter released the lock");
        withLock(cond::wakeOne);
        assertEquals(List.of("A woke holding=true"), log);
        withLock(() -> cond.wake(2));
        assertEquals(List.of("A woke holding=true", "B woke holding=true", "C woke holding=true"), log);
        withLock(cond::wakeAll);
        assertEquals(List.of("A woke holding=true", "B woke holding=true", "C woke holding=true",
                "D woke holding=true", "E woke holding=true"), log);
        assertFalse(cond.locked());
    }

    @Test
    void cancelledWhileWaiting_reacquiresTheLockBeforeThrowing() {
        Task<Object> a = waiter("A");
        runUntilIdle();
        // Someone holds the lock when A is cancelled: A must wait for it before its CancelledError escapes.
        Future<Void> gate = gate();
        holder("H", cond::acquire, gate, cond::release);
        runUntilIdle();
        a.cancel();
        runUntilIdle();
        assertFalse(a.done(), "still re-acquiring");
        gate.setResult(null);
        runUntilIdle();
        assertTrue(a.cancelled());
        assertEquals(List.of("H has", "H released", "A failed: CancelledError holding=true"), log);
        assertFalse(cond.locked());
    }

    @Test
    void cancelledWhileReacquiring_keepsTryingThenThrows() {
        Task<Object> a = waiter("A");
        runUntilIdle();
        Future<Void> gate = gate();
        holder("H", cond::acquire, gate, cond::release);
        runUntilIdle();
        loop.callSoon(() -> {
            // H wakes A while holding the lock; A queues for the lock; then A is cancelled while in that line.
            cond.wakeOne();
        });
        runUntilIdle();
        a.cancel();
        runUntilIdle();
        assertFalse(a.done());
        gate.setResult(null);
        runUntilIdle();
        assertTrue(a.cancelled());
        assertEquals(List.of("H has", "H released", "A failed: CancelledError holding=true"), log);
    }

    @Test
    void wokenThenCancelled_passesTheWakeUpToTheNextWaiter() {
        Task<Object> a = waiter("A");
        waiter("B");
        runUntilIdle();
        Task<?>[] notifier = new Task<?>[1];
        loop.callSoon(() -> notifier[0] = spawn("notifier", () -> awaitThen(cond.acquire(), r -> {
            cond.wakeOne();             // wakes A
            a.cancel();                 // A is cancelled before it re-acquired
            cond.release();
            return done(null);
        })));
        runUntilIdle();
        assertTrue(notifier[0].done() && notifier[0].exception() == null, String.valueOf(notifier[0]));
        assertTrue(a.cancelled());
        assertEquals(List.of("A failed: CancelledError holding=true", "B woke holding=true"), log);
    }

    @Test
    void waitFor_rechecksThePredicateAfterEachWakeUp() {
        int[] value = {0};
        Task<Object> t = spawn("t", () -> awaitThen(cond.acquire(), r -> awaitThen(
                cond.waitFor(() -> value[0] >= 2), w -> {
                    w.get();
                    log.add("saw " + value[0] + " holding=" + cond.locked());
                    cond.release();
                    return done(null);
                })));
        runUntilIdle();
        withLock(() -> {
            value[0] = 1;
            cond.wakeAll();
        });
        assertFalse(t.done());
        withLock(() -> {
            value[0] = 2;
            cond.wakeAll();
        });
        assertTrue(t.done());
        assertEquals(List.of("saw 2 holding=true"), log);
    }

    @Test
    void waitFor_trueAtOnce_doesNotWait() {
        Task<Object> t = spawn("t", () -> {
            Awaitable<Void> w = cond.waitFor(() -> true);
            assertTrue(((Future<Void>) w).done());
            return done(null);
        });
        runOnePass();
        assertTrue(t.done());
    }

    @Test
    void waitOrWake_withoutTheLock_throws() {
        assertThrows(IllegalStateException.class, cond::waitAsync);
        assertThrows(IllegalStateException.class, cond::wakeOne);
        assertThrows(IllegalStateException.class, cond::wakeAll);
        assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
    }

    @Test
    void sharedLock_isTheConditionsLock() {
        Lock lock = new Lock();
        Condition c = new Condition(lock);
        Task<Object> t = spawn("t", () -> awaitThen(c.acquire(), r -> {
            assertTrue(lock.locked());
            lock.release();
            assertFalse(c.locked());
            return done(null);
        }));
        runOnePass();
        assertTrue(t.done());
    }
}
