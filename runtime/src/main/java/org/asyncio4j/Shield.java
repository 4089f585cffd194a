package org.asyncio4j;

import java.util.function.Consumer;

/**
 * The outer future of {@link Asyncio#shield(Awaitable)}: mirrors an inner future, but cancelling it does not
 * cancel the inner one (asyncio's {@code shield}).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <pre>
 *   pending ──inner done──▶ inner's result / exception copied; inner cancelled ⇒ cancelled
 *      │
 *      └──cancel()──▶ cancelled; the inner keeps running, its outcome is dropped
 * </pre>
 */
final class Shield {
    private Shield() {}

    static <T> Future<T> shield(Future<T> inner) {
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        Consumer<Future<T>> innerDone = f -> {
            if (!outer.done()) {            // a cancelled outer drops the inner's outcome, as asyncio does
                outer.copyStateFrom(f);
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
