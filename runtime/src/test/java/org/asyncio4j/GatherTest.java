package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatherTest extends LoopTestBase {

    /** Runs {@code body} as the main task (so the running loop is set) and returns its result. */
    private <T> T runMain(Script.Body body) {
        return Asyncio.run(coro(body), loop);
    }

    @Test
    void gather_returnsResultsInArgumentOrder_notCompletionOrder() {
        List<String> results = runMain(() -> awaitThen(
                Asyncio.gather(delayed(3, "a"), delayed(1, "b"), delayed(2, "c")), r -> done(r.get())));
        assertEquals(List.of("a", "b", "c"), results);
        assertEquals(3.0, loop.time(), "the children ran concurrently");
    }

    @Test
    void gather_acceptsFuturesTasksAndCoroutines() {
        Future<Integer> f = loop.createFuture();
        loop.callLater(2, () -> f.setResult(1));
        List<Integer> results = runMain(() -> {
            Task<Integer> t = Asyncio.createTask(delayed(1, 2));
            return awaitThen(Asyncio.gather(List.of(f, t, immediate(3))), r -> done(r.get()));
        });
        assertEquals(List.of(1, 2, 3), results);
    }

    @Test
    void gather_ofNothing_isAnEmptyList() {
        List<Object> results = runMain(() -> awaitThen(Asyncio.gather(), r -> done(r.get())));
        assertEquals(List.of(), results);
    }

    @Test
    void gather_firstErrorPropagates_andTheOthersKeepRunning() {
        IOException first = new IOException("first");
        Task<String> slow = loop.createTask(coro(() -> awaitThen(Asyncio.sleep(3), r -> {
            log.add("slow finished at " + loop.time());
            return done("slow");
        })));
        String outcome = runMain(() -> awaitThen(
                Asyncio.gather(failing(1, first), slow, failing(2, new IOException("second"))), r -> {
                    try {
                        r.get();
                        return done("no error");
                    } catch (IOException e) {
                        assertSame(first, e);
                        assertEquals(1.0, loop.time());
                        assertFalse(slow.done());
                        return awaitThen(slow, r2 -> done("caught first, then " + r2.get()));
                    }
                }));
        assertEquals("caught first, then slow", outcome);
        assertEquals(List.of("slow finished at 3.0"), log);
        assertFalse(slow.cancelled());
    }

    @Test
    void gatherReturnExceptions_putsFailuresInPlace() {
        IOException io = new IOException("io");
        List<Object> results = runMain(() -> {
            Task<String> cancelled = Asyncio.createTask(delayed(5, "never"));
            loop.callLater(1, () -> cancelled.cancel("c"));
            return awaitThen(Asyncio.gatherReturnExceptions(delayed(2, "ok"), failing(1, io), cancelled),
                    r -> done(r.get()));
        });
        assertEquals("ok", results.get(0));
        assertSame(io, results.get(1));
        assertInstanceOf(CancelledError.class, results.get(2));
        assertEquals("c", ((CancelledError) results.get(2)).getMessage());
    }

    @Test
    void gather_aCancelledChild_failsTheGatherWithCancelledError_butDoesNotCancelIt() {
        Future<List<String>>[] gathered = newFutureArray();
        Task<String> other = loop.createTask(delayed(3, "other"));
        String outcome = runMain(() -> {
            Task<String> victim = Asyncio.createTask(delayed(5, "victim"));
            loop.callLater(1, victim::cancel);
            gathered[0] = Asyncio.gather(victim, other);
            return awaitThen(gathered[0], r -> {
                try {
                    r.get();
                    return done("no");
                } catch (CancelledError e) {
                    assertFalse(other.cancelled(), "the sibling was not cancelled");
                    return awaitThen(other, r2 -> done("cancelled child; sibling returned " + r2.get()));
                }
            });
        });
        assertEquals("cancelled child; sibling returned other", outcome);
        assertFalse(gathered[0].cancelled());
        assertInstanceOf(CancelledError.class, gathered[0].exception());
    }

    @Test
    void cancellingTheGather_cancelsAllChildren() {
        Future<List<String>>[] gathered = newFutureArray();
        Task<String> a = loop.createTask(delayed(5, "a"));
        Task<String> b = loop.createTask(delayed(6, "b"));
        Task<String> main = loop.createTask(coro(() -> {
            gathered[0] = Asyncio.gather(a, b);
            return awaitThen(gathered[0], r -> done(r.get()));
        }));
        loop.callLater(1, () -> assertTrue(gathered[0].cancel("all")));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        assertTrue(gathered[0].cancelled());
        assertEquals(1.0, loop.time());
    }

    @Test
    void cancellingTheAwaitingTask_cancelsTheGatherAndItsChildren() {
        Task<String> a = loop.createTask(delayed(5, "a"));
        Task<String> main = loop.createTask(coro(() -> awaitThen(Asyncio.gather(a), r -> done(r.get()))));
        loop.callLater(1, main::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertTrue(a.cancelled());
    }

    @Test
    void gather_withOnlyCoroutines_needsARunningLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.gather(immediate(1)));
        assertEquals("no running event loop", e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<T>[] newFutureArray() {
        return (Future<T>[]) new Future<?>[1];
    }
}
