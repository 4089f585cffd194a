package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asyncio4j.internal.AsyncStateMachine;
import org.junit.jupiter.api.Test;

/** "exception was never retrieved", "Task was destroyed but it is pending!", never-awaited coroutines, slow steps. */
class DiagnosticsTest extends LoopTestBase {
    private static final long GC_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static List<String> messages(List<Map<String, Object>> contexts) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> c : contexts) {
            out.add(String.valueOf(c.get("message")));
        }
        return out;
    }

    private Task<Object> failingNow(String name, Throwable error) {
        return loop.createTask(coro(() -> {
            throw error;
        }), name);
    }

    // ---- exception was never retrieved ----

    @Test
    void failedTaskNobodyLookedAt_isReportedWhenTheLoopCloses() {
        IOException boom = new IOException("boom");
        Task<Object> t = failingNow("worker", boom);
        runOnePass();
        assertTrue(t.done());
        assertEquals(List.of(), takeHandledErrors(), "nothing is reported while the task may still be looked at");
        loop.close();
        List<Map<String, Object>> reports = takeHandledErrors();
        assertEquals(List.of("Task exception was never retrieved"), messages(reports));
        assertSame(boom, reports.get(0).get("exception"));
        assertEquals("worker", reports.get(0).get("taskName"));
    }

    @Test
    void failedPlainFuture_isReportedAsAFutureException() {
        Future<String> f = loop.createFuture();
        IllegalStateException boom = new IllegalStateException("x");
        f.setException(boom);
        loop.close();
        List<Map<String, Object>> reports = takeHandledErrors();
        assertEquals(List.of("Future exception was never retrieved"), messages(reports));
        assertSame(boom, reports.get(0).get("exception"));
        assertFalse(reports.get(0).containsKey("taskName"));
    }

    @Test
    void exceptionRetrievedWithExceptionOrResult_isNotReported() {
        Task<Object> a = failingNow("a", new IOException("a"));
        Task<Object> b = failingNow("b", new IOException("b"));
        runOnePass();
        assertEquals("a", a.exception().getMessage());
        try {
            b.result();
            fail("result() should throw");
        } catch (Throwable expected) {
            assertEquals("b", expected.getMessage());
        }
        loop.close();
        assertEquals(List.of(), takeHandledErrors());
    }

    @Test
    void failureAwaitedByATask_orHandedToADoneCallback_isNotReported() {
        Task<Object> awaited = failingNow("awaited", new IOException("a"));
        Task<Object> waiter = loop.createTask(coro(() -> awaitThen(awaited, r -> {
            try {
                r.get();
            } catch (IOException e) {
                return done("caught");
            }
            return done("no");
        })));
        Task<Object> withCallback = failingNow("cb", new IOException("c"));
        withCallback.addDoneCallback(f -> log.add("callback"));
        for (int i = 0; i < 4; i++) {
            runOnePass();
        }
        assertEquals("caught", waiter.result());
        assertEquals(List.of("callback"), log);
        Task<Object> late = failingNow("late", new IOException("late"));
        runOnePass();
        late.addDoneCallback(f -> log.add("late callback"));   // added after the failure: still a listener
        runOnePass();
        loop.close();
        assertEquals(List.of(), takeHandledErrors());
    }

    @Test
    void failedFutureAwaitedWhenAlreadyDone_isNotReported() {
        Future<String> f = loop.createFuture();
        f.setException(new IOException("early"));
        Task<Object> t = loop.createTask(coro(() -> awaitThen(f, r -> {
            try {
                return done(r.get());
            } catch (IOException e) {
                return done("caught");
            }
        })));
        runOnePass();
        assertEquals("caught", t.result());
        loop.close();
        assertEquals(List.of(), takeHandledErrors());
    }

    @Test
    void cancelledTask_isNeverReportedAsAnException() {
        Task<Object> t = loop.createTask(delayed(5, "x"));
        runOnePass();
        t.cancel();
        runOnePass();
        assertTrue(t.cancelled());
        loop.close();
        assertEquals(List.of(), takeHandledErrors());
    }

    @Test
    void droppedFailedTask_isReportedWhenGarbageCollected() {
        dropAFailedTask();
        List<Map<String, Object>> reports = runPassesUntilReported();
        assertEquals(List.of("Task exception was never retrieved"), messages(reports));
        assertEquals("dropped", reports.get(0).get("taskName"));
        assertEquals("gone", ((Throwable) reports.get(0).get("exception")).getMessage());
        loop.close();
        assertEquals(List.of(), takeHandledErrors(), "reported once only");
    }

    private void dropAFailedTask() {
        failingNow("dropped", new IOException("gone"));
        runOnePass();
    }

    /** Collects garbage and runs passes until a report arrives (the Cleaner runs on its own thread). */
    private List<Map<String, Object>> runPassesUntilReported() {
        long start = System.nanoTime();
        List<Map<String, Object>> reports = takeHandledErrors();
        while (reports.isEmpty()) {
            if (System.nanoTime() - start > GC_TIMEOUT_NANOS) {
                fail("no report after " + TimeUnit.NANOSECONDS.toSeconds(GC_TIMEOUT_NANOS) + " s of System.gc()");
            }
            System.gc();
            runOnePass();
            reports = takeHandledErrors();
        }
        return reports;
    }

    // ---- Task was destroyed but it is pending ----

    @Test
    void pendingTasks_atAHandClose_areReportedAsDestroyedButPending() {
        Task<Object> parked = loop.createTask(coro(() -> awaitThen(loop.createFuture(), r -> done(null))), "parked");
        Task<Object> finished = loop.createTask(immediate("ok"), "finished");
        runOnePass();
        assertEquals("ok", finished.result());
        loop.close();
        List<Map<String, Object>> reports = takeHandledErrors();
        assertEquals(List.of("Task was destroyed but it is pending!"), messages(reports));
        assertSame(parked, reports.get(0).get("task"));
    }

    // ---- coroutine was never awaited ----

    @Test
    void coroutineCreatedInDebugMode_andNeverAwaited_isReportedWhenCollected() {
        loop.setDebug(true);
        loop.callSoon(() -> immediate("never awaited"));
        loop.callSoon(() -> loop.createTask(immediate("scheduled")));
        runOnePass();
        List<Map<String, Object>> reports = runPassesUntilReported();
        assertEquals(1, reports.size(), () -> "only the coroutine that never ran: " + reports);
        assertEquals("coroutine " + Script.class.getName() + " was never awaited", reports.get(0).get("message"));
        assertTrue(reports.get(0).get("source_traceback") instanceof Throwable);
    }

    // ---- slow steps (debug mode) ----

    /** Mimics a generated state machine: an {@code int state} field, a {@code step()} switch, its source lines. */
    @org.asyncio4j.internal.GeneratedCoroutine(method = "Work.work()", file = "Work.java", lines = {12, 14})
    static final class WorkCoroutine extends AsyncStateMachine<String> {
        private final AtomicLong clock;
        private final Future<String> gate;
        private int state;

        WorkCoroutine(AtomicLong clock, Future<String> gate) {
            this.clock = clock;
            this.gate = gate;
        }

        @Override
        @SuppressWarnings("fallthrough") // the fast path falls into the resume state, as generated code does
        protected Object step() throws Throwable {
            switch (state) {
                case 0: {
                    clock.addAndGet(150_000_000L);      // this segment takes 0.15 s of loop time
                    state = 1;
                    if (suspendOn(gate)) {
                        return SUSPENDED;
                    }
                }
                // fall through
                case 1: {
                    String r = awaitResult();
                    state = -1;
                    return r;
                }
                default:
                    throw invalidState(state);
            }
        }
    }

    @Test
    void debugMode_reportsASlowTaskStep_withTheFrameClassAndState_andASlowCallback() {
        AtomicLong now = new AtomicLong();
        EventLoop l = new EventLoop(now::get);
        List<Map<String, Object>> reports = Collections.synchronizedList(new ArrayList<>());
        l.setDebugReporter(reports::add);
        l.setDebug(true);
        Future<String> gate = l.createFuture();
        Task<String> t = l.createTask(new WorkCoroutine(now, gate), "worker");
        l.callSoon(() -> now.addAndGet(50_000_000L));          // fast: under the default 0.1 s
        l.stop();
        l.runForever();
        assertEquals(1, reports.size(), () -> String.valueOf(reports));
        Map<String, Object> r = reports.get(0);
        assertSame(t, r.get("task"));
        assertEquals(WorkCoroutine.class.getName(), r.get("coroutine"));
        assertEquals(0, r.get("state"));
        assertEquals("Work.java:12", r.get("source"));
        assertEquals(0.15, (Double) r.get("duration"), 1e-9);
        assertTrue(String.valueOf(r.get("message")).startsWith("Executing step of worker resuming "
                + WorkCoroutine.class.getName() + " at state 0 (Work.java:12) took 0.150 seconds"),
                String.valueOf(r.get("message")));

        l.setSlowCallbackDuration(0.01);
        assertEquals(0.01, l.getSlowCallbackDuration(), 1e-12);
        gate.setResult("done");                                 // the resumed step (state 1) takes no time
        l.callSoon(() -> now.addAndGet(20_000_000L));
        l.stop();
        l.runForever();
        assertEquals("done", t.result());
        assertEquals(2, reports.size(), () -> String.valueOf(reports));
        assertTrue(String.valueOf(reports.get(1).get("message")).startsWith("Executing Handle["),
                String.valueOf(reports.get(1)));
        l.setDebug(false);
        l.close();
    }

    @Test
    void debugOff_reportsNothingHowEverSlow() {
        AtomicLong now = new AtomicLong();
        EventLoop l = new EventLoop(now::get);
        List<Map<String, Object>> reports = new ArrayList<>();
        l.setDebugReporter(reports::add);
        l.callSoon(() -> now.addAndGet(5_000_000_000L));
        l.stop();
        l.runForever();
        assertEquals(List.of(), reports);
        l.close();
    }

    // ---- the loop holds its tasks ----

    @Test
    void fireAndForgetTask_whoseTaskObjectIsDropped_stillCompletes_evenAfterGc() {
        startAndDropATask();
        System.gc();    // a hint; the test holds either way, because the loop's list of pending tasks holds the task
        loop.runUntilComplete(loop.createTask(delayed(10, null)));
        assertEquals(List.of("started", "finished at 1.0"), log);
    }

    private void startAndDropATask() {
        loop.createTask(coro(() -> {
            log.add("started");
            return awaitThen(Asyncio.sleep(1), r -> {
                log.add("finished at " + loop.time());
                return done(null);
            });
        }));
        runOnePass();
    }
}
