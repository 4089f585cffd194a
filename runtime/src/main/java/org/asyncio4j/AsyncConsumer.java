package org.asyncio4j;

/**
 * The body of a one-parameter async lambda that returns nothing, as written in an {@link Async @Async} method:
 * {@code Asyncio.async(tg -> { tg.createTask(a()); tg.createTask(b()); })} is a
 * {@code Function<TaskGroup, Coroutine<Void>>} (see {@link Asyncio#async(AsyncConsumer)}). The processor turns the
 * lambda's body into a state machine; this interface only lets the template compile.
 *
 * <p>Thread-safety: that of the lambda.
 *
 * @param <P> the parameter's type
 */
@FunctionalInterface
public interface AsyncConsumer<P> {
    /**
     * The lambda's body (never called once the template is transformed).
     *
     * @param parameter the lambda's parameter
     * @throws Exception what the body may throw, checked or not
     */
    void accept(P parameter) throws Exception;
}
