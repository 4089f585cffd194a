package org.asyncio4j.internal;

import java.util.concurrent.Callable;
import java.util.function.Function;
import org.asyncio4j.AsyncFunction;
import org.asyncio4j.Coroutine;
import org.asyncio4j.streams.ClientHandler;

/**
 * What generated code writes for an async lambda ({@code Asyncio.async(...)} in an {@code @Async} body). Not API.
 *
 * <p>Thread-safety: stateless.
 *
 * <p>The lambda's body is a state machine of its own, beside the enclosing method's; its frame is created where
 * the lambda was, with the receiver and the captured locals:
 * <pre>{@code
 * createTask(async(() -> { await(sleep(n)); return 5; }))
 *     ===>   createTask(AsyncLambdas.typed(new Lambda1<>(n), () -> { await(sleep(n)); return 5; }))
 * map(async(u -> await(fetch(u)) + n))
 *     ===>   map(AsyncLambdas.function(u -> new Lambda3<>(n, u), u -> await(fetch(u)) + n))
 * run(async(tg -> { tg.createTask(a()); }))
 *     ===>   run(AsyncLambdas.consumer(tg -> new Lambda4(tg)))
 * startServer(async((r, w) -> { ... }), host, port)
 *     ===>   startServer(AsyncLambdas.handler((r, w) -> new Lambda2(self, r, w)), host, port)
 * }</pre>
 * The second argument of {@link #typed} is the user's lambda, copied and never called: javac infers the result type
 * from it exactly as it did for the template, and the diamond of the frame follows.
 */
@InternalApi
public final class AsyncLambdas {
    private AsyncLambdas() {}

    /**
     * An async lambda with a result: its frame, typed like the lambda as written.
     *
     * @param <T> the lambda's result type
     * @param frame the lambda's state machine, not started
     * @param typeOnly the lambda as written; never called
     * @return {@code frame}
     */
    public static <T> Coroutine<T> typed(AsyncStateMachine<T> frame, Callable<T> typeOnly) {
        return frame;
    }

    /**
     * An async lambda that serves connections: one new frame per connection.
     *
     * @param handler creates the lambda's frame for a connection
     * @return {@code handler}
     */
    public static ClientHandler handler(ClientHandler handler) {
        return handler;
    }

    /**
     * A one-parameter async lambda with a result: a new frame for each argument, typed like the lambda as written.
     *
     * @param <P> the parameter's type
     * @param <T> the lambda's result type
     * @param frames creates the lambda's frame, not started, for an argument
     * @param typeOnly the lambda as written; never called
     * @return {@code frames}, as the function the template's {@code async(...)} returned
     */
    @SuppressWarnings("unchecked") // a Function only hands out what it makes: a frame is a Coroutine<T>
    public static <P, T> Function<P, Coroutine<T>> function(Function<P, AsyncStateMachine<T>> frames,
            AsyncFunction<P, T> typeOnly) {
        return (Function<P, Coroutine<T>>) (Function<P, ?>) frames;
    }

    /**
     * A one-parameter async lambda that returns nothing: a new frame for each argument.
     *
     * @param <P> the parameter's type
     * @param frames creates the lambda's frame, not started, for an argument
     * @return {@code frames}, as the function the template's {@code async(...)} returned
     */
    @SuppressWarnings("unchecked") // as for function
    public static <P> Function<P, Coroutine<Void>> consumer(Function<P, AsyncStateMachine<Void>> frames) {
        return (Function<P, Coroutine<Void>>) (Function<P, ?>) frames;
    }
}
