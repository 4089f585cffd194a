package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutTest extends LoopTestBase {

    @Test
    void expires_cancelsTheBody_thenThrowsTimeoutErrorAtTheDeadline() {
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(2, () -> sleepLoggingCancellation("body", 10)), r -> {
            seq.finish(1);
            assertEquals(2.0, loop.time());
            return done(r.get());
        }));
        TimeoutError e = assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(List.of("body cancelled at 2.0"), log);
        seq.assertFinished(1);
    }

    @Test
    void finishesInTime_returnsTheResult_andDisarmsTheTimer() {
        assertEquals("body", Asyncio.run(Asyncio.timeout(2, () -> sleepLoggingCancellation("body", 1)), loop));
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.pendingTimerCount(), "the timeout's timer was cancelled");
    }

    @Test
    void theBodyRunsInTheAwaitingTask() {
        Coroutine<String> main = coro(() -> {
            Task<?> me = Asyncio.currentTask();
            return awaitThen(Asyncio.timeout(1, () -> coro(() -> {
                assertSame(me, Asyncio.currentTask());
                return done("same task");
            })), r -> done(r.get()));
        });
        assertEquals("same task", Asyncio.run(main, loop));
    }

    @Test
    void theDeadlineOfTheFunctionalForm_startsWhenItIsAwaited() {
        Coroutine<String> lazy = Asyncio.timeout(2, () -> sleepLoggingCancellation("body", 3));   // created before any loop runs
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.sleep(5), r -> awaitThen(lazy, r2 -> done(r2.get()))));
        assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of("body cancelled at 7.0"), log);
    }

    @Test
    void rescheduleLater_letsTheBodyFinish() {
        Coroutine<String> main = coro(() -> {
            Timeout t = Asyncio.timeout(2);
            return awaitThen(t.run(tm -> coro(() -> awaitThen(Asyncio.sleep(1), r -> {
                r.get();
                tm.reschedule(loop.time() + 5);
                assertEquals(6.0, tm.when());
                return awaitThen(sleepLoggingCancellation("body", 3), r2 -> done(r2.get()));
            }))), r -> {
                assertEquals(4.0, loop.time());
                assertFalse(t.expired());
                return done(r.get());
            });
        });
        assertEquals("body", Asyncio.run(main, loop));
        assertEquals(List.of(), log);
    }

    @Test
    void rescheduleEarlier_expiresAtTheNewDeadline() {
        Timeout[] saved = new Timeout[1];
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(10).run(tm -> coro(() -> {
            saved[0] = tm;
            return awaitThen(Asyncio.sleep(1), r -> {
                r.get();
                tm.reschedule(2);
                return awaitThen(sleepLoggingCancellation("body", 5), r2 -> done(r2.get()));
            });
        })), r -> done(r.get())));
        assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of("body cancelled at 2.0"), log);
        assertTrue(saved[0].expired());
        assertEquals(2.0, saved[0].when());
    }

    @Test
    void rescheduleIntoThePast_expiresInTheNextPass() {
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(10).run(tm -> coro(() ->
                awaitThen(Asyncio.sleep(1), r -> {
                    r.get();
                    tm.reschedule(0.5);
                    return awaitThen(sleepLoggingCancellation("body", 5), r2 -> done(r2.get()));
                }))), r -> done(r.get())));
        assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of("body cancelled at 1.0"), log);
    }

    @Test
    void rescheduleToNull_removesTheDeadline() {
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(1).run(tm -> coro(() -> {
            tm.reschedule((Double) null);
            assertNull(tm.when());
            return awaitThen(sleepLoggingCancellation("body", 5), r -> done(r.get()));
        })), r -> done(r.get())));
        assertEquals("body", Asyncio.run(main, loop));
        assertEquals(5.0, loop.time());
    }

    @Test
    void expired_isFalseUntilTheDeadline_trueAfter_andABodyThatSwallowsTheCancellationReturnsNormally() {
        Timeout[] saved = new Timeout[1];
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(2).run(tm -> coro(() -> {
            saved[0] = tm;
            assertFalse(tm.expired());
            return awaitThen(Asyncio.sleep(5), r -> {
                assertInstanceOf(CancelledError.class, r.error);
                assertTrue(tm.expired());
                return done("swallowed");          // asyncio: no TimeoutError without a CancelledError
            });
        })), r -> done(r.get())));
        assertEquals("swallowed", Asyncio.run(main, loop));
        assertTrue(saved[0].expired());
        assertEquals(2.0, loop.time());
    }

    @Test
    void nested_innerShorter_onlyTheInnerConverts() {
        Timeout[] t = new Timeout[2];
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(5).run(outer -> coro(() -> {
            t[0] = outer;
            return awaitThen(Asyncio.timeout(1).run(inner -> {
                t[1] = inner;
                return sleepLoggingCancellation("body", 10);
            }), r -> {
                seq.expect(1);
                assertInstanceOf(TimeoutError.class, r.error, "the inner timeout converted");
                assertEquals(1.0, loop.time());
                return awaitThen(Asyncio.sleep(1), r2 -> {   // the outer scope goes on
                    r2.get();
                    return done("recovered");
                });
            });
        })), r -> {
            seq.finish(2);
            return done(r.get());
        }));
        assertEquals("recovered", Asyncio.run(main, loop));
        assertFalse(t[0].expired());
        assertTrue(t[1].expired());
        assertEquals(2.0, loop.time());
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void nested_outerShorter_theInnerLetsTheCancellationThrough_theOuterConverts() {
        Timeout[] t = new Timeout[2];
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(1).run(outer -> coro(() -> {
            t[0] = outer;
            return awaitThen(Asyncio.timeout(5).run(inner -> {
                t[1] = inner;
                return sleepLoggingCancellation("body", 10);
            }), r -> {
                seq.expect(1);
                assertInstanceOf(CancelledError.class, r.error, "not the inner timeout's to convert");
                return done(r.get());
            });
        })), r -> {
            seq.finish(2);
            return done(r.get());
        }));
        TimeoutError e = assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertTrue(t[0].expired());
        assertFalse(t[1].expired());
        assertEquals(1.0, loop.time());
    }

    @Test
    void nested_sameDeadline_theOuterConverts_becauseTwoCancellationsArePending() {
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(2, () -> coro(() ->
                awaitThen(Asyncio.timeout(2, () -> sleepLoggingCancellation("body", 10)), r -> {
                    seq.expect(1);
                    assertInstanceOf(CancelledError.class, r.error);
                    assertEquals(1, Asyncio.currentTask().cancelling(), "the outer's request is pending");
                    return done(r.get());
                }))), r -> {
                    seq.finish(2);
                    assertInstanceOf(TimeoutError.class, r.error);
                    assertEquals(0, Asyncio.currentTask().cancelling());
                    return done("handled");
                }));
        assertEquals("handled", Asyncio.run(main, loop));
        assertEquals(2.0, loop.time());
    }

    @Test
    void cancelledFromOutside_staysCancelledError() {
        Task<String> task = loop.createTask(Asyncio.timeout(5, () -> sleepLoggingCancellation("body", 10)));
        loop.callLater(1, () -> task.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals("outside", e.getMessage());
        assertEquals(List.of("body cancelled at 1.0"), log);
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void cancelledFromOutsideAfterTheDeadlinePassed_staysCancelledError() {
        // The body ignores its first cancellation for a while, so the outside cancel arrives after the expiry.
        Coroutine<String> stubborn = coro(() -> awaitThen(Asyncio.sleep(10), r -> {
            assertInstanceOf(CancelledError.class, r.error);
            log.add("cancelled at " + loop.time());
            return awaitThen(Asyncio.sleep(3), r2 -> done(r2.get()));
        }));
        Task<String> task = loop.createTask(Asyncio.timeout(1, () -> stubborn));
        loop.callLater(2, () -> task.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals("outside", e.getMessage());
        assertEquals(List.of("cancelled at 1.0"), log);
        assertEquals(2.0, loop.time());
    }

    @Test
    void afterConvertingItsOwnCancellation_theTaskIsNotCancelledAnyMore() {
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.timeout(1, () -> sleepLoggingCancellation("body", 5)), r -> {
            assertInstanceOf(TimeoutError.class, r.error);
            assertEquals(0, Asyncio.currentTask().cancelling());
            return awaitThen(Asyncio.sleep(1), r2 -> {
                r2.get();
                return done("went on");
            });
        }));
        assertEquals("went on", Asyncio.run(main, loop));
        assertEquals(2.0, loop.time());
    }

    @Test
    void bodyFailure_propagatesUnchanged() {
        IOException io = new IOException("body");
        assertSame(io, assertThrows(IOException.class,
                () -> Asyncio.run(Asyncio.timeout(5, () -> failing(1, io)), loop)));
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void zeroOrNegativeTimeout_expiresInTheNextPass() {
        assertThrows(TimeoutError.class, () -> Asyncio.run(Asyncio.timeout(0, () -> sleepLoggingCancellation("zero", 1)), loop));
        assertEquals(List.of("zero cancelled at 0.0"), log);
        assertEquals(0.0, loop.time());
    }

    @Test
    void negativeTimeout_onABodyThatDoesNotSuspend_returnsItsResult() {
        assertEquals("quick", Asyncio.run(Asyncio.timeout(-1, () -> immediate("quick")), loop));
    }

    @Test
    void nullOrInfiniteTimeout_meansNoDeadline() {
        assertEquals("body", Asyncio.run(Asyncio.timeout((Double) null, () -> sleepLoggingCancellation("body", 100)), loop));
        assertEquals(100.0, loop.time());
    }

    @Test
    void infiniteTimeout_meansNoDeadline() {
        Coroutine<String> main = coro(() -> {
            Timeout t = Asyncio.timeout(Double.POSITIVE_INFINITY);
            assertNull(t.when());
            return awaitThen(Asyncio.timeout(Double.POSITIVE_INFINITY, () -> sleepLoggingCancellation("body", 100)),
                    r -> done(r.get()));
        });
        assertEquals("body", Asyncio.run(main, loop));
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void timeoutAt_usesLoopTime() {
        Coroutine<String> main = coro(() -> awaitThen(Asyncio.sleep(1), r -> {
            Timeout t = Asyncio.timeoutAt(loop.time() + 2);
            assertEquals(3.0, t.when());
            return awaitThen(t.run(tm -> sleepLoggingCancellation("body", 10)), r2 -> done(r2.get()));
        }));
        assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of("body cancelled at 3.0"), log);
    }

    @Test
    void timeoutAt_functionalForm() {
        assertThrows(TimeoutError.class, () -> Asyncio.run(Asyncio.timeoutAt(1.5, () -> sleepLoggingCancellation("body", 10)), loop));
        assertEquals(List.of("body cancelled at 1.5"), log);
    }

    @Test
    void timeoutAt_null_meansNoDeadline() {
        assertEquals("body", Asyncio.run(Asyncio.timeoutAt((Double) null, () -> sleepLoggingCancellation("body", 3)), loop));
        assertEquals(3.0, loop.time());
    }

    @Test
    void objectForm_enterAndExit_asTheFutureTryLoweringWill() {
        Coroutine<String> main = coro(() -> {
            Timeout t = Asyncio.timeout(2).enter();
            return awaitThen(sleepLoggingCancellation("body", 10), body -> awaitThen(t.exit(body.error), r -> {
                r.get();
                return done("unreached");
            }));
        });
        TimeoutError e = assertThrows(TimeoutError.class, () -> Asyncio.run(main, loop));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(2.0, loop.time());
    }

    @Test
    void objectForm_inTime_exitReturnsNormally() {
        Coroutine<String> main = coro(() -> {
            Timeout t = Asyncio.timeout(2).enter();
            return awaitThen(sleepLoggingCancellation("body", 1), body -> awaitThen(t.exit(null), r -> {
                r.get();
                assertFalse(t.expired());
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.reschedule(5));
                assertEquals("Cannot change state of exited Timeout", e.getMessage());
                return done(body.get());
            }));
        });
        assertEquals("body", Asyncio.run(main, loop));
        assertEquals(0, loop.pendingTimerCount());
    }

    @Test
    void misuse_isRejected() {
        Timeout t = Asyncio.timeoutAt(5);
        IllegalStateException notEntered = assertThrows(IllegalStateException.class, () -> t.reschedule(1));
        assertEquals("Timeout has not been entered", notEntered.getMessage());
        assertThrows(IllegalStateException.class, t::enter, "no task is running");
        assertThrows(IllegalStateException.class, () -> Asyncio.timeout(1), "timeout(delay) needs a running loop");
        assertThrows(IllegalArgumentException.class, () -> Asyncio.timeout(Double.NaN, () -> immediate(1)));
        assertThrows(IllegalArgumentException.class, () -> Asyncio.timeoutAt(Double.NaN));
        Coroutine<String> twice = coro(() -> {
            Timeout once = Asyncio.timeout(1).enter();
            assertThrows(IllegalStateException.class, once::enter);
            return awaitThen(once.exit(null), r -> done("ok"));
        });
        assertEquals("ok", Asyncio.run(twice, loop));
    }
}
