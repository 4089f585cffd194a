package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Asyncio.run's shutdown: cancel leftovers, let them finish, report their errors, close the loop. */
class RunShutdownTest {
    private final List<Map<String, Object>> handled = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private EventLoop newLoop() {
        EventLoop loop = LoopTestBase.newTestLoop();
        loop.setExceptionHandler((l, c) -> handled.add(c));
        return loop;
    }

    /** A leftover that, when cancelled, runs its cleanup for {@code cleanup} seconds and then does {@code end}. */
    private Coroutine<Object> leftover(String name, double cleanup, Script.Body end) {
        return coro(() -> awaitThen(Asyncio.sleep(100), r -> {
            try {
                r.get();
            } catch (CancelledError e) {
                log.add(name + " cancelled");
                return awaitThen(Asyncio.sleep(cleanup), r2 -> {
                    log.add(name + " cleaned up");
                    return end.run();
                });
            }
            return done(null);
        }));
    }

    @Test
    void leftovers_areCancelledAndAllowedToFinish_theirErrorsReported_thenTheLoopIsClosed() {
        EventLoop loop = newLoop();
        IOException cleanupFailure = new IOException("cleanup failed");
        String result = Asyncio.run(coro(() -> {
            Asyncio.createTask(leftover("quiet", 2, () -> done(null)), "quiet");
            Asyncio.createTask(leftover("noisy", 1, () -> {
                throw cleanupFailure;
            }), "noisy");
            return awaitThen(Asyncio.sleep(0), r -> done("main result"));
        }), loop);
        assertEquals("main result", result);
        // Both are cancelled in the same pass (their order is not pinned: shuffle mode); cleanups end at 1 s and 2 s.
        assertEquals(Set.of("quiet cancelled", "noisy cancelled"), Set.copyOf(log.subList(0, 2)));
        assertEquals(List.of("noisy cleaned up", "quiet cleaned up"), log.subList(2, 4));
        assertEquals(2.0, loop.time(), "the loop ran until the slowest cleanup ended");
        assertTrue(loop.isClosed());
        assertEquals(1, handled.size(), () -> "one report, no 'never retrieved' or 'destroyed' duplicates: " + handled);
        assertEquals("unhandled exception during Asyncio.run() shutdown", handled.get(0).get("message"));
        assertEquals(cleanupFailure, handled.get(0).get("exception"));
        assertEquals("noisy", ((Task<?>) handled.get(0).get("task")).getName());
    }

    @Test
    void failingMainTask_stillShutsDownLeftovers_andRethrows() {
        EventLoop loop = newLoop();
        IllegalStateException mainFailure = new IllegalStateException("main");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Asyncio.run(coro(() -> {
            Asyncio.createTask(leftover("child", 1, () -> done(null)));
            return awaitThen(Asyncio.sleep(0), r -> {
                throw mainFailure;
            });
        }), loop));
        assertEquals(mainFailure, thrown);
        assertEquals(List.of("child cancelled", "child cleaned up"), log);
        assertTrue(loop.isClosed());
        assertEquals(List.of(), handled);
    }

    @Test
    void leftoverThatIgnoresCancellationAndFails_isReportedOnce() {
        EventLoop loop = newLoop();
        Asyncio.run(coro(() -> {
            Asyncio.createTask(coro(() -> awaitThen(Asyncio.sleep(10), r -> {
                throw new IOException("swallowed the cancel, then failed");     // r.get() is never called
            })));
            return done(null);
        }), loop);
        assertEquals(1, handled.size(), () -> String.valueOf(handled));
        assertEquals("unhandled exception during Asyncio.run() shutdown", handled.get(0).get("message"));
        assertInstanceOf(IOException.class, handled.get(0).get("exception"));
        assertTrue(loop.isClosed());
    }
}
