package org.asyncio4j.internal;

import java.util.concurrent.Callable;
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
}
