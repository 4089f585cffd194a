package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Gives each test a fresh virtual-time loop whose exception handler records contexts instead of logging; fails the
 * test if a callback error reached the handler unless the test took it with {@link #takeHandledErrors()}.
 */
abstract class LoopTestBase {
    protected EventLoop loop;
    protected final Seq seq = new Seq();
    protected final List<String> log = new ArrayList<>();
    private final List<Map<String, Object>> handled = new ArrayList<>();

    @BeforeEach
    void createLoop() {
        loop = EventLoop.virtualTime();
        loop.setExceptionHandler((l, context) -> handled.add(context));
    }

    @AfterEach
    void checkNoUnhandledErrors() {
        if (!loop.isRunning()) {
            loop.close();
        }
        assertEquals(List.of(), handled, "errors that reached the loop's exception handler");
    }

    /** Returns and clears what the exception handler received. */
    protected List<Map<String, Object>> takeHandledErrors() {
        List<Map<String, Object>> copy = new ArrayList<>(handled);
        handled.clear();
        return copy;
    }

    /** Runs exactly one pass of the loop. */
    protected void runOnePass() {
        loop.stop();
        loop.runForever();
    }

    /** A coroutine that returns {@code value} without suspending. */
    protected static <T> Coroutine<T> immediate(T value) {
        return Script.coro(() -> Script.done(value));
    }

    /** A coroutine that sleeps {@code seconds} (virtual time) and returns {@code value}. */
    protected static <T> Coroutine<T> delayed(double seconds, T value) {
        return Script.coro(() -> Script.awaitThen(Asyncio.sleep(seconds), r -> {
            r.get();
            return Script.done(value);
        }));
    }

    /** A coroutine that sleeps {@code seconds} and throws {@code error}. */
    protected static <T> Coroutine<T> failing(double seconds, Throwable error) {
        return Script.coro(() -> Script.awaitThen(Asyncio.sleep(seconds), r -> {
            r.get();
            throw error;
        }));
    }
}
