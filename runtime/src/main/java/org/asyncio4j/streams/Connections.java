package org.asyncio4j.streams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * Opens connections, servers and datagram endpoints on a given loop: the bodies behind {@link Asyncio}'s doors
 * ({@link Asyncio#openConnection(String, int)}, {@link Asyncio#startServer(ClientHandler, String, int)},
 * {@link Asyncio#openDatagramEndpoint}), like asyncio's {@code loop.create_connection}, {@code loop.create_server}
 * and {@code loop.create_datagram_endpoint}. Each method behaves exactly as its {@code Asyncio} door, which passes
 * the running loop; see the door for the full contract.
 *
 * <p>Not thread-safe: call from {@code loop}'s thread.
 */
public final class Connections {
    private Connections() {}

    /**
     * As {@link Asyncio#openConnection(String, int)}, on {@code loop}.
     *
     * @param loop the loop that owns the connection
     * @param host the host name or address
     * @param port the port
     * @return a future of the connection's reader and writer
     */
    public static Future<Streams> openConnection(EventLoop loop, String host, int port) {
        SocketChannel ch;
        Future<Void> connect;
        try {
            ch = SocketChannel.open();
        } catch (IOException e) {
            Future<Streams> failed = loop.createFuture();
            failed.setException(e);
            return failed;
        }
        try {
            ch.configureBlocking(false);
            connect = loop.sockConnect(ch, new InetSocketAddress(host, port));
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, e);
            Future<Streams> failed = loop.createFuture();
            failed.setException(e);
            return failed;
        }
        Future<Streams> result = new Future<>(loop) {
            @Override
            public boolean cancel(String message) {
                if (!done()) {
                    connect.cancel(message);
                    closeQuietly(ch, null);
                }
                return super.cancel(message);
            }
        };
        connect.addDoneCallback(c -> {
            if (result.done() || c.cancelled()) {
                return;
            }
            Throwable failure = c.exception();
            if (failure != null) {
                closeQuietly(ch, failure);
                result.setException(failure);
            } else {
                result.setResult(streamsFor(loop, ch));
            }
        });
        return result;
    }


    /**
     * As {@link Asyncio#openConnection(String, int, SSLContext, String)}, on {@code loop}.
     *
     * @param loop the loop that owns the connection
     * @param host the host name or address
     * @param port the port
     * @param sslContext where the TLS engine comes from
     * @param serverHostname the name to check the certificate against and to send as SNI
     * @return a future of the connection's reader and writer
     */
    public static Future<Streams> openConnection(EventLoop loop, String host, int port, SSLContext sslContext,
            String serverHostname) {
        return TlsStreams.connect(loop, host, port, sslContext, serverHostname);
    }

    /**
     * As {@link Asyncio#startServer(ClientHandler, String, int, SSLContext)}, on {@code loop}; with
     * {@code sslContext} {@code null}, a plain TCP server ({@link Asyncio#startServer(ClientHandler, String, int)}).
     *
     * @param loop the loop that runs the server and its connections' tasks
     * @param handler the coroutine to run for each connection
     * @param host the address to listen on
     * @param port the port, or 0 for one the OS chooses
     * @param sslContext the server's key and certificate, or {@code null} for plain TCP
     * @return a future done at once, with the server or the bind error
     */
    public static Future<Server> startServer(EventLoop loop, ClientHandler handler, String host, int port,
            SSLContext sslContext) {
        Future<Server> f = loop.createFuture();
        try {
            f.setResult(Server.start(loop, handler, host, port, sslContext));
        } catch (IOException e) {
            f.setException(e);
        }
        return f;
    }

    /**
     * Serves on a listening socket the caller has already bound, on {@code loop} (asyncio's
     * {@code loop.create_server(sock=...)}): for socket options that {@link Asyncio#startServer} does not set, such
     * as {@code SO_REUSEPORT}. The server owns the socket from now on; if starting fails the socket is closed.
     *
     * @param loop the loop that runs the server and its connections' tasks
     * @param handler the coroutine to run for each connection
     * @param channel a bound server socket (put in non-blocking mode here)
     * @return a future done at once, with the server or the error
     */
    public static Future<Server> startServer(EventLoop loop, ClientHandler handler, ServerSocketChannel channel) {
        Future<Server> f = loop.createFuture();
        try {
            f.setResult(Server.adopt(loop, handler, channel, null));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            f.setException(e);
        }
        return f;
    }

    /**
     * A server on {@code loop} with no listening socket of its own: it serves the connections handed to it with
     * {@link Server#serveAccepted} (asyncio's {@code loop.connect_accepted_socket}, with a server's bookkeeping:
     * {@link Server#close()} and {@link Server#waitClosed()} work as for any server). {@code port} is only what
     * {@link Server#port()} reports: the port of whatever accepts the connections.
     *
     * @param loop the loop that runs the connections' tasks
     * @param handler the coroutine to run for each connection
     * @param port the port reported by {@link Server#port()}
     * @return the server, serving
     */
    public static Server startHandOffServer(EventLoop loop, ClientHandler handler, int port) {
        return Server.handOff(loop, handler, port);
    }

    /**
     * As {@link Asyncio#openDatagramEndpoint}, on {@code loop}.
     *
     * @param loop the loop that owns the endpoint
     * @param localAddress the address to bind, or {@code null} for any address and a port the OS chooses
     * @param remoteAddress the address to connect to, or {@code null}
     * @return a future done at once, with the endpoint or the bind or connect error
     */
    public static Future<DatagramEndpoint> openDatagramEndpoint(EventLoop loop, SocketAddress localAddress,
            SocketAddress remoteAddress) {
        Future<DatagramEndpoint> f = loop.createFuture();
        try {
            f.setResult(DatagramEndpoint.open(loop, localAddress, remoteAddress));
        } catch (IOException | RuntimeException e) {
            f.setException(e);
        }
        return f;
    }

    /** The reader and writer of a connected, non-blocking socket. */
    static Streams streamsFor(EventLoop loop, SocketChannel ch) {
        StreamReader reader = new StreamReader(loop, ch, StreamReader.DEFAULT_LIMIT);
        return new Streams(reader, new StreamWriter(loop, ch, reader));
    }

    private static void closeQuietly(Channel ch, Throwable primary) {
        try {
            ch.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
