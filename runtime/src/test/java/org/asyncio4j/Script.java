package org.asyncio4j;

import java.util.concurrent.CompletionStage;
import org.asyncio4j.internal.AsyncStateMachine;

/**
 * Builds hand-written coroutines for tests, in continuation-passing style, on top of {@link AsyncStateMachine}
 * (the processor is not available to the runtime's tests).
 * <pre>{@code
 * Coroutine<Integer> c = Script.coro(() -> {
 *     log.add("before");
 *     return awaitThen(sleep(1), r -> {
 *         r.get();                 // rethrows the await's failure, if any
 *         return done(42);
 *     });
 * });
 * }</pre>
 * Each await goes through the {@code suspendOn} overload matching the target's runtime class (Coroutine, Future,
 * CompletionStage), or {@code suspendOn(Awaitable)} with {@link #awaitAnyThen}.
 */
public final class Script<T> extends AsyncStateMachine<T> {
    @FunctionalInterface
    public interface Body {
        Next run() throws Throwable;
    }

    @FunctionalInterface
    public interface Then {
        Next run(Outcome outcome) throws Throwable;
    }

    /** What a body does next: await {@code target} and continue with {@code then}, or return {@code value}. */
    public static final class Next {
        final Object target;
        final boolean asAwaitable;
        final Then then;
        final Object value;

        private Next(Object target, boolean asAwaitable, Then then, Object value) {
            this.target = target;
            this.asAwaitable = asAwaitable;
            this.then = then;
            this.value = value;
        }
    }

    /** The outcome of an await. */
    public static final class Outcome {
        final Object value;
        final Throwable error;

        Outcome(Object value, Throwable error) {
            this.value = value;
            this.error = error;
        }

        /** Returns the value, or throws the failure. */
        @SuppressWarnings("unchecked")
        public <R> R get() throws Throwable {
            if (error != null) {
                throw error;
            }
            return (R) value;
        }
    }

    private final Body body;
    private boolean begun;
    private Then pending;
    private final String label;

    private Script(Body body, String label) {
        this.body = body;
        this.label = label;
    }

    public static <T> Coroutine<T> coro(Body body) {
        return new Script<>(body, null);
    }

    public static <T> Coroutine<T> coro(String label, Body body) {
        return new Script<>(body, label);
    }

    /** Awaits a Coroutine, Future or CompletionStage through the matching suspendOn overload. */
    public static Next awaitThen(Object target, Then then) {
        return new Next(target, false, then, null);
    }

    /** Awaits through {@code suspendOn(Awaitable)}. */
    public static Next awaitAnyThen(Awaitable<?> target, Then then) {
        return new Next(target, true, then, null);
    }

    public static Next done(Object value) {
        return new Next(null, false, null, value);
    }

    @Override
    protected Object step() throws Throwable {
        Next next;
        if (!begun) {
            begun = true;
            next = body.run();
        } else {
            next = continueWith(captured());
        }
        for (;;) {
            if (next.then == null) {
                return next.value;
            }
            pending = next.then;
            if (suspend(next)) {
                return SUSPENDED;
            }
            next = continueWith(captured());
        }
    }

    private Next continueWith(Outcome outcome) throws Throwable {
        Then k = pending;
        pending = null;
        return k.run(outcome);
    }

    private Outcome captured() {
        try {
            return new Outcome(awaitResult(), null);
        } catch (Throwable t) {
            return new Outcome(null, t);
        }
    }

    private boolean suspend(Next next) {
        Object t = next.target;
        if (next.asAwaitable) {
            return suspendOn((Awaitable<?>) t);
        }
        if (t instanceof Coroutine) {
            return suspendOn((Coroutine<?>) t);
        }
        if (t instanceof Future) {
            return suspendOn((Future<?>) t);
        }
        if (t instanceof CompletionStage) {
            return suspendOn((CompletionStage<?>) t);
        }
        throw new IllegalArgumentException("cannot await " + t);
    }

    @Override
    public String toString() {
        return label != null ? "Script[" + label + "]" : super.toString();
    }
}
