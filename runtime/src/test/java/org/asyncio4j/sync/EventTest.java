package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Task;
import org.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EventTest extends SyncTestBase {
    private final Event event = new Event();

    private Task<Object> waiter(String name) {
        return spawn(name, () -> {
            log.add(name + " waits");
            return awaitThen(event.waitAsync(), r -> {
                r.get();
                log.add(name + " woke");
                return done(null);
            });
        });
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void set_wakesEveryWaiter_inTheOrderTheyWaited() {
        waiter("A");
        waiter("B");
        waiter("C");
        runUntilIdle();
        assertEquals("Event[unset waiters=3]", event.toString());
        loop.callSoon(() -> {
            log.add("set");
            event.set();
        });
        runUntilIdle();
        assertEquals(List.of("A waits", "B waits", "C waits", "set", "A woke", "B woke", "C woke"), log);
        assertTrue(event.isSet());
        assertEquals("Event[set]", event.toString());
    }

    @Test
    void waitOnASetEvent_isTheSharedCompletedFuture() {
        Task<Object> t = spawn("t", () -> {
            event.set();
            Awaitable<Void> a = event.waitAsync();
            assertSame(a, event.waitAsync());
            assertTrue(((Future<Void>) a).done());
            return awaitThen(a, r -> done("passed"));
        });
        runOnePass();
        assertEquals("passed", t.result());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void clear_afterSet_makesNewWaitersWait_butWokenOnesStillResume() {
        waiter("A");
        runUntilIdle();
        event.set();
        event.clear();                  // before A runs
        assertFalse(event.isSet());
        waiter("B");
        runUntilIdle();
        assertEquals(List.of("A waits", "A woke", "B waits"), log);
        event.set();
        runUntilIdle();
        assertEquals(List.of("A waits", "A woke", "B waits", "B woke"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void cancelledWaiter_leavesTheEvent_othersStillWake() {
        Task<Object> a = waiter("A");
        waiter("B");
        runUntilIdle();
        a.cancel();
        runUntilIdle();
        assertTrue(a.cancelled());
        assertEquals("Event[unset waiters=1]", event.toString(), "the cancelled waiter unlinked itself");
        event.set();
        runUntilIdle();
        assertEquals(List.of("A waits", "B waits", "B woke"), log);
    }

    @Test
    void waitFor_withATimeout_unregistersTheWaiter() {
        Task<Object> t = spawn("t", () -> awaitThen(Asyncio.waitFor(event.waitAsync(), 2), r -> done(r.get())));
        assertThrows(TimeoutError.class, () -> loop.runUntilComplete(t));
        assertEquals(2.0, loop.time());
        assertEquals("Event[unset]", event.toString());
    }
}
