package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitForTest extends LoopTestBase {

    /** A coroutine that sleeps {@code seconds}, logging when it is cancelled (its "finally"). */
    private Coroutine<String> slowWork(double seconds) {
        return coro(() -> awaitThen(Asyncio.sleep(seconds), r -> {
            try {
                r.get();
                return done("work done");
            } finally {
                log.add("inner finally at " + loop.time());
            }
        }));
    }

    @Test
    void waitFor_finishedInTime_returnsTheResult() {
        String r = Asyncio.run(Asyncio.waitFor(slowWork(1), 2), loop);
        assertEquals("work done", r);
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.pendingTimerCount(), "the timeout timer was cancelled");
    }

    @Test
    void waitFor_timeout_cancelsTheInnerAndWaitsForIt_thenThrowsTimeoutError() {
        TimeoutError e = assertThrows(TimeoutError.class,
                () -> Asyncio.run(coro(() -> awaitThen(Asyncio.waitFor(slowWork(10), 2), r -> {
                    try {
                        return done(r.get());
                    } finally {
                        log.add("outer saw the outcome at " + loop.time());
                    }
                })), loop));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("inner finally at 2.0", "outer saw the outcome at 2.0"), log);
    }

    @Test
    void waitFor_onAFuture_cancelsItOnTimeout() {
        Future<String> f = loop.createFuture();
        assertThrows(TimeoutError.class, () -> Asyncio.run(Asyncio.waitFor(f, 1.5), loop));
        assertTrue(f.cancelled());
        assertEquals(1.5, loop.time());
    }

    @Test
    void waitFor_innerFailure_propagatesUnchanged() {
        IOException io = new IOException("inner");
        IOException e = assertThrows(IOException.class,
                () -> Asyncio.run(Asyncio.waitFor(failing(1, io), 5), loop));
        assertSame(io, e);
    }

    @Test
    void waitFor_zeroTimeout_onADoneFuture_returnsItsResult() {
        Future<String> f = loop.createFuture();
        f.setResult("already");
        assertEquals("already", Asyncio.run(Asyncio.waitFor(f, 0), loop));
    }

    @Test
    void waitFor_zeroTimeout_onPendingWork_timesOutAtOnce() {
        assertThrows(TimeoutError.class, () -> Asyncio.run(Asyncio.waitFor(slowWork(1), 0), loop));
        assertEquals(0.0, loop.time());
    }

    @Test
    void cancellingTheOuterTask_propagatesCancelledError_notTimeoutError() {
        Task<String> outer = loop.createTask(Asyncio.waitFor(slowWork(10), 5));
        loop.callLater(1, () -> outer.cancel("outer"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertEquals("outer", e.getMessage());
        assertEquals(List.of("inner finally at 1.0"), log);
    }

    @Test
    void outerCancelledAfterTheTimeoutFired_isStillACancellation() {
        // The inner work ignores its first cancellation for a while, so the outer cancel arrives after the timeout.
        Coroutine<String> stubborn = coro(() -> awaitThen(Asyncio.sleep(10), r -> {
            try {
                r.get();
            } catch (CancelledError ignored) {
                log.add("inner cancelled at " + loop.time());
            }
            return awaitThen(Asyncio.sleep(3), r2 -> {
                r2.get();
                return done("stubborn");
            });
        }));
        Task<String> outer = loop.createTask(Asyncio.waitFor(stubborn, 1));
        loop.callLater(2, outer::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertEquals(List.of("inner cancelled at 1.0"), log);
    }
}
