package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests where other threads are involved: gives each test a fresh loop on the real clock (another thread's
 * {@code callSoonThreadsafe} wakes it when it waits), records what reaches its exception handler, and runs helper
 * threads whose failures fail the test.
 *
 * <p>Threads are coordinated with latches and futures only, never with sleeps. Every wait has a
 * {@link #SAFETY_SECONDS} limit, a safety net that matters only when a test is already failing (it turns a hang into
 * a failure).
 */
public abstract class RealLoopTestBase {
    public static final long SAFETY_SECONDS = 10;

    protected EventLoop loop;
    private final List<Map<String, Object>> handled = new CopyOnWriteArrayList<>();
    private final List<Thread> helpers = new ArrayList<>();
    private final AtomicReference<Throwable> helperFailure = new AtomicReference<>();

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    @BeforeEach
    public void createRealLoop() {
        loop = new EventLoop();
        loop.setExceptionHandler((l, context) -> handled.add(context));
    }

    @AfterEach
    public void joinHelpersAndCloseLoop() throws InterruptedException {
        for (Thread t : helpers) {
            t.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
            assertFalse(t.isAlive(), "helper thread " + t.getName() + " did not finish");
        }
        if (helperFailure.get() != null) {
            throw new AssertionError("a helper thread failed", helperFailure.get());
        }
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

    /**
     * Runs the loop on this thread until {@code awaitable} is done, as {@link EventLoop#runUntilComplete}. A timer
     * stops the loop after {@link #SAFETY_SECONDS} (the run then fails with "Event loop stopped before Future
     * completed."): only a failing test ever reaches it.
     */
    protected <T> T runUntilComplete(Awaitable<T> awaitable) {
        TimerHandle safetyNet = loop.callLater(SAFETY_SECONDS, loop::stop);
        try {
            return loop.runUntilComplete(awaitable);
        } finally {
            safetyNet.cancel();
        }
    }

    /** Runs exactly one pass of the loop; it does not wait, as the loop is already told to stop. */
    protected void runOnePass() {
        loop.stop();
        loop.runForever();
    }

    /** Starts a helper thread running {@code body}; the test fails if it throws. Joined after the test. */
    protected Thread startHelper(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                helperFailure.compareAndSet(null, e);
            }
        }, name);
        helpers.add(t);
        t.start();
        return t;
    }

    /** Waits for {@code latch}, failing after {@link #SAFETY_SECONDS}. */
    protected static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(SAFETY_SECONDS, TimeUnit.SECONDS), "timed out waiting for a latch");
    }

    /** A coroutine that returns {@code value} without suspending. */
    protected static <T> Coroutine<T> immediate(T value) {
        return Script.coro(() -> Script.done(value));
    }

    /**
     * The {@link CancelledError} in {@code e}'s cause chain: a cancelled CompletableFuture from the bridges holds it
     * as the cause of its CancellationException (from JDK 23 on, get() and join() throw a fresh
     * CancellationException whose cause is the stored one, so the chain is one link longer there).
     */
    protected static CancelledError cancelledErrorIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CancelledError) {
                return (CancelledError) t;
            }
        }
        throw new AssertionError("no CancelledError in the cause chain", e);
    }

    /** Whether {@code t} is a virtual thread ({@code Thread.isVirtual()}, JDK 21+; always false before). */
    protected static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
