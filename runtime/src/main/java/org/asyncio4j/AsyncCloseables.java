package org.asyncio4j;

/**
 * The default exceptional close of an {@link AsyncCloseable} (JLS 14.20.3's rule, awaited): await
 * {@code closeAsync()}; if that fails, add its failure to the block's failure as suppressed; complete normally so that
 * the block's failure propagates.
 *
 * <p>One exception to JLS 14.20.3: a {@link CancelledError} while closing (the task was cancelled during the close)
 * is not suppressed, because a swallowed cancellation is lost (asyncio never swallows one either): it propagates,
 * with the block's failure added to it as suppressed. A block that failed with a {@code CancelledError} keeps it.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 */
final class AsyncCloseables {
    private AsyncCloseables() {}

    static Coroutine<Void> closeSuppressing(AsyncCloseable resource, Throwable failure) {
        return new ClosingAfterFailure(resource, failure);
    }

    /** Awaits the resource's close once, turning its failure into a suppressed exception of the block's. */
    private static final class ClosingAfterFailure extends Coroutine<Void> {
        private final AsyncCloseable resource;
        private final Throwable failure;
        private boolean started;

        ClosingAfterFailure(AsyncCloseable resource, Throwable failure) {
            this.resource = resource;
            this.failure = failure;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (!started) {
                started = true;
                if (error == null) {
                    try {
                        if (suspendOnAwaitable(resource.closeAsync())) {
                            return SUSPENDED;
                        }
                        awaitedResult();
                    } catch (Throwable closeFailure) {
                        suppress(closeFailure);
                    }
                    return null;
                }
            }
            if (error != null) {
                suppress(error);
            }
            return null;
        }

        private void suppress(Throwable closeFailure) throws Throwable {
            if (closeFailure == failure) {
                return;
            }
            if (closeFailure instanceof CancelledError && !(failure instanceof CancelledError)) {
                closeFailure.addSuppressed(failure);
                throw closeFailure;
            }
            failure.addSuppressed(closeFailure);
        }
    }
}
