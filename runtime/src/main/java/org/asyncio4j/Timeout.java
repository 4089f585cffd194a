package org.asyncio4j;

import java.util.Locale;
import java.util.function.Function;

/**
 * A deadline for a block of code in a task: asyncio's {@code asyncio.timeout()}/{@code Timeout} (Python 3.11+).
 * Create one with {@link Asyncio#timeout(double)} or {@link Asyncio#timeoutAt(double)}.
 *
 * <p>Not thread-safe; use only from its event loop's thread, in the task that entered it.
 *
 * <h2>Use</h2>
 * The functional forms need no {@code try}, so they work in every {@code @Async} body:
 * <pre>{@code
 * String page = await(timeout(5, () -> FetchAsync.fetch(url)));        // TimeoutError after 5 s
 * String other = await(timeout(5).run(t -> FetchAsync.fetchWith(t)));  // the body may reschedule t
 * }</pre>
 * The object form is the same protocol spelled out: {@link #enter()}, the body, then
 * {@code await(t.exit(bodyError))}:
 * <pre>{@code
 * Timeout t = timeout(5).enter();
 * String page = await(FetchAsync.fetch(url));
 * await(t.exit(null));
 * }</pre>
 * Without {@code try} the object form cannot see the body's {@link CancelledError}, so it cannot turn an expiry
 * into a {@link TimeoutError}: when the deadline passes, the body fails with the {@code CancelledError} and
 * {@code exit} is skipped. In an {@code @Async} body, {@code async with asyncio.timeout(5) as t:} is a
 * try-with-resources statement (a timeout is an {@link AsyncCloseable}); {@code enter()} returns the timeout, so it
 * is armed when the block starts, as {@code __aenter__} arms it:
 * <pre>{@code
 * try (Timeout t = timeout(5).enter()) {
 *     page = await(FetchAsync.fetch(url));
 * }                                    // TimeoutError if the deadline passed during the block
 * }</pre>
 * The processor awaits {@link #closeAsync()} ({@code exit(null)}) after a normal end or a jump, and
 * {@link #closeAsync(Throwable)} ({@code exit(failure)}) after an exception: the {@code CancelledError} of an expiry
 * becomes the {@code TimeoutError} that propagates instead.
 *
 * <h2>Semantics (asyncio 3.11+)</h2>
 * When the deadline passes, the timeout cancels its task ({@link Task#cancel()}), so the body sees a
 * {@link CancelledError} at its current {@code await}. When the block ends with that {@code CancelledError}, the
 * exit calls {@link Task#uncancel()} and, if no other cancellation is pending (the task's
 * {@link Task#cancelling()} is back to what it was at {@link #enter()}), throws a {@link TimeoutError} whose cause
 * is the {@code CancelledError}. So only the timeout's own cancellation is converted: a cancellation from outside,
 * or from an enclosing timeout that expired at the same time, stays a {@code CancelledError}, and in nested
 * timeouts only the one that expired converts.
 *
 * <p>A deadline of {@code null} (or positive infinity) means no deadline; a deadline at or before the current
 * loop time expires in the loop's next pass.
 *
 * <h2>States</h2>
 * <table>
 *   <caption>Timeout states (asyncio's names)</caption>
 *   <tr><th>state</th><th>meaning</th><th>{@link #expired()}</th></tr>
 *   <tr><td>CREATED</td><td>not entered yet</td><td>false</td></tr>
 *   <tr><td>ENTERED</td><td>armed; {@link #reschedule} allowed</td><td>false</td></tr>
 *   <tr><td>EXPIRING</td><td>the deadline passed and the task was cancelled; not exited yet</td><td>true</td></tr>
 *   <tr><td>EXPIRED</td><td>exited after expiring</td><td>true</td></tr>
 *   <tr><td>EXITED</td><td>exited before the deadline</td><td>false</td></tr>
 * </table>
 * <pre>
 *   CREATED ──enter()──▶ ENTERED ──deadline──▶ EXPIRING ──exit──▶ EXPIRED
 *                           │
 *                           └──exit──▶ EXITED
 * </pre>
 */
public final class Timeout implements AsyncCloseable {
    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private State state = State.CREATED;
    /** The deadline in loop time; {@code null}: none. */
    private Double when;
    private Task<?> task;
    /** The task's {@link Task#cancelling()} at {@link #enter()}. */
    private int cancellingAtEnter;
    /** The armed timer (or callSoon handle for a past deadline); {@code null} when not armed. */
    private Handle handler;

