package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The required list of behaviours ("proof list") and the tests that prove each one. Items the other test classes
 * did not cover exactly are tested here.
 *
 * <table>
 * <caption>Item → test class#method</caption>
 * <tr><th>#</th><th>Behaviour</th><th>Test(s)</th></tr>
 * <tr><td>1</td><td>FIFO callbacks; a callback scheduled by a callback runs in the next pass</td>
 *     <td>{@code EventLoopTest#callSoon_runsCallbacksInFifoOrder},
 *         {@code EventLoopTest#callSoon_fromACallback_runsInTheNextPass}</td></tr>
 * <tr><td>2</td><td>{@code callLater(-2)} runs before {@code callLater(-1)}</td>
 *     <td>{@code EventLoopTest#callLater_negativeDelays_earlierDeadlineRunsFirst}</td></tr>
 * <tr><td>3</td><td>{@code stop()} before {@code runForever()} runs exactly one pass</td>
 *     <td>{@code EventLoopTest#stop_beforeRunForever_runsExactlyOnePass},
 *         {@code EventLoopTest#stop_letsTheCurrentPassFinish}</td></tr>
 * <tr><td>4</td><td>"Event loop stopped before Future completed." from runUntilComplete</td>
 *     <td>{@code EventLoopTest#runUntilComplete_stoppedEarly_throws},
 *         {@code EventLoopTest#interruptWhileWaiting_stopsTheLoop_andKeepsTheInterruptStatus}</td></tr>
 * <tr><td>5</td><td>Closed-loop and already-running-loop errors</td>
 *     <td>{@code EventLoopTest#closedLoop_refusesToRunOrSchedule}, {@code EventLoopTest#close_whileRunning_throws},
 *         {@code EventLoopTest#runForever_whileAlreadyRunning_throws},
 *         {@code EventLoopTest#runningASecondLoop_onTheSameThread_throws},
 *         {@code RunTest#run_insideARunningLoop_throws}</td></tr>
 * <tr><td>6</td><td>Cross-thread wake-up of a waiting real-clock loop</td>
 *     <td>{@code EventLoopTest#callSoonThreadsafe_fromAnotherThread_wakesAWaitingRealClockLoop}</td></tr>
 * <tr><td>7</td><td>Future state matrix; done callbacks scheduled not inline, added after done, removed</td>
 *     <td>{@code FutureTest#pending_isNotDone_andHasNoResultOrException},
 *         {@code FutureTest#finishedWithResult_cannotChangeAgain},
 *         {@code FutureTest#finishedWithException_resultRethrowsItUnwrapped_evenIfChecked},
 *         {@code FutureTest#cancelled_resultAndExceptionThrowCancelledErrorWithTheMessage},
 *         {@code FutureTest#doneCallbacks_areScheduledNotRunInline_inRegistrationOrder},
 *         {@code FutureTest#doneCallback_runsAfterCallbacksThatWereAlreadyScheduled},
 *         {@code FutureTest#doneCallback_addedAfterDone_isScheduledAtOnce},
 *         {@code FutureTest#removeDoneCallback_removesEveryRegistration_andReturnsTheCount}</td></tr>
 * <tr><td>8</td><td>A task that catches its cancellation and returns 42 completes normally with 42</td>
 *     <td>{@code TaskTest#cancel_caughtByTheCoroutine_taskCompletesNormally}</td></tr>
 * <tr><td>9</td><td>Cancelling the future a task awaits; cancel before start; cancel with a message</td>
 *     <td>{@code ProofListTest#cancellingTheFutureATaskAwaits_throwsAtTheAwait_andTheTaskEndsCancelled} (new),
 *         {@code TaskTest#cancel_whileSuspended_throwsAtTheAwait_andCancelsTheAwaitedFuture},
 *         {@code TaskTest#cancel_beforeTheFirstStep_bodyNeverRuns} (message "early" on the CancelledError)</td></tr>
 * <tr><td>10</td><td>{@code sleep(0)} ordering: A1 B1 A2 B2</td>
 *     <td>{@code SleepTest#sleepZero_yieldsExactlyOnce_soTasksInterleave},
 *         {@code SleepTest#sleepZero_resumesAfterCallbacksAlreadyScheduled}</td></tr>
 * <tr><td>11</td><td>A task awaiting itself fails</td>
 *     <td>{@code TaskTest#awaitingItself_failsTheTask}</td></tr>
 * <tr><td>12</td><td>gather: returnExceptions gives {@code [3, 1, exc, exc2]} in argument order; cancelling the
 *     gather cancels every child; the first error propagates without cancelling the others</td>
 *     <td>{@code ProofListTest#gatherReturnExceptions_is_3_1_exc_exc2_inArgumentOrder_thoughTheyFinishInAnother}
 *         (new), {@code GatherTest#gatherReturnExceptions_putsFailuresInPlace},
 *         {@code GatherTest#cancellingTheGather_cancelsAllChildren},
 *         {@code GatherTest#cancellingTheAwaitingTask_cancelsTheGatherAndItsChildren},
 *         {@code GatherTest#gather_firstErrorPropagates_andTheOthersKeepRunning}</td></tr>
 * <tr><td>13</td><td>waitFor races: an outer cancellation is never swallowed; an inner that suppresses its
 *     cancellation makes waitFor return its value (asyncio 3.12, gh-86296)</td>
 *     <td>{@code ProofListTest#waitFor_outerCancelledInThePassTheInnerCompletes_isNotSwallowed} (new),
 *         {@code ProofListTest#waitFor_outerCancelAndTimeoutInTheSamePass_isACancellation} (new),
 *         {@code ProofListTest#waitFor_innerThatSuppressesTheTimeoutsCancellation_returnsItsValue} (new),
 *         {@code ProofListTest#waitFor_innerThatSuppressesTheOuterCancellation_returnsItsValue} (new),
 *         {@code WaitForTest#cancellingTheOuterTask_propagatesCancelledError_notTimeoutError},
 *         {@code WaitForTest#outerCancelledAfterTheTimeoutFired_isStillACancellation}</td></tr>
 * <tr><td>14</td><td>Nested timeouts</td>
 *     <td>{@code TimeoutTest#nested_innerShorter_onlyTheInnerConverts},
 *         {@code TimeoutTest#nested_outerShorter_theInnerLetsTheCancellationThrough_theOuterConverts},
 *         {@code TimeoutTest#nested_sameDeadline_theOuterConverts_becauseTwoCancellationsArePending}</td></tr>
 * <tr><td>15</td><td>shield</td>
 *     <td>{@code ShieldTest#cancellingTheAwaitingTask_leavesTheInnerRunningToCompletion},
 *         {@code ShieldTest#cancellingTheShieldFutureItself_doesNotCancelTheInner},
 *         {@code ShieldTest#innerCancelled_cancelsTheShield} and the rest of {@code ShieldTest}</td></tr>
 * <tr><td>16</td><td>TaskGroup failure and cancel-count rules</td>
 *     <td>{@code TaskGroupTest#childFailure_cancelsSiblingsAndTheBody_groupErrorHoldsOnlyThatFailure},
 *         {@code TaskGroupTest#twoChildrenFail_bothAreInTheGroupError_cancelledSiblingsAreNot},
 *         {@code TaskGroupTest#afterHandlingItsOwnCancellation_cancellingIsBackToItsEarlierValue},
 *         {@code TaskGroupTest#parentCancelledFromOutsideWhileTheGroupWaits_cancelsTheChildren_thenPropagates},
 *         {@code TaskGroupTest#outsideCancellationDuringAGroupFailure_groupErrorWins_cancellationReachesTheNextAwait}
 *         </td></tr>
 * <tr><td>17</td><td>Lock/Semaphore/Queue: a waiter cancelled after being woken, before it runs, loses no lock,
 *     permit, item or slot</td>
 *     <td>{@code LockTest#waiterCancelledAfterBeingHandedTheLock_passesItOn},
 *         {@code SemaphoreTest#cancelledWaiters_neverLoseAPermit},
 *         {@code QueueTest#getterCancelledAfterBeingWoken_doesNotLoseTheItem},
 *         {@code QueueTest#putterCancelledAfterBeingWoken_doesNotLoseTheSlot},
 *         {@code ConditionTest#wokenThenCancelled_passesTheWakeUpToTheNextWaiter}</td></tr>
 * <tr><td>18</td><td>The runner cancels leftover tasks</td>
 *     <td>{@code RunTest#run_cancelsLeftoverTasks_andLetsThemFinish},
 *         {@code RunShutdownTest#leftovers_areCancelledAndAllowedToFinish_theirErrorsReported_thenTheLoopIsClosed},
 *         {@code RunShutdownTest#failingMainTask_stillShutsDownLeftovers_andRethrows}</td></tr>
 * </table>
 */
class ProofListTest extends LoopTestBase {

    // ---- item 9 --------------------------------------------------------------------------------------------------

    @Test
    void cancellingTheFutureATaskAwaits_throwsAtTheAwait_andTheTaskEndsCancelled() {
        Future<String> inner = loop.createFuture();
        Task<String> t = loop.createTask(coro(() -> {
            seq.expect(1);
            return awaitThen(inner, r -> {
                seq.expect(3);
                try {
                    return done(r.get());
                } catch (CancelledError e) {
                    assertEquals("inner msg", e.getMessage());
                    seq.expect(4);
                    throw e;
                }
            });
        }));
        runOnePass();
        seq.expect(2);
        assertTrue(inner.cancel("inner msg"));
        assertFalse(t.done(), "the task is woken by a scheduled step, not inline");
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        seq.finish(5);
        assertTrue(t.cancelled(), "an uncaught CancelledError from the awaited future cancels the task");
        assertEquals("inner msg", e.getMessage());
        seq.assertFinished(5);
    }

    // ---- item 12 -------------------------------------------------------------------------------------------------

    /** Sleeps {@code seconds}, checks it is the {@code order}-th to finish, then returns {@code value} or throws. */
    private Coroutine<Object> child(double seconds, int order, Object value, Throwable error) {
        return coro(() -> awaitThen(Asyncio.sleep(seconds), r -> {
            r.get();
            seq.expect(order);
            if (error != null) {
                throw error;
            }
            return done(value);
        }));
    }

    @Test
    void gatherReturnExceptions_is_3_1_exc_exc2_inArgumentOrder_thoughTheyFinishInAnother() {
        IOException exc = new IOException("exc");
        IllegalStateException exc2 = new IllegalStateException("exc2");
        // They finish in the order 1 (at 1 s), exc2 (2 s), exc (3 s), 3 (4 s).
        List<Object> results = Asyncio.run(coro(() -> awaitThen(Asyncio.gatherReturnExceptions(
                child(4, 4, 3, null), child(1, 1, 1, null), child(3, 3, null, exc), child(2, 2, null, exc2)), r -> {
                    seq.expect(5);
                    return done(r.get());
                })), loop);
        seq.finish(6);
        assertEquals(List.of(3, 1, exc, exc2), results);
        assertEquals(4.0, loop.time());
        seq.assertFinished(6);
    }

    // ---- item 13 -------------------------------------------------------------------------------------------------

    @Test
    void waitFor_outerCancelledInThePassTheInnerCompletes_isNotSwallowed() {
        Future<Integer> inner = loop.createFuture();
        Task<Integer> outer = loop.createTask(coro(() -> {
            seq.expect(1);
            return awaitThen(Asyncio.waitFor(inner, 10), r -> {
                seq.expect(3);
                try {
                    return done(r.get());
                } catch (CancelledError e) {
                    assertEquals("outer", e.getMessage());
                    seq.expect(4);
                    throw e;
                }
            });
        }));
        loop.callLater(1, () -> {
            seq.expect(2);
            inner.setResult(1);                    // the outer's wake-up is scheduled ...
            assertTrue(outer.cancel("outer"));     // ... and the cancellation arrives before it runs
        });
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        seq.finish(5);
        assertEquals("outer", e.getMessage());
        assertTrue(outer.cancelled(), "the result 1 is dropped, the cancellation wins");
        assertEquals(1, inner.result());
        assertEquals(1.0, loop.time());
        seq.assertFinished(5);
    }

    @Test
    void waitFor_outerCancelAndTimeoutInTheSamePass_isACancellation() {
        Future<Integer> inner = loop.createFuture();
        Task<Integer> outer = loop.createTask(Asyncio.waitFor(inner, 1));
        // Scheduled before the waitFor's own timer (made in the first pass): at 1 s this runs first, then the timer.
        loop.callLater(1, () -> assertTrue(outer.cancel("outer")));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertEquals("outer", e.getMessage());
        assertTrue(outer.cancelled());
        assertTrue(inner.cancelled());
        assertEquals(1.0, loop.time());
    }

    @Test
    void waitFor_innerThatSuppressesTheTimeoutsCancellation_returnsItsValue() {
        // CPython test_waitfor.py test_wait_for_cancel_suppressed (gh-86296): wait_for returns 42, no TimeoutError.
        Coroutine<Integer> return42 = coro(() -> {
            seq.expect(1);
            return awaitThen(Asyncio.sleep(10), r -> {
                try {
                    r.get();
                    return done(0);
                } catch (CancelledError e) {
                    seq.expect(2);
                    return done(42);
                }
            });
        });
        Integer result = Asyncio.run(coro(() -> awaitThen(Asyncio.waitFor(return42, 1), r -> {
            seq.expect(3);
            assertEquals(0, Asyncio.currentTask().cancelling());
            return done(r.get());
        })), loop);
        seq.finish(4);
        assertEquals(42, result);
        assertEquals(1.0, loop.time());
        seq.assertFinished(4);
    }

    @Test
    void waitFor_innerThatSuppressesTheOuterCancellation_returnsItsValue() {
        // asyncio 3.12: Task.cancel() is delivered by cancelling the awaited inner task; when that task swallows the
        // CancelledError and returns, `await fut` inside wait_for returns 42 and the outer task completes with it
        // (its cancel request stays counted in cancelling()).
        Task<Integer> inner = loop.createTask(coro(() -> awaitThen(Asyncio.sleep(10), r -> {
            try {
                r.get();
                return done(0);
            } catch (CancelledError e) {
                seq.expect(2);
                return done(42);
            }
        })));
        Task<Integer> outer = loop.createTask(coro(() -> awaitThen(Asyncio.waitFor(inner, 5), r -> {
            seq.expect(3);
            return done(r.get());
        })));
        loop.callLater(1, () -> {
            seq.expect(1);
            assertTrue(outer.cancel());
        });
        assertEquals(42, loop.runUntilComplete(outer));
        seq.finish(4);
        assertFalse(outer.cancelled());
        assertEquals(1, outer.cancelling());
        assertEquals(1.0, loop.time());
        seq.assertFinished(4);
    }
}
