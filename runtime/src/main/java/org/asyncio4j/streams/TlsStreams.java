package org.asyncio4j.streams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * Opens TLS streams: connects (client side) and runs the handshake on a {@link TlsTransport}, then hands out the same
 * {@link StreamReader} and {@link StreamWriter} as a plain connection, over that transport.
 *
 * <p>Not thread-safe; used only on the loop's thread.
 */
final class TlsStreams {
    private TlsStreams() {
    }

    /**
     * Connects to {@code host}:{@code port} and runs a client handshake that checks the server's certificate
     * against {@code serverHostname} (also sent as SNI when it is a name). The future fails with the connect error
     * or an {@link javax.net.ssl.SSLHandshakeException}, leaving no socket open; cancelling it closes the socket.
     */
    static Future<Streams> connect(EventLoop loop, String host, int port, SSLContext context, String serverHostname) {
        Objects.requireNonNull(context, "sslContext");
        Objects.requireNonNull(serverHostname, "serverHostname");
        Future<Streams> failed = loop.createFuture();
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
        } catch (IOException e) {
            failed.setException(e);
            return failed;
        }
        // The stage the connection is in (connect, then handshake): what cancelling the result cancels.
        Object[] stage = new Object[1];
        try {
            ch.configureBlocking(false);
            stage[0] = loop.sockConnect(ch, new InetSocketAddress(host, port));
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, e);
            failed.setException(e);
            return failed;
        }
        Future<Streams> result = new Future<>(loop) {
            @Override
            public boolean cancel(String message) {
                if (!done()) {
                    ((Future<?>) stage[0]).cancel(message);
                    closeQuietly(ch, null);
                }
                return super.cancel(message);
            }
        };
        ((Future<?>) stage[0]).addDoneCallback(c -> {
            if (result.done() || c.cancelled()) {
                return;
            }
            if (c.exception() != null) {
                closeQuietly(ch, c.exception());
                result.setException(c.exception());
                return;
            }
            TlsTransport transport;
            try {
                transport = new TlsTransport(loop, ch, clientEngine(context, serverHostname, port));
            } catch (RuntimeException e) {
                closeQuietly(ch, e);
                result.setException(e);
                return;
            }
            Future<Void> handshake = transport.handshake();
            stage[0] = handshake;
            handshake.addDoneCallback(h -> finish(result, transport, h));
        });
        return result;
    }

    private static SSLEngine clientEngine(SSLContext context, String serverHostname, int port) {
        SSLEngine engine = context.createSSLEngine(serverHostname, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");     // check the name, as asyncio's check_hostname
        engine.setSSLParameters(params);
        return engine;
    }

    /**
     * Starts the server side of a handshake on an accepted socket; the future fails as {@link #connect}'s does.
     * {@code transport[0]} receives the transport, for the caller's timeout.
     */
    static Future<Void> accept(EventLoop loop, SocketChannel ch, SSLContext context, TlsTransport[] transport) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        transport[0] = new TlsTransport(loop, ch, engine);
        return transport[0].handshake();
    }

    private static void finish(Future<Streams> result, TlsTransport transport, Future<Void> handshake) {
        if (result.done()) {
            transport.close(true, e -> { });   // cancelled meanwhile: the socket is already closed
            return;
        }
        if (handshake.cancelled()) {
            return;
        }
        if (handshake.exception() != null) {
            result.setException(handshake.exception());
        } else {
            result.setResult(Streams.over(result.getLoop(), transport));
        }
    }

    private static void closeQuietly(SocketChannel ch, Throwable primary) {
        try {
            ch.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
