package org.asyncio4j.sync;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;

import org.asyncio4j.Awaitable;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;

/**
 * Helpers for the synchronisation-primitive and queue tests: run the virtual-time loop until nothing is ready, and
 * build the usual "log, await, log" tasks.
 */
public abstract class SyncTestBase extends LoopTestBase {

    /** Runs passes until the loop has nothing ready (a generous fixed bound; passes never block after stop()). */
    protected void runUntilIdle() {
        for (int i = 0; i < 50; i++) {
            runOnePass();
        }
    }

    /** Starts a task named {@code name} running {@code body}. */
    protected Task<Object> spawn(String name, Script.Body body) {
        return loop.createTask(coro(name, body), name);
    }

    /**
     * A task that acquires {@code acquire} (a fresh awaitable from the supplier), logs "name has", waits for
     * {@code gate}, then runs {@code release} and logs "name released". A failure of the acquire is logged as
     * "name failed: SimpleName" and rethrown.
     */
    protected Task<Object> holder(String name, java.util.function.Supplier<Awaitable<Void>> acquire,
                                  Future<Void> gate, Runnable release) {
        return spawn(name, () -> awaitThen(acquire.get(), r -> {
            try {
                r.get();
            } catch (Throwable t) {
                log.add(name + " failed: " + t.getClass().getSimpleName());
                throw t;
            }
            log.add(name + " has");
            return awaitThen(gate, g -> {
                release.run();
                log.add(name + " released");
                return done(null);
            });
        }));
    }

    /** A pending future that a test completes to let a {@link #holder} go on. */
    protected Future<Void> gate() {
        return loop.createFuture();
    }
}
