package org.asyncio4j.junit;

import java.util.Objects;
import java.util.function.Supplier;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * Static access to the event loop of the current {@link AsyncioTest @AsyncioTest} test, for code that does not
 * take an {@link EventLoop} parameter (helpers, assertion methods); like the loop CPython's
 * {@code IsolatedAsyncioTestCase} runs each test in.
 *
 * <p>Thread-safety: the loop is bound to the thread that runs the test (and its {@code @BeforeEach} and
 * {@code @AfterEach} methods); call these methods from that thread, while the loop is not running, as you would
 * call {@link EventLoop#runUntilComplete}.
 */
public final class AsyncioTesting {
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

    private AsyncioTesting() {}

    /**
     * {@return the current test's loop}
     *
     * @throws IllegalStateException if the current thread is not running an {@code @AsyncioTest} test
     */
    public static EventLoop loop() {
        EventLoop loop = CURRENT.get();
        if (loop == null) {
            throw new IllegalStateException("no @AsyncioTest event loop on this thread: annotate the test class or "
                    + "method with @AsyncioTest, and call AsyncioTesting from the thread that runs the test");
        }
        return loop;
    }

    /**
     * Runs {@code awaitable} (a coroutine, which is wrapped in a task, or a future of the test's loop) on the
     * current test's loop until it is done, and returns its result or throws its failure unwrapped: the same as
     * {@code loop().runUntilComplete(awaitable)}.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future of the test's loop
     * @return the awaitable's result
     * @throws IllegalStateException if there is no test loop (see {@link #loop()}), or the loop is closed,
     *     running, or was stopped (by the virtual time limit) before the awaitable was done
     */
    public static <T> T run(Awaitable<T> awaitable) {
        Objects.requireNonNull(awaitable, "awaitable");
        return loop().runUntilComplete(awaitable);
    }

    /**
     * As {@link #run(Awaitable)}, but calls {@code body} on the running loop first, so that it may use what
     * needs a running loop: {@code run(() -> gather(a(), b()))}, {@code run(() -> createTask(...))}. An
     * exception thrown by {@code body} is thrown from here.
     *
     * @param <T> the result type
     * @param body makes the awaitable on the running loop
     * @return the awaitable's result
     */
    @SuppressWarnings("unchecked")
    public static <T> T run(Supplier<? extends Awaitable<T>> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = loop();
        Future<T> outcome = loop.createFuture();
        loop.callSoon(() -> {
            Future<T> inner;
            try {
                Awaitable<T> awaitable = Objects.requireNonNull(body.get(), "the body returned null");
                inner = awaitable instanceof Future ? (Future<T>) awaitable : loop.createTask((Coroutine<T>) awaitable);
            } catch (Throwable e) {
                outcome.setException(e);
                return;
            }
            inner.addDoneCallback(f -> {
                if (outcome.done()) {
                    return;
                }
                if (f.cancelled()) {
                    outcome.cancel();
                } else if (f.exception() != null) {
                    outcome.setException(f.exception());
                } else {
                    outcome.setResult(f.result());
                }
            });
        });
        return loop.runUntilComplete(outcome);
    }

    /** Binds {@code loop} to the test's thread (called by {@link AsyncioExtension} before each test). */
    static void enter(EventLoop loop) {
        CURRENT.set(loop);
    }

    /** Unbinds {@code loop}, if it is still the thread's (called by {@link AsyncioExtension} after each test). */
    static void leave(EventLoop loop) {
        if (CURRENT.get() == loop) {
            CURRENT.remove();
        }
    }
}
