package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLoopTest extends LoopTestBase {

    @Test
    void callSoon_runsCallbacksInFifoOrder() {
        for (int i = 1; i <= 5; i++) {
            int n = i;
            loop.callSoon(() -> log.add("cb" + n));
        }
        runOnePass();
        assertEquals(List.of("cb1", "cb2", "cb3", "cb4", "cb5"), log);
    }

    @Test
    void callSoon_fromACallback_runsInTheNextPass() {
        loop.callSoon(() -> {
            log.add("a");
            loop.callSoon(() -> log.add("c"));
        });
        loop.callSoon(() -> log.add("b"));
        runOnePass();
        assertEquals(List.of("a", "b"), log);
        runOnePass();
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void stop_beforeRunForever_runsExactlyOnePass() {
        loop.callSoon(() -> {
            log.add("first pass");
            loop.callSoon(() -> log.add("second pass"));
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("first pass"), log);
        assertFalse(loop.isRunning());
    }

    @Test
    void stop_letsTheCurrentPassFinish() {
        loop.callSoon(() -> {
            log.add("a");
            loop.stop();
        });
        loop.callSoon(() -> log.add("b"));
        loop.runForever();
        assertEquals(List.of("a", "b"), log);
    }

    @Test
    void callLater_runsInDeadlineOrder_equalDeadlinesInSchedulingOrder() {
        loop.callLater(2, () -> log.add("c@" + loop.time()));
        loop.callLater(1, () -> log.add("a@" + loop.time()));
        loop.callLater(1, () -> log.add("b@" + loop.time()));
        loop.callLater(0.5, () -> log.add("x@" + loop.time()));
        loop.callLater(3, loop::stop);
        loop.runForever();
        assertEquals(List.of("x@0.5", "a@1.0", "b@1.0", "c@2.0"), log);
        assertEquals(3.0, loop.time());
    }

    @Test
    void callLater_negativeDelays_earlierDeadlineRunsFirst() {
        loop.callLater(-1, () -> log.add("minus1"));
        loop.callLater(-2, () -> log.add("minus2"));
        loop.callLater(0, () -> log.add("zero"));
        runOnePass();
        assertEquals(List.of("minus2", "minus1", "zero"), log);
        assertEquals(0.0, loop.time());
    }

    @Test
    void callAt_usesAbsoluteLoopTime() {
        loop.callAt(4.25, () -> {
            log.add("at " + loop.time());
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("at 4.25"), log);
    }

    @Test
    void timerHandle_reportsWhen() {
        loop.callLater(2, () -> { });
        TimerHandle h = loop.callLater(1.5, () -> { });
        assertEquals(1.5, h.when());
    }

    @Test
    void cancelledHandle_isNotRun() {
        Handle h = loop.callSoon(() -> log.add("cancelled"));
        loop.callSoon(() -> log.add("kept"));
        h.cancel();
        assertTrue(h.cancelled());
        runOnePass();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void cancelledTimer_isNotRun() {
        TimerHandle h = loop.callLater(1, () -> log.add("cancelled"));
        loop.callLater(2, () -> {
            log.add("kept");
            loop.stop();
        });
        h.cancel();
        loop.runForever();
        assertEquals(List.of("kept"), log);
        assertEquals(2.0, loop.time());
    }

    @Test
    void manyCancelledTimers_areCompacted_andTheRestStillRunInOrder() {
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            handles.add(loop.callLater(1 + i, () -> log.add("t" + n)));
        }
        for (int i = 0; i < 300; i++) {
            if (i % 100 != 7) {
                handles.get(i).cancel();
            }
        }
        loop.callLater(1000, loop::stop);
        loop.runForever();
        assertEquals(List.of("t7", "t107", "t207"), log);
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void cancelledTimer_doesNotAdvanceVirtualTime() {
        loop.callLater(100, () -> log.add("never")).cancel();
        loop.callLater(1, loop::stop);
        loop.runForever();
        assertEquals(1.0, loop.time());
        assertEquals(List.of(), log);
    }

    @Test
    void virtualTime_startsAtZero_andJumpsToTheNextDeadline() {
        assertEquals(0.0, loop.time());
        Task<Void> t = loop.createTask(Asyncio.sleep(3));
        loop.runUntilComplete(t);
        assertEquals(3.0, loop.time());
    }

    @Test
    void customClock_isReadByTime() {
        EventLoop custom = new EventLoop(() -> 5_500_000_000L);
        assertEquals(5.5, custom.time());
        custom.close();
    }

    @Test
    void runUntilComplete_stoppedEarly_throws() {
        Future<String> never = loop.createFuture();
        loop.callSoon(loop::stop);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
    }

    @Test
    void runUntilComplete_returnsTheFuturesResult() {
        Future<String> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult("ok"));
        assertEquals("ok", loop.runUntilComplete(f));
        assertFalse(loop.isRunning());
    }

    @Test
    void runUntilComplete_futureOfAnotherLoop_isRejected() {
        EventLoop other = EventLoop.virtualTime();
        Future<String> f = other.createFuture();
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f));
        other.close();
    }

    @Test
    void closedLoop_refusesToRunOrSchedule() {
        loop.close();
        assertTrue(loop.isClosed());
        loop.close(); // closing twice is fine
        IllegalStateException e = assertThrows(IllegalStateException.class, loop::runForever);
        assertEquals("Event loop is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callLater(1, () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.createTask(immediate(1)));
    }

    @Test
    void close_whileRunning_throws() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> error.set(assertThrows(IllegalStateException.class, loop::close)));
        runOnePass();
        assertEquals("Cannot close a running event loop", error.get().getMessage());
        assertFalse(loop.isClosed());
    }

    @Test
    void runForever_whileAlreadyRunning_throws() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> {
            assertTrue(loop.isRunning());
            error.set(assertThrows(IllegalStateException.class, loop::runForever));
        });
        runOnePass();
        assertEquals("This event loop is already running", error.get().getMessage());
    }

    @Test
    void runningASecondLoop_onTheSameThread_throws() {
        EventLoop other = EventLoop.virtualTime();
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> error.set(assertThrows(IllegalStateException.class, other::runForever)));
        runOnePass();
        assertEquals("Cannot run the event loop while another loop is running", error.get().getMessage());
        other.close();
    }

    @Test
    void callbackException_goesToTheExceptionHandler_andTheLoopContinues() {
        RuntimeException boom = new RuntimeException("boom");
        Handle h = loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(() -> log.add("still running"));
        runOnePass();
        assertEquals(List.of("still running"), log);
        List<Map<String, Object>> errors = takeHandledErrors();
        assertEquals(1, errors.size());
        assertSame(boom, errors.get(0).get("exception"));
        assertSame(h, errors.get(0).get("handle"));
        assertTrue(((String) errors.get(0).get("message")).startsWith("Exception in callback"));
    }

    @Test
    void exceptionHandlerThatThrows_doesNotKillTheLoop() {
        // The default handler logs through System.Logger (java.util.logging here); keep the build output quiet.
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(EventLoop.class.getName());
        java.util.logging.Level before = jul.getLevel();
        jul.setLevel(java.util.logging.Level.OFF);
        try {
            loop.setExceptionHandler((l, c) -> {
                throw new IllegalStateException("handler broke");
            });
            loop.callSoon(() -> {
                throw new RuntimeException("callback broke");
            });
            loop.callSoon(() -> log.add("after"));
            runOnePass();
            assertEquals(List.of("after"), log);
        } finally {
            jul.setLevel(before);
        }
    }

    @Test
    void callSoonThreadsafe_fromAnotherThread_wakesAWaitingRealClockLoop() throws Exception {
        EventLoop real = new EventLoop();
        try {
            Future<Integer> f = real.createFuture();
            CountDownLatch loopRunning = new CountDownLatch(1);
            AtomicReference<Thread> completedOn = new AtomicReference<>();
            Thread helper = new Thread(() -> {
                try {
                    loopRunning.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                real.callSoonThreadsafe(() -> {
                    completedOn.set(Thread.currentThread());
                    f.setResult(42);
                });
            });
            helper.start();
            // Once this callback has run the loop has nothing ready and no timers: it parks until woken.
            real.callSoon(loopRunning::countDown);
            assertEquals(42, real.runUntilComplete(f));
            assertSame(Thread.currentThread(), completedOn.get());
            helper.join();
        } finally {
            real.close();
        }
    }

    @Test
    void interruptWhileWaiting_stopsTheLoop_andKeepsTheInterruptStatus() {
        EventLoop real = new EventLoop();
        try {
            Future<String> never = real.createFuture();
            Thread.currentThread().interrupt();
            // Nothing is ready and no timer is pending: the loop parks, which an interrupt ends at once.
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> real.runUntilComplete(never));
            assertEquals("Event loop stopped before Future completed.", e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt status is left for the caller (and cleared here)");
        } finally {
            real.close();
        }
    }

    @Test
    void callSoonThreadsafe_beforeTheLoopRuns_isRunInTheFirstPass() {
        loop.callSoonThreadsafe(() -> log.add("threadsafe"));
        runOnePass();
        assertEquals(List.of("threadsafe"), log);
    }

    @Test
    void cancelledThreadsafeHandle_isNotRun() {
        loop.callSoonThreadsafe(() -> log.add("cancelled")).cancel();
        loop.callSoon(() -> log.add("kept"));
        runOnePass();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void debugMode_rejectsLoopOnlyCallsFromOtherThreads() throws Exception {
        loop.setDebug(true);
        assertTrue(loop.isDebug());
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> {
            Thread t = new Thread(() -> {
                try {
                    loop.callSoon(() -> { });
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runOnePass();
        assertEquals("Non-thread-safe operation invoked on an event loop other than the current one",
                error.get().getMessage());
    }

    @Test
    void getRunningLoop_insideAndOutside() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
        assertEquals("no running event loop", e.getMessage());
        AtomicReference<EventLoop> seen = new AtomicReference<>();
        loop.callSoon(() -> seen.set(Asyncio.getRunningLoop()));
        runOnePass();
        assertSame(loop, seen.get());
        assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
    }
}
