package org.asyncio4j.group;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossLoop}, step by step: two virtual-time loops driven one pass at a time on the test thread, so the
 * order in which each side sees what is pinned exactly (no threads, no timing).
 */
class CrossLoopTest {
    private final EventLoop a = EventLoop.virtualTime();
    private final EventLoop b = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeLoops() {
        a.close();
        b.close();
    }

    /** Runs exactly one pass of {@code loop} on this thread. */
    private static void pass(EventLoop loop) {
        loop.stop();
        loop.runForever();
    }

    /** Runs {@code action} inside a pass of {@code loop} (where it is the running loop) and returns its value. */
    private static <T> T on(EventLoop loop, java.util.function.Supplier<T> action) {
        List<T> box = new ArrayList<>();
        loop.callSoon(() -> box.add(action.get()));
        pass(loop);
        return box.get(0);
    }

    @Test
    void follow_resultArrivesOnTheWaitingLoop_inThatLoopsOrder() {
        Future<String> remote = b.createFuture();
        Future<String> follower = on(a, () -> CrossLoop.follow(remote));
        follower.addDoneCallback(f -> log.add("A: follower's callback sees " + f.result()));
        pass(b);                                        // B registers the hand-back on its future
        b.callSoon(() -> remote.setResult("x"));
        pass(b);                                        // B completes: its done callbacks are scheduled
        assertFalse(follower.done());
        pass(b);                                        // B hands the outcome to A (callSoonThreadsafe)
        assertFalse(follower.done(), "nothing happens on A until A runs");
        a.callSoon(() -> log.add("A: callback scheduled before A's next pass"));
        pass(a);                                        // A: its own earlier callback first, then the settle
        assertTrue(follower.done());
        assertEquals(List.of("A: callback scheduled before A's next pass"), log);
        pass(a);                                        // the follower's callbacks run a pass later, as for any future
        assertEquals(List.of("A: callback scheduled before A's next pass", "A: follower's callback sees x"), log);
    }

    @Test
    void follow_aTaskAwaitingTheFollower_resumesOnItsOwnLoop() {
        Future<Integer> remote = b.createFuture();
        Task<String> waiting = a.createTask(coro(() -> awaitThen(CrossLoop.follow(remote),
                r -> done("got " + r.get() + " on " + (Asyncio.getRunningLoop() == a ? "A" : "?")))));
        pass(a);                                        // the task starts and waits
        pass(b);
        b.callSoon(() -> remote.setResult(7));
        pass(b);
        pass(b);
        pass(a);                                        // settle: the task's step is scheduled
        assertFalse(waiting.done());
        pass(a);
        assertEquals("got 7 on A", waiting.result());
    }

    @Test
    void follow_failureAndCancellationCrossUnchanged() {
        Future<String> failing = b.createFuture();
        Future<String> cancelled = b.createFuture();
        Future<String> f1 = on(a, () -> CrossLoop.follow(failing));
        Future<String> f2 = on(a, () -> CrossLoop.follow(cancelled));
        pass(b);
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        b.callSoon(() -> {
            failing.setException(boom);
            cancelled.cancel("gone");
        });
        pass(b);
        pass(b);
        pass(a);
        assertSame(boom, f1.exception());
        assertTrue(f2.cancelled());
        CancelledError e = assertThrows(CancelledError.class, f2::result);
        assertEquals("gone", e.getMessage());
    }

    @Test
    void follow_cancellingTheFollower_cancelsTheRemoteFutureOnItsLoop() {
        Future<String> remote = b.createFuture();
        Future<String> follower = on(a, () -> CrossLoop.follow(remote));
        pass(b);
        on(a, () -> follower.cancel("not needed"));
        assertFalse(remote.done(), "B's future is only touched on B");
        pass(b);
        assertTrue(remote.cancelled());
        assertEquals("not needed", assertThrows(CancelledError.class, remote::result).getMessage());
    }

    @Test
    void follow_aFutureOfTheRunningLoop_isReturnedAsItIs() {
        Future<String> local = a.createFuture();
        assertSame(local, on(a, () -> CrossLoop.follow(local)));
    }

    @Test
    void follow_aFutureOfAClosedLoop_failsAtOnce() {
        EventLoop gone = EventLoop.virtualTime();
        Future<String> remote = gone.createFuture();
        gone.close();
        Future<String> follower = on(a, () -> CrossLoop.follow(remote));
        assertTrue(follower.exception() instanceof IllegalStateException);
    }

    @Test
    void call_runsTheCoroutineOnTheTarget_andDeliversOnTheCaller() {
        Future<String> answer = on(a, () -> CrossLoop.call(b,
                coro(() -> done(Asyncio.getRunningLoop() == b ? "ran on B" : "ran elsewhere"))));
        pass(b);                                        // B creates the task
        pass(b);                                        // the task runs and finishes
        pass(b);                                        // its done callback hands the result to A
        assertFalse(answer.done());
        pass(a);
        assertEquals("ran on B", answer.result());
    }

    @Test
    void call_cancelledBeforeTheTargetRuns_neverStartsTheCoroutine() {
        List<String> ran = new ArrayList<>();
        Future<String> answer = on(a, () -> CrossLoop.call(b, coro(() -> {
            ran.add("started");
            return done("x");
        })));
        on(a, () -> answer.cancel());
        pass(b);
        pass(b);
        pass(b);
        assertTrue(answer.cancelled());
        assertEquals(List.of(), ran);
    }

    @Test
    void gather_acrossLoops_resultsInArgumentOrder() {
        Future<String> fromB = b.createFuture();
        Future<String> fromA = a.createFuture();
        Future<List<String>> all = on(a, () -> CrossLoop.gather(List.of(fromB, fromA)));
        on(a, () -> {
            fromA.setResult("a");
            return null;
        });
        pass(b);
        b.callSoon(() -> fromB.setResult("b"));
        pass(b);
        pass(b);
        assertFalse(all.done());
        for (int i = 0; i < 3 && !all.done(); i++) {
            pass(a);
        }
        assertEquals(List.of("b", "a"), all.result());
    }

    @Test
    void awaitingAForeignFutureDirectly_isRefused_andPointsToFollow() {
        Future<String> remote = b.createFuture();
        Task<String> t = a.createTask(coro(() -> awaitThen(remote, r -> done(r.get()))));
        pass(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::result);
        assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
        assertTrue(e.getMessage().contains("CrossLoop.follow"), e.getMessage());
    }
}
