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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunTest extends LoopTestBase {

    @Test
    void run_returnsTheResult_andClosesTheLoop() {
        assertEquals("r", Asyncio.run(delayed(2, "r"), loop));
        assertTrue(loop.isClosed());
        assertFalse(loop.isRunning());
    }

    @Test
    void run_onANewRealLoop_returnsTheResult() {
        int r = Asyncio.run(coro(() -> awaitThen(Asyncio.sleep(0), r0 -> done(7))));
        assertEquals(7, r);
    }

    @Test
    void run_rethrowsACheckedFailureUnwrapped() {
        IOException io = new IOException("checked");
        IOException e = assertThrows(IOException.class, () -> Asyncio.run(failing(1, io), loop));
        assertSame(io, e);
        assertTrue(loop.isClosed());
    }

    @Test
    void run_cancelsLeftoverTasks_andLetsThemFinish() {
        AtomicReference<Task<String>> leftover = new AtomicReference<>();
        String r = Asyncio.run(coro(() -> {
            leftover.set(Asyncio.createTask(coro(() -> awaitThen(Asyncio.sleep(100), r1 -> {
                try {
                    return done(r1.get());
                } finally {
                    log.add("leftover cleaned up at " + loop.time());
                }
            }))));
            return awaitThen(Asyncio.sleep(1), r2 -> done("main done"));
        }), loop);
        assertEquals("main done", r);
        assertTrue(leftover.get().cancelled());
        assertEquals(List.of("leftover cleaned up at 1.0"), log);
    }

    @Test
    void run_reportsLeftoverTasksThatFailWhileBeingCancelled() {
        IllegalStateException boom = new IllegalStateException("failed in cleanup");
        Asyncio.run(coro(() -> {
            Asyncio.createTask(coro(() -> awaitThen(Asyncio.sleep(100), r1 -> {
                throw boom;
            })));
            return done(null);
        }), loop);
        List<Map<String, Object>> errors = takeHandledErrors();
        assertEquals(1, errors.size());
        assertSame(boom, errors.get(0).get("exception"));
        assertEquals("unhandled exception during Asyncio.run() shutdown", errors.get(0).get("message"));
    }

    @Test
    void run_insideARunningLoop_throws() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> error.set(assertThrows(IllegalStateException.class,
                () -> Asyncio.run(immediate(1)))));
        runOnePass();
        assertEquals("Asyncio.run() cannot be called from a running event loop", error.get().getMessage());
    }

    @Test
    void await_calledDirectly_explainsTheProcessorSetup() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.await(immediate(1)));
        assertTrue(e.getMessage().contains("only valid inside an @Async method"), e.getMessage());
        assertTrue(e.getMessage().contains("annotationProcessorPaths"), e.getMessage());
        assertTrue(e.getMessage().contains("-processorpath"), e.getMessage());
        Future<Integer> f = loop.createFuture();
        assertThrows(IllegalStateException.class, () -> Asyncio.await(f));
        assertThrows(IllegalStateException.class, () -> Asyncio.await(new CompletableFuture<String>()));
        Awaitable<Integer> a = f;
        assertThrows(IllegalStateException.class, () -> Asyncio.await(a));
    }

    @Test
    void createTask_outsideARunningLoop_throws() {
        assertThrows(IllegalStateException.class, () -> Asyncio.createTask(immediate(1)));
    }
}
