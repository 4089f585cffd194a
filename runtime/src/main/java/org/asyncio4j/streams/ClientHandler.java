package org.asyncio4j.streams;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;

/**
 * Serves one connection of a {@link Server} (asyncio's {@code client_connected_cb}): {@link Asyncio#startServer}
 * runs the coroutine it returns as a task of its own for each accepted connection. Typically an {@code @Async}
 * method, passed as a method reference to its generated twin ({@code EchoServerAsync::handle}).
 *
 * <p>Called on the server's loop thread, once per connection; the streams it receives are not thread-safe.
 *
 * <p>If the coroutine fails, the failure goes to the loop's exception handler, the connection is closed and the
 * server keeps serving. When it returns normally the connection is left as the handler left it (asyncio's rule):
 * a handler should close its writer.
 */
@FunctionalInterface
public interface ClientHandler {
    /**
     * Makes the coroutine that serves one connection; the server runs it as a task of its own.
     *
     * @param reader the connection's incoming bytes
     * @param writer the connection's outgoing bytes
     * @return the coroutine that serves the connection
     */
    Coroutine<Void> handle(StreamReader reader, StreamWriter writer);
}
