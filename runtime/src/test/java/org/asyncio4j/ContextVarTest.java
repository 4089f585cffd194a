package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Context variables: copied into a task at creation, isolated between tasks; plus task names and allTasks. */
class ContextVarTest extends LoopTestBase {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request", "none");
    private static final ContextVar<Integer> DEPTH = new ContextVar<>("depth");

    @Test
    void get_withoutValue_returnsTheDefault_orThrows_orTheFallback() {
        Task<Object> t = loop.createTask(coro(() -> {
            log.add(REQUEST.get());
            log.add(String.valueOf(DEPTH.get(7)));
            assertThrows(NoSuchElementException.class, DEPTH::get);
            return done(null);
        }));
        loop.runUntilComplete(t);
        assertEquals(List.of("none", "7"), log);
    }

    @Test
    void set_thenReset_restoresThePreviousValueOrRemovesIt() {
        Task<Object> t = loop.createTask(coro(() -> {
            ContextVar.Token<Integer> first = DEPTH.set(1);
            assertFalse(first.hadOldValue());
            ContextVar.Token<Integer> second = DEPTH.set(2);
            assertTrue(second.hadOldValue());
            assertEquals(1, second.getOldValue());
            assertEquals(2, DEPTH.get());
            DEPTH.reset(second);
            assertEquals(1, DEPTH.get());
            assertThrows(IllegalStateException.class, () -> DEPTH.reset(second), "a token is usable once");
            DEPTH.reset(first);
            assertEquals(-1, DEPTH.get(-1));
            return done(null);
        }));
        loop.runUntilComplete(t);
    }

    @Test
    void childTask_inheritsACopyAtCreation_andTasksAreIsolated() {
        Task<Object> parent = loop.createTask(coro(() -> {
            REQUEST.set("parent-1");
            Task<Object> child = loop.createTask(coro(() -> {
                log.add("child sees " + REQUEST.get());
                REQUEST.set("child");
                return awaitThen(Asyncio.sleep(1), r -> {
                    log.add("child still sees " + REQUEST.get());
                    return done(null);
                });
            }));
            REQUEST.set("parent-2");      // after the copy: the child does not see it
            Task<Object> sibling = loop.createTask(coro(() -> {
                log.add("sibling sees " + REQUEST.get());
                return done(null);
            }));
            return awaitThen(child, r -> awaitThen(sibling, r2 -> {
                log.add("parent sees " + REQUEST.get());
                return done(null);
            }));
        }));
        loop.runUntilComplete(parent);
        assertEquals("none", REQUEST.get(), "the thread's own value is untouched");
        // The child's and the sibling's first steps share a pass, so their order is not pinned (shuffle mode).
        assertEquals(Set.of("child sees parent-1", "sibling sees parent-2"), Set.copyOf(log.subList(0, 2)));
        assertEquals(List.of("child still sees child", "parent sees parent-2"), log.subList(2, 4));
    }

    @Test
    void reset_inAnotherTask_orWithAnotherVariablesToken_isRejected() {
        Task<Object> t = loop.createTask(coro(() -> {
            ContextVar.Token<Integer> token = DEPTH.set(5);
            Task<Object> other = loop.createTask(coro(() -> {
                assertThrows(IllegalArgumentException.class, () -> DEPTH.reset(token));
                return done("checked");
            }));
            @SuppressWarnings({"unchecked", "rawtypes"})
            ContextVar<Integer> alias = (ContextVar) REQUEST;
            assertThrows(IllegalArgumentException.class, () -> alias.reset(token));
            return awaitThen(other, r -> done(r.get()));
        }));
        assertEquals("checked", loop.runUntilComplete(t));
    }

    @Test
    void taskNames_andAllTasks_behaveAsAsyncios() {
        Task<Object> parked = loop.createTask(coro(() -> awaitThen(loop.createFuture(), r -> done(r.get()))));
        Task<Object> main = loop.createTask(coro(() -> {
            Task<?> me = Asyncio.currentTask();
            me.setName("renamed");
            log.add(me.getName());
            log.add(String.valueOf(Asyncio.allTasks().contains(parked)));
            log.add(String.valueOf(Asyncio.allTasks().contains(me)));
            return done(null);
        }), null);
        assertEquals("Task-1", parked.getName());
        loop.runUntilComplete(main);
        assertEquals(List.of("renamed", "true", "true"), log);
        assertEquals("renamed", main.getName());
        parked.cancel();
        runOnePass();
        runOnePass();
        assertTrue(parked.cancelled());
        assertNull(Asyncio.currentTask());
    }
}
