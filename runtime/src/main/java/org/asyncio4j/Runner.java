package org.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a coroutine as the main task of a loop and shuts the loop down after it (asyncio's {@code runners} module):
 * the body of {@link Asyncio#run(Coroutine, EventLoop)}.
 *
 * <p>Thread-safe in the sense of {@link Asyncio#run}: any thread that is not running an event loop may call it.
 */
final class Runner {
    private Runner() {}

    static <T> T run(Coroutine<T> coroutine, EventLoop loop) {
        Objects.requireNonNull(coroutine, "coroutine");
        Objects.requireNonNull(loop, "loop");
        checkNoRunningLoop();
        T result;
        try {
            result = loop.runUntilComplete(loop.createTask(coroutine));
        } catch (Throwable failure) {
            shutDown(loop, failure);
            throw Sneaky.rethrow(failure);
        }
        shutDown(loop, null);
        return result;
    }

    /**
     * Cancels what is left, closes unfinished async generators (asyncio's order) and closes the loop; a failure here
     * is added to {@code primary} rather than masking it.
     */
    private static void shutDown(EventLoop loop, Throwable primary) {
        try {
            cancelPendingTasks(loop);
            if (!loop.isClosed() && loop.asyncGenerators != null && !loop.asyncGenerators.isEmpty()) {
                loop.runUntilComplete(loop.shutdownAsyncGenerators());    // asyncio's shutdown_asyncgens
            }
        } catch (Throwable t) {
            if (primary == null) {
                throw t;
            }
            primary.addSuppressed(t);
        } finally {
            loop.close();
        }
    }

    static void checkNoRunningLoop() {
        if (EventLoop.runningLoop() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
    }

    private static void cancelPendingTasks(EventLoop loop) {
        if (loop.isClosed()) {
            return;
        }
        List<Task<?>> pending = loop.pendingTasks();
        if (pending.isEmpty()) {
            return;
        }
        for (Task<?> t : pending) {
            t.cancel();
        }
        loop.runUntilComplete(new GatheringFuture<Object>(loop, new ArrayList<>(pending), true));
        for (Task<?> t : pending) {
            if (!t.cancelled() && t.exception != null) {
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("message", "unhandled exception during Asyncio.run() shutdown");
                context.put("exception", t.exception);
                context.put("task", t);
                loop.callExceptionHandler(context);
            }
        }
    }

}
