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
 *
 * <p>The check runs before the loop is closed: what {@link EventLoop#close()} reports about the test's leftovers
 * (tasks still parked on a gate, "Task was destroyed but it is pending!"; failed tasks whose outcome the test did
 * not read, "exception was never retrieved") is scaffolding, not behaviour, and is dropped. Those reports are
 * tested in {@code DiagnosticsTest}.
 *
 * <p>With {@code -Dasyncio4j.test.shuffleSeed=N} (the {@code shuffle} Maven profile) the loop is
 * {@link EventLoop#virtualTime(long) EventLoop.virtualTime(N)}, which permutes the task steps and done callbacks of
 * each pass. Tests that pin the interleaving of tasks are tagged {@value #EXACT_ORDER} and excluded from that run.
 */
public abstract class LoopTestBase {
    /** The tag of tests that assert the exact interleaving of tasks, which shuffle mode changes on purpose. */
    public static final String EXACT_ORDER = "exact-order";
    /** The seed of the shuffle run, or {@code null} for the ordinary FIFO loop. */
    public static final Long SHUFFLE_SEED = Long.getLong("asyncio4j.test.shuffleSeed");

    protected EventLoop loop;
    protected final Seq seq = new Seq();
    protected final List<String> log = new ArrayList<>();
    private final List<Map<String, Object>> handled = new ArrayList<>();

    @BeforeEach
    public void createLoop() {
        loop = newTestLoop();
        loop.setExceptionHandler((l, context) -> handled.add(context));
    }

    /** The loop factory of the runtime's tests: virtual time, shuffled when the shuffle seed property is set. */
    public static EventLoop newTestLoop() {
        return SHUFFLE_SEED == null ? EventLoop.virtualTime() : EventLoop.virtualTime(SHUFFLE_SEED);
    }

    @AfterEach
    public void checkNoUnhandledErrors() {
        List<Map<String, Object>> errors = new ArrayList<>(handled);
        if (!loop.isRunning()) {
            loop.setExceptionHandler((l, context) -> { });     // leftovers reported by close(): see the class Javadoc
            loop.close();
        }
        assertEquals(List.of(), errors, "errors that reached the loop's exception handler");
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

    /**
     * Sleeps {@code seconds} and returns {@code name}; if cancelled, logs {@code "<name> cancelled at <time>"} (its
     * "finally") and rethrows.
     */
    protected Coroutine<String> sleepLoggingCancellation(String name, double seconds) {
        return Script.coro(() -> Script.awaitThen(Asyncio.sleep(seconds), r -> {
            try {
                r.get();
            } catch (CancelledError e) {
                log.add(name + " cancelled at " + loop.time());
                throw e;
            }
            return Script.done(name);
        }));
    }
}
