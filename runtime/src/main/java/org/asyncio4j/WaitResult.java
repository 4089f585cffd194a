package org.asyncio4j;

import java.util.Set;

/**
 * The outcome of {@link Asyncio#wait(java.util.Collection, ReturnWhen, double)}: the futures that were done when
 * it returned, and those that were not (asyncio's {@code (done, pending)} pair).
 *
 * <p>Each future is in exactly one of the sets, which keep the order of the argument collection and cannot be
 * modified. A coroutine argument appears as the task it was wrapped in. The futures are typed
 * {@code Future<T>} for reading their outcome; a future passed in as a {@code Future<? extends T>} must not be
 * completed through this view.
 *
 * <p>Not thread-safe in the sense that the futures are not: read them on their event loop's thread.
 *
 * @param done the futures that were done
 * @param pending the futures that were not done
 * @param <T> the futures' result type
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {
    /**
     * Copies the sets (unmodifiable, order kept).
     *
     * @param done the futures that are done
     * @param pending the futures that are not done
     */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }
}
