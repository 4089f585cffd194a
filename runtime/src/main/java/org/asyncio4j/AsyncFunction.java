package org.asyncio4j;

/**
 * The body of a one-parameter async lambda with a result, as written in an {@link Async @Async} method:
 * {@code Asyncio.async(url -> await(fetch(url)).length())} is a {@code Function<String, Coroutine<Integer>>} (see
 * {@link Asyncio#async(AsyncFunction)}). The processor turns the lambda's body into a state machine; this interface
 * only lets the template compile.
 *
 * <p>It extends {@link AsyncConsumer} for javac's overload resolution alone: a lambda with an implicitly typed
 * parameter and an expression body ({@code u -> await(fetch(u))}) fits both shapes, and Java then prefers the
 * subtype (JLS 15.12.2.5), so such a lambda is a function of its expression's value, as {@code () -> expr} is a
 * {@code Callable}. A block body fits one shape only: with {@code return value;} this one, without
 * {@link AsyncConsumer}.
 *
 * <p>Thread-safety: that of the lambda.
 *
 * @param <P> the parameter's type
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncFunction<P, T> extends AsyncConsumer<P> {
    /**
     * The lambda's body (never called once the template is transformed).
     *
     * @param parameter the lambda's parameter
     * @return the coroutine's result
     * @throws Exception what the body may throw, checked or not
     */
    T apply(P parameter) throws Exception;

    /**
     * Calls {@link #apply} and drops its result (never called once the template is transformed).
     *
     * @param parameter the lambda's parameter
     * @throws Exception what the body may throw, checked or not
     */
    @Override
    default void accept(P parameter) throws Exception {
        apply(parameter);
    }
}
