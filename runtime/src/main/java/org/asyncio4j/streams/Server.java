package org.asyncio4j.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;

/**
 * A TCP server started by {@link Asyncio#startServer} (asyncio's {@code Server}): it accepts connections on its
 * loop's thread and runs the {@link ClientHandler}'s coroutine for each as a task of its own.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <pre>
 *   serving ──close()──▶ closed (no more accepts) ──every connection's task done──▶ waitClosed() completes
 * </pre>
 * A handler that fails is reported to the loop's exception handler ("Unhandled exception in client handler"),
 * its connection is closed, and the server keeps serving.
 *
 * <p>A TLS server (started with an {@link SSLContext}) runs each connection's handshake before its handler; a
 * handshake that fails, or does not complete within {@value #TLS_HANDSHAKE_TIMEOUT} seconds (asyncio's default),
 * closes that connection and is reported to the loop's exception handler ("TLS handshake failed"), and the server
 * keeps serving. {@link #waitClosed()} also waits for handshakes in progress.
 */
public final class Server implements AsyncCloseable {
    /**
     * The listen backlog. Larger than asyncio's 100: a burst of connections beyond the backlog makes clients
     * retransmit their SYN, about a second later on Linux.
     */
    static final int BACKLOG = 1024;
    /** Seconds a client has to complete the TLS handshake: asyncio's {@code ssl_handshake_timeout} default. */
    static final double TLS_HANDSHAKE_TIMEOUT = 60.0;

    private final EventLoop loop;
    /** The listening socket, or {@code null} for a hand-off server, which only serves connections given to it. */
    private final ServerSocketChannel channel;
    private final ClientHandler handler;
    private final SSLContext ssl;
    /** The TLS handshake timeout; tests shorten it. */
    double tlsHandshakeTimeout = TLS_HANDSHAKE_TIMEOUT;
    private int handshaking;
    private final int port;
    private final Set<Task<Void>> connections = new LinkedHashSet<>();
    private boolean closed;
    private final Future<Void> allClosed;
    private Future<Void> servingForever;

