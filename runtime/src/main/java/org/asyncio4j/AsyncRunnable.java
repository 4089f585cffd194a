package org.asyncio4j;

/**
 * The body of an async lambda that returns nothing, as written in an {@link Async @Async} method:
 * {@code Asyncio.async(() -> { await(sleep(1)); log("done"); })} is a {@code Coroutine<Void>} (see
 * {@link Asyncio#async(AsyncRunnable)}). The processor turns the lambda's body into a state machine; this interface
 * only lets the template compile.
 *
 * <p>Thread-safety: that of the lambda.
 */
@FunctionalInterface
public interface AsyncRunnable {
    /**
     * The lambda's body (never called once the template is transformed).
     *
     * @throws Exception what the body may throw, checked or not
     */
    void run() throws Exception;
}
