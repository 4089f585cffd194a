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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TaskGroupTest extends LoopTestBase {

    /** Sleeps {@code seconds}, then reaches step {@code step} and returns {@code value}. */
    private Coroutine<String> child(double seconds, int step, String value) {
        return coro(() -> awaitThen(Asyncio.sleep(seconds), r -> {
            r.get();
            seq.expect(step);
            return done(value);
        }));
    }

    @Test
    void run_joinsTheChildrenAfterTheBody_atTheSlowestChildsTime() {
        List<Task<String>> kids = new ArrayList<>();
        Coroutine<String> main = coro(() -> awaitThen(TaskGroup.run(tg -> coro(() -> {
            seq.expect(1);
            kids.add(tg.createTask(child(1, 3, "a")));
            kids.add(tg.createTask(child(3, 4, "b"), "b-task"));
            return awaitThen(Asyncio.sleep(0.5), r -> {
                r.get();
                seq.expect(2);
                return done("body");
            });
        })), r -> {
            seq.finish(5);
            return done(r.get());
        }));
        assertEquals("body", Asyncio.run(main, loop));
        seq.assertFinished(5);
        assertEquals(3.0, loop.time());
        assertEquals("a", kids.get(0).result());
        assertEquals("b", kids.get(1).result());
        assertEquals("b-task", kids.get(1).getName());
    }

    @Test
    void objectForm_enterCreateJoin_joinsTheChildren() {
        Coroutine<String> main = coro(() -> {
            TaskGroup tg = new TaskGroup().enter();
            Task<String> a = tg.createTask(child(2, 2, "a"));
            Task<String> b = tg.createTask(child(1, 1, "b"));
            return awaitThen(tg.join(), r -> {
                r.get();
                seq.finish(3);
                return done(a.result() + b.result());
            });
        });
        assertEquals("ab", Asyncio.run(main, loop));
        assertEquals(2.0, loop.time());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void childFailure_cancelsSiblingsAndTheBody_groupErrorHoldsOnlyThatFailure() {
        IOException io = new IOException("child");
        Coroutine<String> main = coro(() -> awaitThen(TaskGroup.run(tg -> coro(() -> {
            tg.createTask(failing(1, io), "failer");
            tg.createTask(coro(() -> awaitThen(Asyncio.sleep(10), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    seq.expect(1);             // the sibling is cancelled first, then the body
                    log.add("sibling cancelled at " + loop.time());
                    throw e;
                }
                seq.expectUnreached();
                return done("sibling");
            })));
            return awaitThen(Asyncio.sleep(10), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    seq.expect(2);
                    log.add("body cancelled at " + loop.time());
                    throw e;
                }
                seq.expectUnreached();
                return done("body");
            });
        })), r -> {
            seq.finish(3);
            return done(r.get());
        }));
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of(io), e.exceptions());
        assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", e.getMessage());
        assertSame(io, e.getSuppressed()[0]);
        assertEquals(List.of("sibling cancelled at 1.0", "body cancelled at 1.0"), log);
        assertEquals(1.0, loop.time());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void twoChildrenFail_bothAreInTheGroupError_cancelledSiblingsAreNot() {
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        List<Task<String>> kids = new ArrayList<>();
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            kids.add(tg.createTask(failing(1, first)));
            kids.add(tg.createTask(failing(1, second)));
            kids.add(tg.createTask(sleepLoggingCancellation("slow", 5)));
            return done("body");
        }));
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of(first, second), e.exceptions());
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", e.getMessage());
        assertTrue(kids.get(2).cancelled());
        assertEquals(List.of("slow cancelled at 1.0"), log);
    }

    @Test
    void siblingFailingWhileItIsCancelled_isInTheGroupErrorToo() {
        IOException first = new IOException("first");
        IOException cleanup = new IOException("cleanup");
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            tg.createTask(failing(1, first));
            tg.createTask(coro(() -> awaitThen(Asyncio.sleep(10), r -> {
                try {
                    r.get();
                } catch (CancelledError ce) {
                    throw cleanup;              // a real error raised while being cancelled
                }
                return done("x");
            })));
            return done("body");
        }));
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of(first, cleanup), e.exceptions());
    }

    @Test
    void aCancelledChild_isNotAFailure() {
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            Task<String> doomed = tg.createTask(sleepLoggingCancellation("doomed", 5));
            tg.createTask(child(2, 1, "ok"));
            return awaitThen(Asyncio.sleep(1), r -> {
                r.get();
                doomed.cancel();
                return done("body");
            });
        }));
        assertEquals("body", Asyncio.run(main, loop));
        seq.finish(2);
        assertEquals(List.of("doomed cancelled at 1.0"), log);
        assertEquals(2.0, loop.time());
    }

    @Test
    void bodyFailure_cancelsTheChildren_andIsInTheGroupError() {
        IllegalArgumentException boom = new IllegalArgumentException("body");
        List<Task<String>> kids = new ArrayList<>();
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            kids.add(tg.createTask(sleepLoggingCancellation("child", 5)));
            return awaitThen(Asyncio.sleep(1), r -> {
                r.get();
                throw boom;
            });
        }));
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of(boom), e.exceptions());
        assertTrue(kids.get(0).cancelled());
        assertEquals(List.of("child cancelled at 1.0"), log);
    }

    @Test
    void childAndBodyFailures_childrenFirstThenTheBody() {
        IOException child = new IOException("child");
        IllegalStateException body = new IllegalStateException("body cleanup");
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            tg.createTask(failing(1, child));
            return awaitThen(Asyncio.sleep(5), r -> {
                try {
                    r.get();
                } catch (CancelledError e) {
                    throw body;                // replaces the group's cancellation with a real error
                }
                return done("body");
            });
        }));
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of(child, body), e.exceptions());
    }

    @Test
    void createTask_afterAFailure_isRejectedAsShuttingDown() {
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            tg.createTask(failing(1, new IOException("x")));
            return awaitThen(Asyncio.sleep(5), r -> {
                assertInstanceOf(CancelledError.class, r.error);
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> tg.createTask(immediate("late")));
                assertTrue(e.getMessage().endsWith("is shutting down"), e.getMessage());
                seq.expect(1);
                return done(r.get());
            });
        }));
        assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        seq.finish(2);
    }

    @Test
    void createTask_afterTheGroupFinished_isRejected() {
        TaskGroup[] saved = new TaskGroup[1];
        Coroutine<String> main = coro(() -> awaitThen(TaskGroup.run(tg -> {
            saved[0] = tg;
            return immediate("body");
        }), r -> {
            assertEquals("body", r.get());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> saved[0].createTask(immediate("late")));
            assertTrue(e.getMessage().endsWith("is finished"), e.getMessage());
            return done("checked");
        }));
        assertEquals("checked", Asyncio.run(main, loop));
    }

    @Test
    void createTask_beforeEnter_isRejected_andEnterNeedsATask() {
        TaskGroup tg = new TaskGroup();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tg.createTask(immediate(1)));
        assertTrue(e.getMessage().endsWith("has not been entered"), e.getMessage());
        assertThrows(IllegalStateException.class, tg::enter);
    }

    @Test
    void enteringTwice_isRejected() {
        Coroutine<String> main = coro(() -> {
            TaskGroup tg = new TaskGroup().enter();
            IllegalStateException e = assertThrows(IllegalStateException.class, tg::enter);
            assertTrue(e.getMessage().endsWith("has already been entered"), e.getMessage());
            return awaitThen(tg.join(), r -> done(r.get()));
        });
        assertNull(Asyncio.run(main, loop));
    }

    @Test
    void childrenMayCreateSiblingsWhileTheGroupWaits() {
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            tg.createTask(coro(() -> awaitThen(Asyncio.sleep(1), r -> {
                r.get();
                seq.expect(1);
                tg.createTask(child(2, 2, "late sibling"));
                return done("first");
            })));
            return done("body");
        }));
        assertEquals("body", Asyncio.run(main, loop));
        seq.finish(3);
        assertEquals(3.0, loop.time());
    }

    @Test
    void nestedGroups_innerFailure_cancelsTheOuterSiblings_andNestsTheGroupErrors() {
        IOException io = new IOException("inner child");
        Task<?>[] current = new Task<?>[1];
        Coroutine<String> outer = TaskGroup.run(outerTg -> coro(() -> {
            current[0] = Asyncio.currentTask();
            outerTg.createTask(sleepLoggingCancellation("outer child", 10));
            return awaitThen(TaskGroup.run(innerTg -> coro(() -> {
                innerTg.createTask(failing(1, io));
                innerTg.createTask(sleepLoggingCancellation("inner child", 10));
                return awaitThen(Asyncio.sleep(10), r -> {
                    seq.expect(1);
                    assertInstanceOf(CancelledError.class, r.error, "the inner group cancelled the body");
                    return done(r.get());
                });
            })), r -> {
                seq.expect(2);
                assertInstanceOf(TaskGroupError.class, r.error);
                assertEquals(0, current[0].cancelling(), "the inner group undid its cancellation");
                return done(r.get());
            });
        }));
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(outer, loop));
        assertEquals(1, e.exceptions().size());
        TaskGroupError inner = assertInstanceOf(TaskGroupError.class, e.exceptions().get(0));
        assertEquals(List.of(io), inner.exceptions());
        assertEquals(List.of("inner child cancelled at 1.0", "outer child cancelled at 1.0"), log);
        assertEquals(0, current[0].cancelling());
    }

    @Test
    void nestedGroups_thatSucceed_joinEachAtItsEnd() {
        Coroutine<String> outer = coro(() -> awaitThen(TaskGroup.run(outerTg -> coro(() -> {
            outerTg.createTask(child(3, 3, "outer child"));
            return awaitThen(TaskGroup.run(innerTg -> coro(() -> {
                innerTg.createTask(child(1, 1, "inner child"));
                return done("inner body");
            })), r -> {
                seq.expect(2);                  // the inner group ended when its child did, at 1
                assertEquals(1.0, loop.time());
                return done(r.get() + " joined");
            });
        })), r -> {
            seq.finish(4);
            return done(r.get());
        }));
        assertEquals("inner body joined", Asyncio.run(outer, loop));
        assertEquals(3.0, loop.time());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void parentCancelledFromOutsideDuringTheBody_propagatesCancelledError_andCancelsTheChildren() {
        List<Task<String>> kids = new ArrayList<>();
        Task<String> parent = loop.createTask(TaskGroup.run(tg -> coro(() -> {
            kids.add(tg.createTask(sleepLoggingCancellation("a", 10)));
            kids.add(tg.createTask(sleepLoggingCancellation("b", 10)));
            return awaitThen(sleepLoggingCancellation("body", 10), r -> done(r.get()));
        })));
        loop.callLater(1, () -> parent.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(parent));
        assertEquals("outside", e.getMessage());
        assertTrue(parent.cancelled());
        assertEquals(1, parent.cancelling(), "the outside cancellation is not uncancelled");
        assertTrue(kids.get(0).cancelled());
        assertTrue(kids.get(1).cancelled());
        assertEquals(List.of("body cancelled at 1.0", "a cancelled at 1.0", "b cancelled at 1.0"), log);
    }

    @Test
    void parentCancelledFromOutsideWhileTheGroupWaits_cancelsTheChildren_thenPropagates() {
        Task<String> parent = loop.createTask(TaskGroup.run(tg -> coro(() -> {
            tg.createTask(sleepLoggingCancellation("a", 10));
            return done("body");
        })));
        loop.callLater(2, () -> parent.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(parent));
        assertEquals("outside", e.getMessage());
        assertEquals(List.of("a cancelled at 2.0"), log);
        assertEquals(2.0, loop.time());
    }

    @Test
    void afterHandlingItsOwnCancellation_cancellingIsBackToItsEarlierValue() {
        Coroutine<String> main = coro(() -> {
            Task<?> me = Asyncio.currentTask();
            assertEquals(0, me.cancelling());
            return awaitThen(TaskGroup.run(tg -> coro(() -> {
                tg.createTask(failing(1, new IOException("x")));
                return awaitThen(Asyncio.sleep(5), r -> {
                    seq.expect(1);
                    assertEquals(1, me.cancelling(), "the group cancelled its parent");
                    return done(r.get());
                });
            })), r -> {
                seq.expect(2);
                assertInstanceOf(TaskGroupError.class, r.error);
                assertEquals(0, me.cancelling(), "the group uncancelled its parent");
                return awaitThen(Asyncio.sleep(1), r2 -> {   // not cancelled again
                    r2.get();
                    seq.finish(3);
                    return done("went on");
                });
            });
        });
        assertEquals("went on", Asyncio.run(main, loop));
        assertEquals(2.0, loop.time());
    }

    @Test
    void outsideCancellationDuringAGroupFailure_groupErrorWins_cancellationReachesTheNextAwait() {
        IOException io = new IOException("x");
        Task<String> parent = loop.createTask(coro(() -> awaitThen(TaskGroup.run(tg -> coro(() -> {
            tg.createTask(failing(1, io));
            tg.createTask(coro(() -> awaitThen(Asyncio.sleep(10), r -> {
                assertInstanceOf(CancelledError.class, r.error);
                return awaitThen(Asyncio.sleep(1), r2 -> done("slow cleanup"));  // finishes at 2
            })));
            return done("body");
        })), r -> {
            seq.expect(1);
            assertInstanceOf(TaskGroupError.class, r.error);
            assertEquals(2.0, loop.time());
            assertEquals(1, Asyncio.currentTask().cancelling(), "the outside request is still pending");
            return awaitThen(Asyncio.sleep(5), r2 -> {
                seq.expect(2);
                assertInstanceOf(CancelledError.class, r2.error, "delivered at the next await");
                return done(r2.get());
            });
        })));
        loop.callLater(1.5, () -> parent.cancel("outside"));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(parent));
        seq.finish(3);
        assertEquals(2.0, loop.time());
    }

    @Test
    void objectForm_exitWithTheBodysFailure_asTheFutureTryLoweringWill() {
        IOException io = new IOException("child");
        Coroutine<String> main = coro(() -> {
            TaskGroup tg = new TaskGroup().enter();
            tg.createTask(failing(1, io));
            return awaitThen(Asyncio.sleep(10), body -> awaitThen(tg.exit(body.error), r -> done(r.get())));
        });
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(main, loop));
        assertEquals(List.of(io), e.exceptions());
        assertEquals(1.0, loop.time());
    }

    @Test
    void exitAwaitedByAnotherTask_isRejected() {
        Coroutine<String> main = coro(() -> {
            TaskGroup tg = new TaskGroup().enter();
            Task<Void> other = Asyncio.createTask(tg.join());
            return awaitThen(other, r -> {
                assertInstanceOf(IllegalStateException.class, r.error);
                return awaitThen(tg.join(), r2 -> done("joined by its parent"));
            });
        });
        assertEquals("joined by its parent", Asyncio.run(main, loop));
    }

    @Test
    void virtualMachineErrorInAChild_isRethrownAsItIs_afterTheSiblingsAreCancelled() {
        InternalError fatal = new InternalError("fatal");
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            tg.createTask(failing(1, fatal));
            tg.createTask(sleepLoggingCancellation("sibling", 10));
            return done("body");
        }));
        InternalError e = assertThrows(InternalError.class, () -> Asyncio.run(main, loop));
        assertSame(fatal, e);
        assertEquals(List.of("sibling cancelled at 1.0"), log);
    }

    @Test
    void childFailingAfterItsParentEnded_goesToTheExceptionHandler() {
        IOException io = new IOException("orphan");
        List<Task<String>> kids = new ArrayList<>();
        // Object form misused: the parent ends without joining, so nobody can receive the failure.
        Task<String> parent = loop.createTask(coro(() -> {
            TaskGroup tg = new TaskGroup().enter();
            kids.add(tg.createTask(failing(1, io)));
            return done("gone");
        }));
        assertEquals("gone", loop.runUntilComplete(parent));
        assertSame(io, assertThrows(IOException.class, () -> loop.runUntilComplete(kids.get(0))));
        List<Map<String, Object>> handled = takeHandledErrors();
        assertEquals(1, handled.size());
        assertSame(io, handled.get(0).get("exception"));
        assertTrue(String.valueOf(handled.get(0).get("message")).contains("parent task"));
    }

    @Test
    void bodyFactoryThrowing_isABodyFailure() {
        IllegalArgumentException boom = new IllegalArgumentException("factory");
        TaskGroupError e = assertThrows(TaskGroupError.class, () -> Asyncio.run(TaskGroup.run(tg -> {
            throw boom;
        }), loop));
        assertEquals(List.of(boom), e.exceptions());
        assertFalse(loop.isRunning());
    }

    @Test
    void allTasks_listsThePendingTasks_parentAndChildren() {
        List<Task<String>> kids = new ArrayList<>();
        Coroutine<String> main = TaskGroup.run(tg -> coro(() -> {
            kids.add(tg.createTask(delayed(1, "a")));
            kids.add(tg.createTask(delayed(1, "b")));
            assertEquals(List.of(Asyncio.currentTask(), kids.get(0), kids.get(1)), List.copyOf(Asyncio.allTasks()));
            return awaitThen(Asyncio.sleep(2), r -> {
                r.get();
                assertEquals(List.of(Asyncio.currentTask()), List.copyOf(Asyncio.allTasks()));
                return done("checked");
            });
        }));
        assertEquals("checked", Asyncio.run(main, loop));
        assertThrows(IllegalStateException.class, Asyncio::allTasks, "no running loop");
    }
}
