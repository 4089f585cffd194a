package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Eager task start (asyncio 3.12's eager_start): the first step runs inside createTask. */
class EagerTaskTest extends LoopTestBase {

    @Test
    void eagerTask_runsSynchronouslyUntilItsFirstSuspension_thenResumesLater() {
        Task<Object> main = loop.createTask(coro(() -> {
            log.add("main before");
            Task<Object> child = loop.createTask(coro(() -> {
                log.add("child starts in " + Asyncio.currentTask().getName());
                return awaitThen(Asyncio.sleep(0), r -> {
                    log.add("child resumed");
                    return done("child done");
                });
            }), "child", true);
            log.add("main after createTask, current=" + Asyncio.currentTask().getName());
            return awaitThen(child, r -> done(r.get()));
        }), "main");
        assertEquals("child done", loop.runUntilComplete(main));
        assertEquals(List.of("main before", "child starts in child", "main after createTask, current=main",
                "child resumed"), log);
    }

    @Test
    void eagerTask_thatNeverSuspends_isDoneWhenCreateTaskReturns_andCallbacksAreStillScheduled() {
        List<String> seen = new ArrayList<>();
        Task<Object> main = loop.createTask(coro(() -> {
            Task<Object> child = loop.createTask(immediate("instant"), null, true);
            seen.add("done=" + child.done() + " result=" + child.result());
            child.addDoneCallback(f -> seen.add("callback"));
            seen.add("after addDoneCallback");
            assertFalse(Asyncio.allTasks().contains(child));
            return done(null);
        }));
        loop.runUntilComplete(main);
        assertEquals(List.of("done=true result=instant", "after addDoneCallback", "callback"), seen);
    }

    @Test
    void eagerStart_runsBeforeCallbacksAlreadyReady_lazyStartRunsAfter() {
        loop.setEagerTasks(true);
        assertTrue(loop.isEagerTasks());
        Task<Object> main = loop.createTask(coro(() -> {
            loop.callSoon(() -> log.add("callback scheduled first"));
            Asyncio.createTask(coro(() -> {
                log.add("eager");
                return done(null);
            }));
            loop.createTask(coro(() -> {
                log.add("lazy");
                return done(null);
            }), null, false);
            return awaitThen(Asyncio.sleep(0), r -> awaitThen(Asyncio.sleep(0), r2 -> done(null)));
        }));
        loop.runUntilComplete(main);
        assertEquals(List.of("eager", "callback scheduled first", "lazy"), log);
    }

    @Test
    void eagerRequest_whenTheLoopIsNotRunning_startsLazily() {
        Task<Object> t = loop.createTask(coro(() -> {
            log.add("ran");
            return done(null);
        }), null, true);
        assertEquals(List.of(), log);
        assertFalse(t.done());
        runOnePass();
        assertEquals(List.of("ran"), log);
    }

    @Test
    void eagerTask_thatFails_failsAtOnce_andRestoresTheCurrentTask() {
        Task<Object> main = loop.createTask(coro(() -> {
            Task<?> me = Asyncio.currentTask();
            Task<Object> child = loop.createTask(coro(() -> {
                throw new IllegalStateException("eager failure");
            }), "bad", true);
            assertSame(me, Asyncio.currentTask());
            return done(child.exception().getMessage());
        }));
        assertEquals("eager failure", loop.runUntilComplete(main));
    }
}