    private Server(EventLoop loop, ServerSocketChannel channel, ClientHandler handler, SSLContext ssl, int port) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.ssl = ssl;
        this.port = port;
        this.allClosed = loop.createFuture();
    }

    static Server start(EventLoop loop, ClientHandler handler, String host, int port) throws IOException {
        return start(loop, handler, host, port, null);
    }

    /** Starts a server; with {@code ssl} non-null, a TLS one. */
    static Server start(EventLoop loop, ClientHandler handler, String host, int port, SSLContext ssl)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.bind(new InetSocketAddress(host, port), BACKLOG);
            return adopt(loop, handler, ch, ssl);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Starts serving on {@code ch}, a socket the caller bound (asyncio's {@code create_server(sock=...)}); the server
     * owns it from now on. The caller closes it if this throws.
     */
    static Server adopt(EventLoop loop, ClientHandler handler, ServerSocketChannel ch, SSLContext ssl)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        ch.configureBlocking(false);
        Server s = new Server(loop, ch, handler, ssl, ((InetSocketAddress) ch.getLocalAddress()).getPort());
        loop.addReader(ch, s::onAcceptable);
        return s;
    }

    /** A server with no listening socket of its own: it serves what {@link #serveAccepted} hands it. */
    static Server handOff(EventLoop loop, ClientHandler handler, int port) {
        return new Server(loop, null, Objects.requireNonNull(handler, "handler"), null, port);
    }

    /** {@return the port the server listens on (the one the OS chose, if it was started on port 0)} */
    public int port() {
        return port;
    }

    /** {@return whether the server accepts connections} */
    public boolean isServing() {
        return !closed;
    }

    /**
     * Stops accepting and closes the listening socket; connections already accepted go on. Cancels a pending
     * {@link #serveForever()}. Closing a closed server does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                loop.removeReader(channel);
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (servingForever != null) {
                servingForever.cancel();
            }
            checkAllClosed();
        }
    }

    /**
     * Completes once the server is closed and every connection's handler task is done.
     *
     * @return a future that completes once the server and all its connections are done
     */
    public Future<Void> waitClosed() {
        return allClosed;
    }

    /**
     * {@link #close()}, then {@link #waitClosed()}: asyncio's {@code async with server:}, awaited at the end of
     * {@code try (Server server = ...) { ... }} in an {@code @Async} body.
     *
     * @return a future that completes once the server and all its connections are done
     */
    @Override
    public Future<Void> closeAsync() {
        close();
        return waitClosed();
    }

    /**
     * Serves until the returned future is cancelled (by cancelling the task that awaits it) or {@link #close()} is
     * called; both close the server and end the await with a {@link CancelledError}, as in asyncio.
     *
     * @throws IllegalStateException if the server is closed or already serving forever
     * @return a future that completes only when the server is closed
     */
    public Future<Void> serveForever() {
        if (closed) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        servingForever = new Future<>(loop) {
            @Override
            public boolean cancel(String message) {
                boolean r = super.cancel(message);
                close();
                return r;
            }
        };
        return servingForever;
    }

    private void onAcceptable() {
        for (int i = 0; i < 64 && !closed; i++) {           // bounded, so one busy listener cannot hog the pass
            SocketChannel ch;
            try {
                ch = channel.accept();
                if (ch == null) {
                    return;
                }
                ch.configureBlocking(false);
            } catch (IOException e) {
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("message", "Error accepting a connection on " + this);
                context.put("exception", e);
                loop.callExceptionHandler(context);
                return;
            }
            if (ssl == null) {
                startConnection(Streams.over(loop, new PlainTransport(loop, ch)));
            } else {
                startHandshake(ch);
            }
        }
    }

    /**
     * Serves {@code ch}, a connection accepted elsewhere (asyncio's {@code loop.connect_accepted_socket}), as one of
     * this server's own: its handler runs as a task on this server's loop, failures are reported and close it as
     * for an accepted connection, and {@link #waitClosed()} waits for it. This is how a
     * {@code org.asyncio4j.group.GroupServer} without {@code SO_REUSEPORT} hands a connection accepted on one loop
     * to another. A closed server closes {@code ch} at once instead, and returns {@code null}.
     *
     * <p>Loop thread only: hand the call over with {@link EventLoop#callSoonThreadsafe} from another thread.
     *
     * @param ch a connected socket; put in non-blocking mode here
     * @return the task serving the connection, or {@code null} if the server is closed or the handler refused
     *     the connection (the failure is then reported to the loop's exception handler)
     */
    public Task<Void> serveAccepted(SocketChannel ch) {
        Objects.requireNonNull(ch, "ch");
        if (closed) {
            closeAfterFailure(ch, new IOException("server closed"));
            return null;
        }
        try {
            ch.configureBlocking(false);
        } catch (IOException e) {
            closeAfterFailure(ch, e);
            report("Error serving an accepted connection", e, null);
            return null;
        }
        return startConnection(Streams.over(loop, new PlainTransport(loop, ch)));
    }

    private void startHandshake(SocketChannel ch) {
        TlsTransport[] transport = new TlsTransport[1];
        Future<Void> handshake;
        try {
            handshake = TlsStreams.accept(loop, ch, ssl, transport);
        } catch (RuntimeException e) {       // the context cannot make an engine (not initialised, for example)
            closeAfterFailure(ch, e);
            report("TLS handshake failed", e, null);
            return;
        }
        handshaking++;
        TimerHandle timer = loop.callLater(tlsHandshakeTimeout, () -> transport[0].failHandshake(
                new SSLHandshakeException("the TLS handshake did not complete within " + tlsHandshakeTimeout
                        + " seconds")));
        handshake.addDoneCallback(h -> {
            timer.cancel();
            handshaking--;
            if (h.exception() != null) {
                report("TLS handshake failed", h.exception(), null);
            } else {
                startConnection(Streams.over(loop, transport[0]));
            }
            checkAllClosed();
        });
    }

    private static void closeAfterFailure(SocketChannel ch, Throwable primary) {
        try {
            ch.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    private Task<Void> startConnection(Streams streams) {
        Coroutine<Void> coro;
        try {
            coro = Objects.requireNonNull(handler.handle(streams.reader(), streams.writer()),
                    "the client handler returned null");
        } catch (RuntimeException e) {
            report("Unhandled exception in client handler", e, null);
            streams.writer().close();
            return null;
        }
        Task<Void> task = loop.createTask(coro);
        connections.add(task);
        task.addDoneCallback(t -> {
            connections.remove(t);
            if (t.cancelled()) {
                streams.writer().close();
            } else if (t.exception() != null) {
                report("Unhandled exception in client handler", t.exception(), task);
                streams.writer().close();
            }
            checkAllClosed();
        });
        return task;
    }

    private void report(String message, Throwable e, Task<?> task) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", message);
        context.put("exception", e);
        if (task != null) {
            context.put("task", task);
        }
        context.put("server", this);
        loop.callExceptionHandler(context);
    }

    private void checkAllClosed() {
        if (closed && connections.isEmpty() && handshaking == 0 && !allClosed.done()) {
            allClosed.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "Server[port=" + port + (closed ? " closed" : "") + " connections=" + connections.size() + "]";
    }
}
