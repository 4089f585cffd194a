package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitTest extends LoopTestBase {

    /** Runs {@code wait} in a task and returns its result, checking the loop time when it returned. */
    private <T> WaitResult<T> runWait(Coroutine<WaitResult<T>> wait, double expectedTime) {
        return Asyncio.run(coro(() -> awaitThen(wait, r -> {
            assertEquals(expectedTime, loop.time(), "when wait returned");
            return done(r.get());
        })), loop);
    }

    @Test
    void allCompleted_waitsForEverything_failuresIncluded() {
        Task<String> a = loop.createTask(delayed(1, "a"));
        Task<String> b = loop.createTask(delayed(2, "b"));
        Task<String> c = loop.createTask(failing(3, new IOException("c")));
        WaitResult<String> r = runWait(Asyncio.wait(List.of(a, b, c)), 3.0);
        assertEquals(List.of(a, b, c), List.copyOf(r.done()), "done keeps the argument order");
        assertEquals(Set.of(), r.pending());
        assertInstanceOf(IOException.class, c.exception());
    }

    @Test
    void firstCompleted_returnsAtTheFirstCompletion_theOthersKeepRunning() {
        Task<String> a = loop.createTask(delayed(2, "a"));
        Task<String> b = loop.createTask(delayed(1, "b"));
        Task<String> c = loop.createTask(delayed(3, "c"));
        Task<WaitResult<String>> waiter = loop.createTask(Asyncio.wait(List.of(a, b, c), ReturnWhen.FIRST_COMPLETED));
        WaitResult<String> r = loop.runUntilComplete(waiter);
        assertEquals(1.0, loop.time());
        assertEquals(Set.of(b), r.done());
        assertEquals(List.of(a, c), List.copyOf(r.pending()));
        assertFalse(a.cancelled());
        assertEquals("c", loop.runUntilComplete(c));
        assertEquals("a", a.result());
    }

    @Test
    void firstCompleted_aCancellationCounts() {
        Task<String> a = loop.createTask(delayed(5, "a"));
        Task<String> b = loop.createTask(delayed(5, "b"));
        loop.callLater(1, a::cancel);
        WaitResult<String> r = runWait(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED), 1.0);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
    }

    @Test
    void firstException_returnsAtTheFirstFailure() {
        Task<String> a = loop.createTask(delayed(1, "a"));
        Task<String> b = loop.createTask(failing(2, new IOException("b")));
        Task<String> c = loop.createTask(delayed(5, "c"));
        WaitResult<String> r = runWait(Asyncio.wait(List.of(a, b, c), ReturnWhen.FIRST_EXCEPTION), 2.0);
        assertEquals(List.of(a, b), List.copyOf(r.done()));
        assertEquals(Set.of(c), r.pending());
    }

    @Test
    void firstException_aCancellationDoesNotCount_andWithoutFailuresItWaitsForAll() {
        Task<String> a = loop.createTask(delayed(5, "a"));
        Task<String> b = loop.createTask(delayed(3, "b"));
        loop.callLater(1, a::cancel);
        WaitResult<String> r = runWait(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION), 3.0);
        assertEquals(List.of(a, b), List.copyOf(r.done()));
        assertTrue(a.cancelled());
    }

    @Test
    void timeout_returnsWhatIsDone_andCancelsNothing() {
        Task<String> a = loop.createTask(delayed(1, "a"));
        Task<String> b = loop.createTask(delayed(2, "b"));
        Task<String> c = loop.createTask(delayed(3, "c"));
        Task<WaitResult<String>> waiter = loop.createTask(
                Asyncio.wait(List.of(a, b, c), ReturnWhen.ALL_COMPLETED, 1.5));
        WaitResult<String> r = loop.runUntilComplete(waiter);
        assertEquals(1.5, loop.time());
        assertEquals(Set.of(a), r.done());
        assertEquals(List.of(b, c), List.copyOf(r.pending()));
        assertFalse(b.done());
        assertFalse(c.done());
        assertEquals("c", loop.runUntilComplete(c));
        assertEquals("b", b.result());
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void timeoutOverloadWithoutReturnWhen_meansAllCompleted() {
        Task<String> a = loop.createTask(delayed(1, "a"));
        Task<String> b = loop.createTask(delayed(4, "b"));
        WaitResult<String> r = runWait(Asyncio.wait(List.of(a, b), 2), 2.0);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
    }

    @Test
    void finishingBeforeTheTimeout_disarmsTheTimer() {
        Task<String> a = loop.createTask(delayed(1, "a"));
        runWait(Asyncio.wait(List.of(a), ReturnWhen.ALL_COMPLETED, 10), 1.0);
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void coroutinesAreWrappedInTasks() {
        Task<WaitResult<String>> waiter = loop.createTask(
                Asyncio.wait(List.of(delayed(1, "x"), delayed(2, "y")), ReturnWhen.FIRST_COMPLETED));
        WaitResult<String> r = loop.runUntilComplete(waiter);
        assertEquals(1.0, loop.time());
        Future<String> x = r.done().iterator().next();
        Future<String> y = r.pending().iterator().next();
        assertInstanceOf(Task.class, x);
        assertInstanceOf(Task.class, y);
        assertEquals("x", x.result());
        assertFalse(y.done());
        assertEquals("y", loop.runUntilComplete(y));
    }

    @Test
    void alreadyDoneFutures_returnAfterOnePass() {
        Future<String> f = loop.createFuture();
        f.setResult("done");
        Future<String> g = loop.createFuture();
        g.setException(new IOException("failed"));
        WaitResult<String> r = runWait(Asyncio.wait(List.of(f, g), ReturnWhen.FIRST_EXCEPTION), 0.0);
        assertEquals(List.of(f, g), List.copyOf(r.done()));
        assertTrue(r.pending().isEmpty());
    }

    @Test
    void duplicatesAreMerged_andTheSetsCannotBeModified() {
        Task<String> a = loop.createTask(delayed(1, "a"));
        WaitResult<String> r = runWait(Asyncio.wait(List.of(a, a)), 1.0);
        assertEquals(1, r.done().size());
        assertThrows(UnsupportedOperationException.class, () -> r.done().clear());
    }

    @Test
    void cancellingTheWaitingTask_propagatesCancelledError_andLeavesTheFuturesRunning() {
        Task<String> a = loop.createTask(delayed(3, "a"));
        Task<WaitResult<String>> waiter = loop.createTask(Asyncio.wait(List.of(a), ReturnWhen.ALL_COMPLETED, 10));
        loop.callLater(1, waiter::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(waiter));
        assertEquals(1, loop.pendingTimerCount(), "the wait's timer is gone; only a's sleep timer is left");
        assertEquals("a", loop.runUntilComplete(a));
    }

    @Test
    void mixedResultTypes_infersACommonType() {
        Task<String> s = loop.createTask(delayed(1, "s"));
        Task<Integer> i = loop.createTask(delayed(2, 2));
        List<Future<?>> futures = List.of(s, i);
        WaitResult<Object> r = runWait(Asyncio.wait(futures, ReturnWhen.FIRST_COMPLETED), 1.0);
        assertEquals(Set.of(s), r.done());
    }

    @Test
    void invalidArguments_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of()));
        Future<String> f = loop.createFuture();
        assertThrows(IllegalArgumentException.class,
                () -> Asyncio.wait(List.of(f), ReturnWhen.ALL_COMPLETED, Double.NaN));
        assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(f), (ReturnWhen) null));
    }
}
