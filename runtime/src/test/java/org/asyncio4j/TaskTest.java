package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TaskTest extends LoopTestBase {

    @Test
    void task_completesWithTheCoroutinesResult() {
        Task<Integer> t = loop.createTask(delayed(1, 7));
        assertFalse(t.done());
        assertEquals(7, loop.runUntilComplete(t));
        assertTrue(t.done());
        assertEquals(7, t.result());
        assertEquals(1.0, loop.time());
    }

    @Test
    void task_firstStepIsScheduled_notRunAtCreation() {
        Task<String> t = loop.createTask(coro(() -> {
            log.add("body");
            return done("x");
        }));
        assertEquals(List.of(), log);
        runOnePass();
        assertEquals(List.of("body"), log);
        assertEquals("x", t.result());
    }

    @Test
    void task_failsWithTheCoroutinesCheckedException_unwrapped() {
        IOException io = new IOException("nope");
        Task<String> t = loop.createTask(failing(1, io));
        IOException thrown = assertThrows(IOException.class, () -> loop.runUntilComplete(t));
        assertSame(io, thrown);
        assertSame(io, t.exception());
        assertFalse(t.cancelled());
    }

    @Test
    void cancel_beforeTheFirstStep_bodyNeverRuns() {
        Task<String> t = loop.createTask(coro(() -> {
            log.add("body ran");
            return done("x");
        }));
        assertTrue(t.cancel("early"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("early", e.getMessage());
        assertTrue(t.cancelled());
        assertEquals(List.of(), log);
        assertFalse(t.cancel(), "a done task cannot be cancelled again");
    }

    @Test
    void cancel_whileSuspended_throwsAtTheAwait_andCancelsTheAwaitedFuture() {
        Future<String> never = loop.createFuture();
        Task<String> t = loop.createTask(coro(() -> awaitThen(never, r -> {
            try {
                return done(r.get());
            } finally {
                log.add("finally ran");     // the `finally` around the await
            }
        })));
        loop.callLater(1, () -> assertTrue(t.cancel("bye")));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("bye", e.getMessage());
        assertTrue(t.cancelled());
        assertTrue(never.cancelled());
        assertEquals(List.of("finally ran"), log);
        assertEquals(1.0, loop.time());
    }

    @Test
    void cancel_caughtByTheCoroutine_taskCompletesNormally() {
        AtomicReference<String> message = new AtomicReference<>();
        Task<Integer> t = loop.createTask(coro(() -> awaitThen(Asyncio.sleep(10), r -> {
            try {
                r.get();
                return done(0);
            } catch (CancelledError e) {
                message.set(e.getMessage());
                return done(42);
            }
        })));
        loop.callLater(1, () -> t.cancel("please stop"));
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(t.cancelled());
        assertEquals("please stop", message.get());
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.pendingTimerCount(), "the sleep's timer was cancelled");
    }

    @Test
    void cancel_whileScheduled_isDeliveredAtTheNextStep() {
        Task<String> t = loop.createTask(coro(() -> {
            log.add("first step");
            return awaitThen(Asyncio.sleep(0), r -> {
                try {
                    r.get();
                    return done("not cancelled");
                } catch (CancelledError e) {
                    log.add("cancelled at the yield: " + e.getMessage());
                    throw e;
                }
            });
        }));
        runOnePass();                      // first step, then the task yields (a step is scheduled)
        assertTrue(t.cancel("m"));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals(List.of("first step", "cancelled at the yield: m"), log);
    }

    @Test
    void cancel_ofItself_whileRunning_isDeliveredThroughTheNextAwait() {
        Future<String> never = loop.createFuture();
        Task<String> t = loop.createTask(coro(() -> {
            Asyncio.currentTask().cancel("self");
            return awaitThen(never, r -> done(r.get()));
        }));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertTrue(never.cancelled(), "the future awaited after cancel() was cancelled");
    }

    @Test
    void cancel_requestedDuringTheFinalStep_endsCancelled() {
        Task<String> t = loop.createTask(coro(() -> {
            Asyncio.currentTask().cancel();
            return done("result is dropped");
        }));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
    }

    @Test
    void cancelling_countsRequests_andUncancelDecrements() {
        Task<String> t = loop.createTask(delayed(1, "x"));
        assertEquals(0, t.cancelling());
        t.cancel();
        t.cancel();
        assertEquals(2, t.cancelling());
        assertEquals(1, t.uncancel());
    }

    @Test
    void awaitingItself_failsTheTask() {
        AtomicReference<Task<?>> self = new AtomicReference<>();
        Task<Object> t = loop.createTask(coro(() -> awaitThen(self.get(), r -> done(r.get()))));
        self.set(t);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().startsWith("Task cannot await on itself"), e.getMessage());
    }

    @Test
    void awaitingAFutureOfAnotherLoop_failsTheTask() {
        EventLoop other = EventLoop.virtualTime();
        Future<String> foreign = other.createFuture();
        Task<String> t = loop.createTask(coro(() -> awaitThen(foreign, r -> done(r.get()))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
        other.close();
    }

    @Test
    void names_defaultToTaskN_andCanBeSet() {
        Task<Integer> a = loop.createTask(immediate(1));
        Task<Integer> b = loop.createTask(immediate(2), "worker");
        Task<Integer> c = loop.createTask(immediate(3));
        assertEquals("Task-1", a.getName());
        assertEquals("worker", b.getName());
        assertEquals("Task-3", c.getName());
        c.setName("renamed");
        assertEquals("renamed", c.getName());
        assertTrue(b.toString().startsWith("Task[name=worker pending"), b.toString());
        loop.runUntilComplete(c);
    }

    @Test
    void getCoro_returnsTheDrivenCoroutine() {
        Coroutine<Integer> c = immediate(5);
        Task<Integer> t = loop.createTask(c);
        assertSame(c, t.getCoro());
        loop.runUntilComplete(t);
    }

    @Test
    void setResultAndSetException_areUnsupported() {
        Task<Integer> t = loop.createTask(immediate(1));
        assertThrows(UnsupportedOperationException.class, () -> t.setResult(2));
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()));
        assertEquals(1, loop.runUntilComplete(t));
    }

    @Test
    void schedulingACoroutineTwice_throws() {
        Coroutine<Integer> c = immediate(1);
        loop.createTask(c);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(c));
        assertTrue(e.getMessage().endsWith("was already awaited or scheduled"), e.getMessage());
    }

    @Test
    void currentTask_isTheRunningTask_andNullOutside() {
        AtomicReference<Task<?>> seen = new AtomicReference<>();
        Task<Integer> t = loop.createTask(coro(() -> {
            seen.set(Asyncio.currentTask());
            return done(1);
        }));
        loop.runUntilComplete(t);
        assertSame(t, seen.get());
        assertNull(Asyncio.currentTask());
        AtomicReference<Task<?>> inCallback = new AtomicReference<>(t);
        loop.callSoon(() -> inCallback.set(Asyncio.currentTask()));
        runOnePass();
        assertNull(inCallback.get());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void tasksAwaitingTheSameFuture_allWakeInRegistrationOrder() {
        Future<String> f = loop.createFuture();
        for (String name : List.of("a", "b", "c")) {
            loop.createTask(coro(() -> awaitThen(f, r -> {
                log.add(name + " got " + r.get());
                return done(null);
            })));
        }
        loop.callLater(1, () -> f.setResult("x"));
        loop.callLater(2, loop::stop);
        loop.runForever();
        assertEquals(List.of("a got x", "b got x", "c got x"), log);
    }

    @Test
    void coroutineReturningSuspendedWithoutAwaiting_failsTheTask() {
        Coroutine<String> broken = new Coroutine<>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                return SUSPENDED;
            }
        };
        Task<String> t = loop.createTask(broken);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().contains("returned SUSPENDED without awaiting anything"), e.getMessage());
    }
}
