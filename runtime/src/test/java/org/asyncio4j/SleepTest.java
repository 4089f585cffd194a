package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SleepTest extends LoopTestBase {

    /** Logs name+1, sleeps {@code seconds}, logs name+2. */
    private Coroutine<Void> twoSteps(String name, double seconds) {
        return coro(() -> {
            log.add(name + "1");
            return awaitThen(Asyncio.sleep(seconds), r -> {
                r.get();
                log.add(name + "2");
                return done(null);
            });
        });
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void sleepZero_yieldsExactlyOnce_soTasksInterleave() {
        Task<Void> a = loop.createTask(twoSteps("A", 0));
        Task<Void> b = loop.createTask(twoSteps("B", 0));
        runOnePass();
        assertEquals(List.of("A1", "B1"), log);
        runOnePass();
        assertEquals(List.of("A1", "B1", "A2", "B2"), log);
        assertTrue(a.done());
        assertTrue(b.done());
        assertEquals(0.0, loop.time());
        assertEquals(0, loop.pendingTimerCount(), "sleep(0) uses no timer");
    }

    @Test
    void sleepZero_resumesAfterCallbacksAlreadyScheduled() {
        loop.createTask(coro(() -> {
            log.add("task before");
            loop.callSoon(() -> log.add("callback"));
            return awaitThen(Asyncio.sleep(0), r -> {
                log.add("task after");
                return done(null);
            });
        }));
        runOnePass();
        runOnePass();
        assertEquals(List.of("task before", "callback", "task after"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void negativeSleep_actsLikeZero() {
        loop.createTask(twoSteps("A", -5));
        loop.createTask(twoSteps("B", -1));
        runOnePass();
        runOnePass();
        assertEquals(List.of("A1", "B1", "A2", "B2"), log);
        assertEquals(0.0, loop.time());
    }

    @Test
    void sleep_onVirtualTime_finishesInstantlyAtTheDeadline() {
        Task<Void> t = loop.createTask(twoSteps("A", 3));
        loop.runUntilComplete(t);
        assertEquals(3.0, loop.time());
        assertEquals(List.of("A1", "A2"), log);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void concurrentSleeps_overlap_andWakeInDeadlineOrder() {
        loop.createTask(twoSteps("slow", 2));
        Task<Void> fast = loop.createTask(twoSteps("fast", 1));
        Task<Void> last = loop.createTask(twoSteps("last", 2.5));
        loop.runUntilComplete(last);
        assertTrue(fast.done());
        assertEquals(List.of("slow1", "fast1", "last1", "fast2", "slow2", "last2"), log);
        assertEquals(2.5, loop.time());
    }

    @Test
    void sleepDuration_usesSecondsAndNanos() {
        loop.runUntilComplete(loop.createTask(Asyncio.sleep(Duration.ofMillis(1500))));
        assertEquals(1.5, loop.time());
    }

    @Test
    void sleep_isLazy_theTimeStartsWhenAwaited() {
        Coroutine<Void> created = Asyncio.sleep(1);
        Task<Void> t = loop.createTask(coro(() -> awaitThen(Asyncio.sleep(5), r ->
                awaitThen(created, r2 -> done(null)))));
        loop.runUntilComplete(t);
        assertEquals(6.0, loop.time());
    }

    @Test
    void sleep_nan_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Asyncio.sleep(Double.NaN));
    }

    @Test
    void cancelledSleep_cancelsItsTimer() {
        Task<Void> t = loop.createTask(Asyncio.sleep(100));
        loop.callLater(1, t::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.pendingTimerCount());
    }
}
