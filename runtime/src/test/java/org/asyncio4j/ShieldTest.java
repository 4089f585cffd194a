package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShieldTest extends LoopTestBase {

    /** Sleeps {@code seconds}, logs when it finishes, returns {@code value}. */
    private Coroutine<String> logged(double seconds, String value) {
        return coro(() -> awaitThen(Asyncio.sleep(seconds), r -> {
            r.get();
            log.add(value + " finished at " + loop.time());
            return done(value);
        }));
    }

    @Test
    void cancellingTheAwaitingTask_leavesTheInnerRunningToCompletion() {
        Task<String> inner = loop.createTask(logged(3, "inner"));
        Task<String> outer = loop.createTask(coro(() -> awaitThen(Asyncio.shield(inner), r -> {
            seq.expect(1);
            log.add("outer saw " + r.error.getClass().getSimpleName() + " at " + loop.time());
            return done(r.get());
        })));
        loop.callLater(1, () -> outer.cancel("stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertEquals("stop", e.getMessage());
        assertFalse(inner.done());
        assertEquals("inner", loop.runUntilComplete(inner));
        seq.finish(2);
        assertEquals(List.of("outer saw CancelledError at 1.0", "inner finished at 3.0"), log);
    }

    @Test
    void aCoroutineIsWrappedInATask_thatSurvivesTheOutersCancellation() {
        Task<String> outer = loop.createTask(coro(() -> awaitThen(Asyncio.shield(logged(2, "shielded")),
                r -> done(r.get()))));
        loop.callLater(1, outer::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        loop.runUntilComplete(loop.createTask(Script.coro(() -> awaitThen(Asyncio.sleep(5), r -> done(null)))));
        assertEquals(List.of("shielded finished at 2.0"), log);
    }

    @Test
    void cancellingTheShieldFutureItself_doesNotCancelTheInner() {
        Future<String> inner = loop.createFuture();
        Future<String> shielded = Asyncio.shield(inner);
        assertTrue(shielded.cancel());
        assertTrue(shielded.cancelled());
        assertFalse(inner.cancelled());
        inner.setResult("late");
        runOnePass();
        assertTrue(shielded.cancelled(), "a cancelled shield stays cancelled");
    }

    @Test
    void innerResult_propagates() {
        assertEquals("value", Asyncio.run(coro(() -> awaitThen(Asyncio.shield(delayed(1, "value")),
                r -> done(r.get()))), loop));
        assertEquals(1.0, loop.time());
    }

    @Test
    void innerFailure_propagates() {
        IOException io = new IOException("inner");
        IOException e = assertThrows(IOException.class, () -> Asyncio.run(coro(() ->
                awaitThen(Asyncio.shield(failing(1, io)), r -> done(r.get()))), loop));
        assertSame(io, e);
    }

    @Test
    void innerCancelled_cancelsTheShield() {
        Future<String> inner = loop.createFuture();
        Future<String> shielded = Asyncio.shield(inner);
        inner.cancel("inner gone");
        runOnePass();
        assertTrue(shielded.cancelled());
        assertEquals("inner gone", assertThrows(CancelledError.class, shielded::result).getMessage());
    }

    @Test
    void aDoneInner_isReturnedAsItIs() {
        Future<String> inner = loop.createFuture();
        inner.setResult("done");
        assertSame(inner, Asyncio.shield(inner));
    }
}
