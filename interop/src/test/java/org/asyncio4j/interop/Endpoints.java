package org.asyncio4j.interop;

import static org.asyncio4j.Asyncio.await;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.streams.ClientHandler;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;
import org.asyncio4j.streams.Server;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;

/**
 * The servers and clients under test, written as a user writes them: {@code @Async} methods on asyncio4j's streams,
 * the way README and the EchoServer sample show. The peers they meet are in {@link Peer}.
 */
final class Endpoints {
    /** Longer than a peer's own deadline ({@link Peer#DEADLINE}): passing it means a hang. */
    private static final double TIMEOUT_SECONDS = 40;

    private Endpoints() {
    }

    /** Runs {@code coroutine} on a new loop, failing with a {@code TimeoutError} if it hangs. */
    static <T> T run(Coroutine<T> coroutine) {
        return Asyncio.run(Asyncio.waitFor(coroutine, TIMEOUT_SECONDS));
    }

    /** The EchoServer sample's handler: sends every line back until the end of the stream, then closes. */
    @Async
    static void echoLines(StreamReader reader, StreamWriter writer) {
        byte[] line = await(reader.readLine());
        while (line.length > 0) {
            writer.write(line);
            await(writer.drain());
            line = await(reader.readLine());
        }
        writer.close();
        await(writer.waitClosed());
    }

    /**
     * Echoes lines until {@code total} bytes went back, then closes first (a TLS server then sends its close_notify):
     * for peers such as {@code openssl s_client}, which wait for the server to end the connection.
     */
    @Async
    static void echoThenClose(StreamReader reader, StreamWriter writer, int total) {
        int echoed = 0;
        while (echoed < total) {
            byte[] line = await(reader.readLine());
            if (line.length == 0) {
                break;
            }
            writer.write(line);
            await(writer.drain());
            echoed += line.length;
        }
        writer.close();
        await(writer.waitClosed());
    }

    /**
     * Sends {@code greeting}, half-closes (writeEof), then reads to the end of the stream into {@code got}, and
     * closes: a server that has said all it will say and still takes everything the peer sends.
     */
    @Async
    static void greetHalfCloseThenRead(StreamReader reader, StreamWriter writer, byte[] greeting,
            AtomicReference<byte[]> got) {
        writer.write(greeting);
        writer.writeEof();
        got.set(await(reader.read(-1)));
        writer.close();
        await(writer.waitClosed());
    }

    /**
     * Starts a server ({@code tls} null for plain TCP), calls {@code startPeer} with its port, serves one connection
     * with {@code handler} to its end, and closes the server. A handler's failure is this coroutine's failure.
     */
    @Async
    static void serveOne(SSLContext tls, ClientHandler handler, IntConsumer startPeer) {
        Future<Void> handled = Asyncio.getRunningLoop().createFuture();
        ClientHandler signalling = (r, w) -> EndpointsAsync.handleAndSignal(handler, r, w, handled);
        Server server = await(startServer(tls, signalling));
        try {
            startPeer.accept(server.port());
            await(handled);
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    /** A server on {@link Certificates#HOST} and a port the OS chooses: TLS with {@code tls}, plain TCP if null. */
    static Future<Server> startServer(SSLContext tls, ClientHandler handler) {
        return tls == null ? Asyncio.startServer(handler, Certificates.HOST, 0)
                : Asyncio.startServer(handler, Certificates.HOST, 0, tls);
    }

    @Async
    static void handleAndSignal(ClientHandler handler, StreamReader reader, StreamWriter writer,
            Future<Void> handled) {
        try {
            await(handler.handle(reader, writer));
            handled.setResult(null);
        } catch (Throwable e) {     // also the IOExceptions that reads and writes fail with, unchecked in Java
            handled.setException(e);
        }
    }

    /**
     * Starts a server ({@code tls} null for plain TCP), starts the peer that {@code startPeer} makes with its port,
     * waits until that peer exits (without blocking the loop), closes the server and waits for its connections'
     * handlers to end: for peers whose connection never reaches a handler (a failed handshake), and for peers that
     * make many connections. Returns the peer's exit status.
     */
    @Async
    static int serveUntilPeerExits(SSLContext tls, ClientHandler handler, IntFunction<Peer> startPeer) {
        Server server = await(startServer(tls, handler));
        try {
            Peer peer = startPeer.apply(server.port());
            return await(peer.onExit());
        } finally {
            server.close();
            await(server.waitClosed());
        }
    }

    /**
     * Connects over plain TCP, writes {@code data}, half-closes (writeEof), reads to the end of the stream, closes,
     * and returns what came: for peers that still send after our end of stream.
     */
    @Async
    static byte[] sendHalfCloseAndReadToEnd(int port, byte[] data) {
        Streams streams = await(Asyncio.openConnection(Certificates.HOST, port));
        streams.writer().write(data);
        streams.writer().writeEof();
        byte[] got = await(streams.reader().read(-1));
        streams.writer().close();
        await(streams.writer().waitClosed());
        return got;
    }

    /**
     * Connects with TLS (checking the certificate against {@code serverName}), writes {@code data}, reads until
     * {@code expected} bytes came back or the stream ends, then closes (close_notify first); returns what came back.
     */
    @Async
    static byte[] sendAndReceive(int port, SSLContext tls, String serverName, byte[] data, int expected) {
        var streams = tls == null
                ? await(Asyncio.openConnection(Certificates.HOST, port))
                : await(Asyncio.openConnection(Certificates.HOST, port, tls, serverName));
        StreamWriter writer = streams.writer();
        writer.write(data);
        await(writer.drain());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < expected) {
            byte[] chunk = await(streams.reader().read(64 * 1024));
            if (chunk.length == 0) {
                break;
            }
            got.write(chunk, 0, chunk.length);
        }
        writer.close();
        await(writer.waitClosed());
        return got.toByteArray();
    }
}
