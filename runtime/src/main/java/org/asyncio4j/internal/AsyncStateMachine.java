package org.asyncio4j.internal;

import java.util.concurrent.CompletionStage;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;

/**
 * The base class of every state machine the asyncio4j processor generates for an {@code @Async} method. Not API.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>The generated subclass holds the method's parameters, the locals that live across an {@code await}, and an
 * {@code int state}. {@link #step()} runs from the current state; at an {@code await} it sets the resume state and
 * calls {@code suspendOn(x)}: {@code true} means return {@link #SUSPENDED} now (the task resumes this frame later,
 * at that state); {@code false} means the outcome is already there and control falls through to the resume state,
 * whose first statement is {@link #awaitResult()}:
 * <pre>{@code
 * case 0: {
 *     state = 1;
 *     if (suspendOn(Asyncio.sleep(delay))) return SUSPENDED;
 * }
 * case 1: {
 *     awaitResult();
 *     state = -1;
 *     return "done";
 * }
 * default: throw invalidState(state);
 * }</pre>
 * The {@code suspendOn} overload is chosen by javac on the awaited expression's static type, as the user's
 * {@code Asyncio.await} overload was, so the fast path needs no interface type check.
 *
 * <h2>Frame states</h2>
 * <pre>
 *   not started ──resume(null, null)──▶ step() from state 0
 *   not started ──resume(_, error)────▶ throws error, body never runs (task cancelled before its first step)
 *   suspended   ──resume(v, e)────────▶ outcome stored for awaitResult(), step() from the saved state
 * </pre>
 *
 * @param <T> the result type of the {@code @Async} method
 */
@InternalApi
public abstract class AsyncStateMachine<T> extends Coroutine<T> {
    /** Returned by {@link #step()} when the frame suspended. */
    protected static final Object SUSPENDED = Coroutine.SUSPENDED;

    private boolean started;

    /** For generated subclasses. */
    protected AsyncStateMachine() {}

    /**
     * Runs the method body from the current state (generated).
     *
     * @return {@link #SUSPENDED}, or the method's result ({@code null} for {@code void})
     * @throws Throwable the method's failure
     */
    protected abstract Object step() throws Throwable;

    /** Stores the outcome for {@link #awaitResult()} and runs {@link #step()}. */
    @Override
    protected final Object resume(Object value, Throwable error) throws Throwable {
        if (!started) {
            started = true;
            if (error != null) {
                throw error;    // cancelled before the first step: the body never runs
            }
        } else {
            setAwaitedOutcome(value, error);
        }
        return step();
    }

    /** Awaits a coroutine: starts it inline in this task. {@code true}: return {@link #SUSPENDED} now. */
    protected final boolean suspendOn(Coroutine<?> c) {
        return suspendOnCoroutine(c);
    }

    /** Awaits a future; a done future is read at once without allocating. {@code true}: return {@link #SUSPENDED} now. */
    protected final boolean suspendOn(Future<?> f) {
        return suspendOnFuture(f);
    }

    /** Awaits a {@link CompletionStage}, completed on the loop's thread. {@code true}: return {@link #SUSPENDED} now. */
    protected final boolean suspendOn(CompletionStage<?> s) {
        return suspendOnStage(s);
    }

    /** Awaits a coroutine or a future whose static type is only {@link Awaitable}. */
    protected final boolean suspendOn(Awaitable<?> a) {
        return suspendOnAwaitable(a);
    }

    /**
     * Returns the outcome of the last await, or throws its failure unwrapped (checked exceptions too, though none
     * is declared).
     */
    protected final <R> R awaitResult() {
        return awaitedResult();
    }

    /** The error for the generated switch's {@code default} branch: a state this machine never sets. */
    protected final IllegalStateException invalidState(int state) {
        return new IllegalStateException("invalid state " + state + " in " + this);
    }
}
