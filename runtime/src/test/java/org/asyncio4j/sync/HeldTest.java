package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitAnyThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code async with lock:} as {@code try (Held held = await(lock.hold()))}: the hold is granted in line order, its
 * close releases once (a second close does nothing), and it works the same for a semaphore's permits. The tests
 * start their holders in a fixed order and assert the order of grants: {@code exact-order}, left out of the shuffle
 * run.
 */
@Tag(LoopTestBase.EXACT_ORDER)
class HeldTest extends SyncTestBase {

    /** Awaits a hold, logs "name has", waits for {@code gate}, closes the hold twice, logs "name released". */
    private void holder(String name, Supplier<Awaitable<Held>> hold, Future<Void> gate) {
        spawn(name, () -> awaitAnyThen(hold.get(), r -> {
            Held held = r.get();
            log.add(name + " has " + held.held());
            return awaitAnyThen(gate, g -> awaitAnyThen(held.closeAsync(), c -> {
                c.get();
                return awaitAnyThen(held.closeAsync(), again -> {
                    again.get();
                    log.add(name + " released " + held.held());
                    return done(null);
                });
            }));
        }));
    }

    @Test
    void lockHold_isGrantedInLineOrder_andItsCloseReleasesOnce() {
        Lock lock = new Lock();
        Future<Void> gateA = gate();
        Future<Void> gateB = gate();
        holder("a", lock::hold, gateA);
        holder("b", lock::hold, gateB);
        runUntilIdle();
        assertEquals(List.of("a has true"), log);
        gateA.setResult(null);
        runUntilIdle();
        assertEquals(List.of("a has true", "a released false", "b has true"), log);
        assertTrue(lock.locked());
        gateB.setResult(null);
        runUntilIdle();
        assertFalse(lock.locked()); // released once by b: a second release would have thrown
    }

    @Test
    void semaphoreHold_takesAndGivesBackOnePermit() {
        Semaphore semaphore = new Semaphore(2);
        Future<Void> gate = gate();
        holder("a", semaphore::hold, gate);
        holder("b", semaphore::hold, gate);
        holder("c", semaphore::hold, gate());
        runUntilIdle();
        assertEquals(List.of("a has true", "b has true"), log);
        assertEquals(0, semaphore.value());
        gate.setResult(null);
        runUntilIdle();
        assertEquals(List.of("a has true", "b has true", "a released false", "b released false", "c has true"), log);
        assertEquals(1, semaphore.value());
    }
}
