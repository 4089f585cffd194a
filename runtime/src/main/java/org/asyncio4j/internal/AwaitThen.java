package org.asyncio4j.internal;

import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;

/**
 * A coroutine that awaits one awaitable and turns its outcome into its own result: the runtime's
 * {@code async def f(): return g(await x)} for the small adapters of {@code async with} and {@code async for}
 * (a stream's lines, a queue's items, a lock's hold). Not API.
 *
 * <p>Not thread-safe; runs in its task, on its event loop's thread.
 *
 * @param <A> the awaited result type
 * @param <R> this coroutine's result type
 */
@InternalApi
public final class AwaitThen<A, R> extends Coroutine<R> {
    /** What to do with the outcome: its value ({@code failure == null}) or its failure. */
    @FunctionalInterface
    public interface Outcome<A, R> {
        /**
         * Makes the result, or throws.
         *
         * @param value the awaited value (null if it failed)
         * @param failure the awaited failure, or null
         * @return this coroutine's result
         * @throws Throwable this coroutine's failure
         */
        R apply(A value, Throwable failure) throws Throwable;
    }

    private final Awaitable<? extends A> awaited;
    private final Outcome<A, R> outcome;
    private boolean started;

    /**
     * @param awaited what to await
     * @param outcome what to make of its outcome
     */
    public AwaitThen(Awaitable<? extends A> awaited, Outcome<A, R> outcome) {
        this.awaited = awaited;
        this.outcome = outcome;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (!started) {
            started = true;
            if (error != null) {
                throw error; // the task was cancelled before this frame ran
            }
            if (suspendOnAwaitable(awaited)) {
                return SUSPENDED;
            }
            A ready;
            try {
                ready = awaitedResult();
            } catch (Throwable failure) {
                return outcome.apply(null, failure);
            }
            return outcome.apply(ready, null);
        }
        return outcome.apply(error == null ? (A) value : null, error);
    }

    @Override
    public String toString() {
        return "AwaitThen(" + awaited + ")";
    }
}