    Timeout(Double when) {
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("deadline must not be NaN");
        }
        this.when = when;
    }

    /** {@return the deadline in loop time ({@link EventLoop#time()}), or {@code null} if there is none} */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline to {@code when} (loop time; {@code null}: no deadline). A deadline at or before the
     * current time expires in the loop's next pass.
     *
     * @param when the new deadline in loop time, or {@code null} for none
     * @throws IllegalStateException if the timeout has not been entered, has expired, or was exited
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public void reschedule(Double when) {
        if (state != State.ENTERED) {
            throw new IllegalStateException(state == State.CREATED
                    ? "Timeout has not been entered"
                    : "Cannot change state of " + state.name().toLowerCase(Locale.ROOT) + " Timeout");
        }
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("deadline must not be NaN");
        }
        this.when = when;
        arm();
    }

    /**
     * As {@link #reschedule(Double)}; {@code Double.POSITIVE_INFINITY} means no deadline.
     *
     * @param when the new deadline in loop time, or {@code null} for none
     */
    public void reschedule(double when) {
        reschedule(Double.valueOf(when));
    }

    /** {@return whether the deadline passed (and the timeout cancelled its task)} */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Enters the timeout in the current task and arms it: asyncio's {@code __aenter__}, which never suspends.
     *
     * @return this timeout
     * @throws IllegalStateException if it was already entered, or no task is running
     */
    public Timeout enter() {
        Task<?> t = Asyncio.currentTask();
        if (t == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        return enterIn(t);
    }

    /** Enters the timeout in {@code t}; the functional forms call this when their coroutine starts. */
    Timeout enterIn(Task<?> t) {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        state = State.ENTERED;
        task = t;
        cancellingAtEnter = t.cancelling();
        arm();
        return this;
    }

    /**
     * Returns a coroutine that enters this timeout, awaits {@code body}'s coroutine inline and exits: the
     * functional form of {@code async with timeout as t: return await body(t)}, for bodies that use the timeout
     * (for example to {@link #reschedule} it). The deadline is this timeout's, fixed when it was created.
     *
     * @param <T> the result type
     * @param body makes the coroutine to run inside the scope
     * @return a coroutine of the body's result
     */
    public <T> Coroutine<T> run(Function<? super Timeout, ? extends Coroutine<T>> body) {
        return new ScopedCoroutine<Timeout, T>(this::enterIn, body, Timeout::exit, "Timeout.run");
    }

    /**
     * Returns the coroutine that ends the block (asyncio's {@code __aexit__}); it never suspends. It disarms the
     * timer; if the timeout expired, it calls {@link Task#uncancel()} and turns {@code bodyError}, if it is a
     * {@link CancelledError} and no other cancellation is pending, into a {@link TimeoutError}. Otherwise it
     * rethrows {@code bodyError}, or returns normally if that is {@code null}.
     *
     * @param bodyError the block's failure, or {@code null}
     * @return a coroutine that leaves the scope
     */
    public Coroutine<Void> exit(Throwable bodyError) {
        return new Coroutine<Void>() {
            @Override
            protected Object resume(Object value, Throwable error) throws Throwable {
                if (error != null) {
                    throw error;      // a task cancelled before this frame ever ran
                }
                exitNow(bodyError);
                return null;
            }

            @Override
            public String toString() {
                return "Timeout.exit(" + Timeout.this + ")";
            }
        };
    }

    /**
     * {@link #exit(Throwable) exit(null)}: awaited at the normal end of a try-with-resources block over the timeout.
     *
     * @return a coroutine that disarms the timeout
     */
    @Override
    public Coroutine<Void> closeAsync() {
        return exit(null);
    }

    /**
     * {@link #exit(Throwable) exit(failure)}: awaited when a try-with-resources block over the timeout ends by
     * {@code failure}; an expiry's {@link CancelledError} becomes the {@link TimeoutError} that propagates instead.
     *
     * @param failure what ended the block
     * @return a coroutine that disarms the timeout
     */
    @Override
    public Coroutine<Void> closeAsync(Throwable failure) {
        return exit(failure);
    }

    private void exitNow(Throwable bodyError) throws Throwable {
        if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("Timeout " + this + " was not entered or was already exited");
        }
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEnter && bodyError instanceof CancelledError) {
                // No cancellation but ours is pending: this one is ours to convert.
                throw new TimeoutError("timed out (deadline " + when + ")", bodyError);
            }
        } else {
            state = State.EXITED;
        }
        if (bodyError != null) {
            throw bodyError;
        }
    }

    /** (Re)arms the timer for the current deadline. */
    private void arm() {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (when == null || when == Double.POSITIVE_INFINITY) {
            return;
        }
        EventLoop loop = task.loop;
        handler = when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
    }

    private void onTimeout() {
        handler = null;
        if (state != State.ENTERED) {
            throw new IllegalStateException("timer fired on a timeout that is not armed: " + this);
        }
        task.cancel();
        state = State.EXPIRING;
    }

    @Override
    public String toString() {
        return "Timeout[" + state.name().toLowerCase(Locale.ROOT) + " when=" + when + "]";
    }
}
