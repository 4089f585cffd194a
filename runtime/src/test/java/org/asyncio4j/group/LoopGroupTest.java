package org.asyncio4j.group;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.junit.jupiter.api.Test;

/** {@link LoopGroup}: its threads, its entry points, shutdown by {@code Asyncio.run}'s rules, and debug mode. */
class LoopGroupTest {
    private static final long SAFETY_SECONDS = 30;      // a hang fails the test instead of stalling the build

    @Test
    void onEach_runsOneCoroutinePerLoop_eachOnItsOwnThread() throws Exception {
        try (LoopGroup group = LoopGroup.start(3)) {
            List<String> threads = group.<String>onEach(loop -> coro(() -> done(
                    (Asyncio.getRunningLoop() == loop ? "" : "WRONG LOOP ") + Thread.currentThread().getName())))
                    .get(SAFETY_SECONDS, TimeUnit.SECONDS);
            assertEquals(3, new HashSet<>(threads).size(), threads.toString());
            for (int i = 0; i < 3; i++) {
                assertTrue(threads.get(i).endsWith("-loop-" + i), threads.get(i));
            }
        }
    }

    @Test
    void next_goesRoundTheLoops_andIndexOfFindsThem() {
        try (LoopGroup group = LoopGroup.start(2)) {
            EventLoop first = group.next();
            EventLoop second = group.next();
            assertNotSame(first, second);
            assertSame(first, group.next());
            assertEquals(0, group.indexOf(group.loop(0)));
            assertEquals(-1, group.indexOf(EventLoop.virtualTime()));
            assertEquals(-1, group.currentIndex());
        }
    }

    @Test
    void run_mainCoroutineHasTheGroup_andCallsIntoAnotherLoop() {
        String r = LoopGroup.run(2, group -> coro(() -> awaitThen(
                CrossLoop.call(group.loop(1), coro(() -> done(group.currentIndex()))),
                x -> done("main on " + group.currentIndex() + ", callee on " + x.get()))));
        assertEquals("main on 0, callee on 1", r);
    }

    @Test
    void run_throwsTheMainFailureUnwrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LoopGroup.run(2, g -> coro(() -> {
                    throw boom;
                })));
        assertSame(boom, e);
    }

    @Test
    void runOnEach_returnsResultsByLoopIndex() {
        List<Integer> r = LoopGroup.runOnEach(3, loop -> coro(() -> done(7)));
        assertEquals(List.of(7, 7, 7), r);
    }

    @Test
    void shutdown_cancelsWhatIsLeft_andReportsIt() throws Exception {
        LoopGroup group = LoopGroup.start(2);
        CompletableFuture<String> stuck = group.submit(1, coro("stuck", () -> awaitThen(
                Asyncio.getRunningLoop().createFuture(), r -> done(r.get()))));
        CompletableFuture<String> quick = group.submit(0, coro(() -> done("quick")));
        assertEquals("quick", quick.get(SAFETY_SECONDS, TimeUnit.SECONDS));
        ShutdownReport report = group.shutdown();
        assertTrue(stuck.isCancelled(), stuck + " " + report);
        assertEquals(List.of(), report.leftoverTasks().get(0));
        assertEquals(1, report.leftoverTasks().get(1).size(), report.toString());
        assertEquals(1, report.leftoverTaskCount());
        assertTrue(report.failures().stream().allMatch(f -> f == null), report.toString());
        assertTrue(group.isShutDown());
        for (EventLoop loop : group.loops()) {
            assertTrue(loop.isClosed());
        }
        assertSame(report, group.shutdown(), "shutting down again returns the same report");
    }

    @Test
    void shutdown_fromALoopOfTheGroup_isRefused_butShutdownAsyncWorks() throws Exception {
        LoopGroup group = LoopGroup.start(2);
        CompletableFuture<String> refused = group.submit(0, coro(() -> {
            try {
                group.shutdown();
                return done("not refused");
            } catch (IllegalStateException e) {
                return done(e.getMessage());
            }
        }));
        assertTrue(refused.get(SAFETY_SECONDS, TimeUnit.SECONDS).contains("shutdownAsync"));
        CompletableFuture<ShutdownReport> viaLoop = group.<CompletableFuture<ShutdownReport>>submit(1,
                coro(() -> done(group.shutdownAsync()))).get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertTrue(viaLoop.get(SAFETY_SECONDS, TimeUnit.SECONDS).isClean(), viaLoop.join().toString());
    }

    @Test
    void shutdown_leavesNoThreadBehind() throws Exception {
        LoopGroup.runOnEach(2, loop -> coro(() -> done(null)));     // warm up whatever the JDK starts once
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        LoopGroup group = LoopGroup.start(4, loop -> loop.startWatchdog(60));
        group.onEach(loop -> coro(() -> awaitThen(Asyncio.toThread(() -> "worker"), r -> done(r.get()))))
                .get(SAFETY_SECONDS, TimeUnit.SECONDS);
        group.shutdown();
        Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());
        after.removeAll(before);
        after.removeIf(t -> !t.isAlive() || t.getName().startsWith("ForkJoinPool")
                || t.getName().startsWith("process reaper"));
        for (Thread t : after) {
            t.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));      // toThread workers end soon after shutdownNow
        }
        after.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), after);
    }

    @Test
    void debugMode_aFutureTouchedFromTheWrongLoop_isReportedNamingBothLoops() throws Exception {
        try (LoopGroup group = LoopGroup.start(2, loop -> loop.setDebug(true))) {
            Future<String> ofLoop1 = group.<Future<String>>submit(1, coro(() -> done(Asyncio.getRunningLoop().<String>createFuture())))
                    .get(SAFETY_SECONDS, TimeUnit.SECONDS);
            String message = group.<String>submit(0, coro(() -> {
                try {
                    ofLoop1.setResult("from loop 0");
                    return done("not reported");
                } catch (IllegalStateException e) {
                    return done(e.getMessage());
                }
            })).get(SAFETY_SECONDS, TimeUnit.SECONDS);
            String loop0 = group.loop(0).toString();
            assertTrue(message.startsWith("Non-thread-safe operation invoked on an event loop other than the current"
                    + " one: Future[pending] belongs to the event loop on thread 'asyncio4j-group-"), message);
            assertTrue(message.matches(".*thread 'asyncio4j-group-\\d+-loop-1' but was called from the event loop on"
                    + " thread 'asyncio4j-group-\\d+-loop-0'"), message + " / " + loop0);
        }
    }

    @Test
    void submit_cancelledFromOutside_cancelsTheTask() throws Exception {
        try (LoopGroup group = LoopGroup.start(1)) {
            CompletableFuture<String> f = group.submit(0, coro(() -> awaitThen(
                    Asyncio.getRunningLoop().createFuture(), r -> done(r.get()))));
            f.cancel(true);
            assertThrows(CancellationException.class, f::join);
            List<Integer> left = group.<Integer>onEach(loop -> coro(() -> done(Asyncio.allTasks().size())))
                    .get(SAFETY_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of(2), left, "the keeper and the asking task: the cancelled one is gone");
        }
    }
}
