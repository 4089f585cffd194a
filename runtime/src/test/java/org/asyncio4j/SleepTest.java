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

    // ---- a sleeping task is its own timer entry (Task#sleepFor); these pin what that must not change ----

    /** Sleeps {@code seconds}, logging "name woke at T" or "name cancelled at T: message"; then returns. */
    private Coroutine<Void> logSleep(String name, double seconds) {
        return coro(() -> awaitThen(Asyncio.sleep(seconds), r -> {
            try {
                r.get();
                log.add(name + " woke at " + loop.time());
            } catch (CancelledError e) {
                log.add(name + " cancelled at " + loop.time() + ": " + e.getMessage());
            }
            return done(null);
        }));
    }

    @Test
    void cancelWhileSleeping_throwsAtTheAwait_withTheMessage_andFreesTheTimer() {
        Task<Void> t = loop.createTask(logSleep("A", 100));
        loop.callLater(1, () -> t.cancel("enough"));
        loop.runUntilComplete(t);
        assertEquals(List.of("A cancelled at 1.0: enough"), log);
        assertEquals(0, loop.pendingTimerCount());
        assertEquals(1, t.cancelling(), "the coroutine caught it; the request still counts");
    }

    @Test
    void sleepAgainAfterACaughtCancellation_theStoppedEntryNeverWakesTheTask() {
        // Sleep 1's entry (due at 100) is stopped at 1 but stays queued until it reaches the head: sleep 2 runs
        // past 100 and must not be woken there. Sleep 3 is cancelled too, sleep 4 right after it.
        Task<Void> t = loop.createTask(coro(() -> awaitThen(logSleep("1", 100), r1 ->
                awaitThen(logSleep("2", 200), r2 ->
                        awaitThen(logSleep("3", 50), r3 ->
                                awaitThen(logSleep("4", 2), r4 -> done(null)))))));
        loop.callLater(1, () -> t.cancel("first"));
        loop.callLater(210, () -> t.cancel("third"));
        loop.runUntilComplete(t);
        assertEquals(List.of("1 cancelled at 1.0: first", "2 woke at 201.0", "3 cancelled at 210.0: third",
                "4 woke at 212.0"), log);
        assertEquals(0, loop.pendingTimerCount());
        loop.runUntilComplete(loop.createTask(logSleep("later", 100)));
        assertEquals("later woke at 312.0", log.get(log.size() - 1));
    }

    @Test
    @Tag(LoopTestBase.EXACT_ORDER)
    void cancelInThePassWhereTheTimerIsDue_beforeItRan_stillCancelsAtTheAwait() {
        Task<Void> t = loop.createTask(logSleep("A", 5));
        // Scheduled before A starts sleeping, so at 5 it runs before A's due timer entry, in the same pass.
        loop.callAt(5, () -> {
            log.add("cancel");
            t.cancel("late");
        });
        runOnePass();                           // A sleeps until 5
        loop.callAt(5, () -> log.add("after"));
        loop.runUntilComplete(t);
        assertEquals(List.of("cancel", "after", "A cancelled at 5.0: late"), log);
        assertTrue(t.done() && !t.cancelled(), "A caught the cancellation and returned");
    }

    @Test
    @Tag(LoopTestBase.EXACT_ORDER)
    void aWokenSleeper_resumesInThePassAfterItsTimer_likeAsyncio() {
        // asyncio: due timers run in pass k in deadline-then-scheduling order (a sleep's timer sets its future,
        // which schedules the task's wake-up); callbacks they schedule and the wake-up run in pass k+1, in order.
        loop.createTask(logSleep("A", 1));
        loop.callAt(1, () -> {
            log.add("timer before A's");
            loop.callSoon(() -> log.add("soon from timer before"));
        });
        runOnePass();                           // A sleeps until 1; its timer comes after the one above
        loop.callAt(1, () -> {
            log.add("timer after A's");
            loop.callSoon(() -> log.add("soon from timer after"));
        });
        loop.runUntilComplete(loop.createTask(logSleep("B", 2)));
        assertEquals(List.of("timer before A's", "timer after A's", "soon from timer before", "A woke at 1.0",
                "soon from timer after", "B woke at 2.0"), log);
    }

    @Test
    void aSleepAsATasksRootFrame_canBeCancelled_andDoneSleepsAreNotReused() {
        Coroutine<Void> sleep = Asyncio.sleep(3);
        Task<Void> root = loop.createTask(sleep);
        loop.runUntilComplete(root);
        assertEquals(3.0, loop.time());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> loop.createTask(sleep));
        assertTrue(again.getMessage().contains("already awaited or scheduled"), again.getMessage());

        Coroutine<Void> inline = Asyncio.sleep(1);
        loop.runUntilComplete(loop.createTask(coro(() -> awaitThen(inline, r -> done(null)))));
        Task<Object> reuse = loop.createTask(coro(() -> awaitThen(inline, r -> done(r.get()))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(reuse));
        assertTrue(e.getMessage().contains("already awaited or scheduled"), e.getMessage());
    }

    @Test
    void manySleepersCancelled_compactTheQueue_andTheRestWakeInDeadlineOrder() {
        List<Task<Void>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tasks.add(loop.createTask(logSleep("t" + i, 1000 + i)));
        }
        runOnePass();
        assertEquals(300, loop.pendingTimerCount());
        for (int i = 0; i < 300; i++) {
            if (i % 3 != 0) {
                tasks.get(i).cancel();
            }
        }
        assertEquals(100, loop.pendingTimerCount());
        loop.runUntilComplete(tasks.get(297));         // the last one that was not cancelled
        List<String> woke = log.stream().filter(line -> line.contains("woke")).collect(java.util.stream.Collectors.toList());
        assertEquals(100, woke.size());
        for (int k = 0; k < 100; k++) {
            assertEquals("t" + 3 * k + " woke at " + (1000.0 + 3 * k), woke.get(k));
        }
    }
}
