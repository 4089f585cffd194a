package org.asyncio4j.streams;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;

/**
 * The body of an async lambda that serves a connection, as written in an {@link Async @Async} method:
 * {@code Asyncio.async((reader, writer) -> { ... await(writer.drain()); ... })} is a {@link ClientHandler} (see
 * {@link Asyncio#async(AsyncHandler)}), each of whose coroutines runs the body. The processor turns the lambda's body
 * into a state machine; this interface only lets the template compile.
 *
 * <p>Thread-safety: that of the lambda.
 */
@FunctionalInterface
public interface AsyncHandler {
    /**
     * The lambda's body (never called once the template is transformed).
     *
     * @param reader the connection's incoming bytes
     * @param writer the connection's outgoing bytes
     * @throws Exception what the body may throw, checked or not
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
