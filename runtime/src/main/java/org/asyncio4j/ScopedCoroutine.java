package org.asyncio4j;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The coroutine behind the functional forms of the {@code async with} scopes ({@link TaskGroup#run(Function)},
 * {@link Timeout#run(Function)}, {@link Asyncio#timeout(double, Supplier)}): runs a body inside a scope, as
 * {@code async with scope: return await body} does in Python.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <h2>The scope protocol</h2>
 * Both scope types implement asyncio's {@code __aenter__}/{@code __aexit__} as two public methods, and this class
 * only sequences them, so that the functional form and the object form share one implementation:
 * <ol>
 *   <li>{@code enter()}: synchronous (asyncio's {@code __aenter__} of these scopes never suspends either); binds
 *       the scope to the current task;</li>
 *   <li>the body runs, in that task;</li>
 *   <li>{@code await(scope.exit(bodyError))}: closes the scope with the body's failure, or {@code null}. The
 *       coroutine throws what leaves the scope (a converted error such as {@link TaskGroupError} or
 *       {@link TimeoutError}, or {@code bodyError} itself) and returns normally only if nothing propagates.</li>
 * </ol>
 * A processor that supports {@code await} inside {@code try} can lower
 * {@code try (TaskGroup tg = new TaskGroup()) { body }} to exactly these calls.
 *
 * <pre>
 *   NEW ──resume──▶ IN_BODY (scope entered, body awaited inline) ──body done──▶ IN_EXIT (exit awaited) ──▶ DONE
 *    │                                                              (the body's result, or what exit throws)
 *    └──resume with an error (task cancelled before its first step)──▶ thrown; the scope is never entered
 * </pre>
 * Invariant: once the scope is entered, its exit is awaited exactly once, whatever the body does (a body factory
 * that throws, or returns a coroutine that was already awaited, counts as a failing body).
 *
 * @param <S> the scope type
 * @param <T> the body's result type
 */
final class ScopedCoroutine<S, T> extends Coroutine<T> {
    private static final byte NEW = 0;
    private static final byte IN_BODY = 1;
    private static final byte IN_EXIT = 2;
    private static final byte DONE = 3;

    private final Function<Task<?>, ? extends S> enter;
    private final Function<? super S, ? extends Coroutine<T>> body;
    private final BiFunction<? super S, Throwable, Coroutine<Void>> exit;
    /** What the functional form is called, for toString. */
    private final String label;
    private byte state = NEW;
    /** The entered scope; set while the body or the exit runs. */
    private S scope;
    /** The body's result, returned once the exit lets it through. */
    private Object bodyValue;

    /**
     * @param enter creates (if needed) and enters the scope in the given task
     * @param body makes the body coroutine
     * @param exit makes the scope's exit coroutine for the body's failure (or {@code null})
     */
    ScopedCoroutine(Function<Task<?>, ? extends S> enter, Function<? super S, ? extends Coroutine<T>> body,
            BiFunction<? super S, Throwable, Coroutine<Void>> exit, String label) {
        this.enter = enter;
        this.body = Objects.requireNonNull(body, "body");
        this.exit = exit;
        this.label = label;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        // Each block falls into the next when its await finished without suspending.
        if (state == NEW) {
            if (error != null) {
                throw error;        // cancelled before it started: the scope is never entered
            }
            scope = enter.apply(requireTask());
            state = IN_BODY;
            try {
                Coroutine<T> b = Objects.requireNonNull(body.apply(scope), "the body factory returned null");
                if (suspendOnCoroutine(b)) {
                    return SUSPENDED;
                }
                value = awaitedResult();
                error = null;
            } catch (Throwable t) {
                value = null;
                error = t;
            }
        }
        if (state == IN_BODY) {
            bodyValue = value;
            state = IN_EXIT;
            if (suspendOnCoroutine(exit.apply(scope, error))) {
                return SUSPENDED;
            }
            try {
                awaitedResult();
                error = null;
            } catch (Throwable t) {
                error = t;
            }
        }
        if (state != IN_EXIT) {
            throw new IllegalStateException("invalid state " + state + " in " + this);
        }
        state = DONE;
        Object v = bodyValue;
        bodyValue = null;
        scope = null;
        if (error != null) {
            throw error;            // what leaves the scope
        }
        return v;
    }

    @Override
    public String toString() {
        S sc = scope;
        return sc == null ? label : label + "[" + sc + "]";
    }
}
