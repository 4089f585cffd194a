package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Test;

/** TLS streams: Asyncio.openConnection / startServer with an SSLContext, over a self-signed test certificate. */
class TlsTest extends NetTestBase {
    static {
        // Makes the certificate (a keytool child process) before any test counts its file descriptors.
        TestCertificates.SERVER.getProtocol();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private Server startTlsServer(ClientHandler handler) {
        return runUntilComplete(Script.coro(() -> awaitThen(
                Asyncio.startServer(handler, HOST, 0, TestCertificates.SERVER), r -> done(r.get()))));
    }

    private Streams connect(int port, SSLContext context) {
        return runUntilComplete(Script.coro(() -> awaitThen(Asyncio.openConnection(HOST, port, context),
                r -> done(r.get()))));
    }

    private void closeServer(Server server) {
        server.close();
        runUntilComplete(server.waitClosed());
    }

    private void close(Streams s) {
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
    }

    /** Echoes whatever arrives, in reads of up to 64 KiB, until the end of the stream; then closes. */
    private static Script.Next echo(StreamReader r, StreamWriter w) {
        return awaitThen(r.read(64 * 1024), o -> {
            byte[] data = o.get();
            if (data.length == 0) {
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            }
            w.write(data);
            return awaitThen(w.drain(), d -> {
                d.get();
                return echo(r, w);
            });
        });
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    @Test
    void roundTripOfSeveralMessagesAndOneMegabyteThroughDrain() {
        Server server = startTlsServer((r, w) -> Script.coro(() -> echo(r, w)));
        Streams s = connect(server.port(), TestCertificates.TRUSTING_CLIENT);
        for (int i = 0; i < 3; i++) {
            byte[] msg = ascii("message " + i + "\n");
            s.writer().write(msg);
            assertEquals("message " + i + "\n", str(runUntilComplete(s.reader().readExactly(msg.length))));
        }
        byte[] big = pattern(1024 * 1024);
        int chunk = 64 * 1024;
        long[] maxBuffered = {0};
        Task<Void> sender = loop.createTask(Script.coro(() -> send(s.writer(), big, 0, chunk, maxBuffered)));
        Task<byte[]> receiver = loop.createTask(Script.coro(() -> awaitThen(s.reader().readExactly(big.length),
                o -> done(o.get()))));
        runUntilComplete(Asyncio.gather(sender, receiver));
        assertArrayEquals(big, receiver.result());
        assertTrue(maxBuffered[0] <= StreamWriter.DEFAULT_HIGH + chunk,
                "buffered " + maxBuffered[0] + " bytes, more than the high-water mark plus one write");
        close(s);
        closeServer(server);
    }

    private static Script.Next send(StreamWriter w, byte[] data, int from, int chunk, long[] maxBuffered) {
        if (from >= data.length) {
            return done(null);
        }
        int n = Math.min(chunk, data.length - from);
        w.write(ByteBuffer.wrap(data, from, n));
        maxBuffered[0] = Math.max(maxBuffered[0], w.writeBufferSize());
        return awaitThen(w.drain(), d -> {
            d.get();
            return send(w, data, from + n, chunk, maxBuffered);
        });
    }

    @Test
    void drainPausesTheWriterAgainstASlowTlsReader() {
        final int total = 4 * 1024 * 1024;
        long[] received = {0};
        boolean[] intact = {true};
        Server server = startTlsServer((r, w) -> Script.coro(() -> slowRead(r, w, received, intact)));
        Streams s = connect(server.port(), TestCertificates.TRUSTING_CLIENT);
        byte[] chunk = pattern(64 * 1024);
        long[] maxBuffered = {0};
        boolean[] paused = {false};
        Task<Void> writer = loop.createTask(Script.coro(() -> sendChunks(s.writer(), chunk, total / chunk.length,
                maxBuffered, paused)));
        runUntilComplete(writer);
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
        assertEquals(total, received[0]);
        assertTrue(intact[0], "the bytes arrived in order");
        assertTrue(paused[0], "the slow reader made the writer pause at least once");
        assertTrue(maxBuffered[0] <= StreamWriter.DEFAULT_HIGH + chunk.length, "buffered " + maxBuffered[0]);
    }

    private static Script.Next sendChunks(StreamWriter w, byte[] chunk, int left, long[] max, boolean[] paused) {
        if (left == 0) {
            return done(null);
        }
        w.write(chunk);
        max[0] = Math.max(max[0], w.writeBufferSize());
        if (w.writeBufferSize() > StreamWriter.DEFAULT_HIGH) {
            paused[0] = true;
        }
        return awaitThen(w.drain(), d -> {
            d.get();
            return sendChunks(w, chunk, left - 1, max, paused);
        });
    }

    /** Reads 1 KiB at a time, checking the pattern of {@link #pattern} repeated per 64 KiB, until EOF. */
    private static Script.Next slowRead(StreamReader r, StreamWriter w, long[] received, boolean[] intact) {
        return awaitThen(r.read(1024), o -> {
            byte[] b = o.get();
            if (b.length == 0) {
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            }
            for (byte value : b) {
                if (value != (byte) ((received[0]++ % (64 * 1024)) % 251)) {
                    intact[0] = false;
                }
            }
            return slowRead(r, w, received, intact);
        });
    }

    @Test
    void anUntrustedCertificateFailsTheAwaitingTaskAndTheServerKeepsServing() {
        Server server = startTlsServer((r, w) -> Script.coro(() -> echo(r, w)));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> connect(server.port(), TestCertificates.DEFAULT_CLIENT));
        assertTrue(String.valueOf(e.getMessage()).contains("PKIX path building failed"), e.getMessage());

        Streams good = connect(server.port(), TestCertificates.TRUSTING_CLIENT);
        good.writer().write(ascii("still serving\n"));
        assertEquals("still serving\n", str(runUntilComplete(good.reader().readLine())));
        close(good);
        closeServer(server);        // waits for every handshake, the failed one too

        List<Map<String, Object>> errors = takeHandledErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("TLS handshake failed", errors.get(0).get("message"));
        assertInstanceOf(SSLHandshakeException.class, errors.get(0).get("exception"));
        assertEquals(server, errors.get(0).get("server"));
    }

    @Test
    void theCertificateIsCheckedAgainstTheServerHostname() {
        Server server = startTlsServer((r, w) -> Script.coro(() -> echo(r, w)));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> runUntilComplete(Script.coro(
                () -> awaitThen(Asyncio.openConnection(HOST, server.port(), TestCertificates.TRUSTING_CLIENT,
                        "example.org"), r -> done(r.get())))));
        assertTrue(String.valueOf(e.getMessage()).contains("example.org"), e.getMessage());

        Streams byName = runUntilComplete(Script.coro(() -> awaitThen(Asyncio.openConnection(HOST, server.port(),
                TestCertificates.TRUSTING_CLIENT, "localhost"), r -> done(r.get()))));
        byName.writer().write(ascii("by name\n"));
        assertEquals("by name\n", str(runUntilComplete(byName.reader().readLine())));
        close(byName);
        closeServer(server);
        assertEquals(1, takeHandledErrors().size(), "the server saw the rejected handshake fail");
    }

    @Test
    void theServerClosesAndTheClientReadsACleanEnd() {
        Server server = startTlsServer((r, w) -> Script.coro(() -> {
            w.write(ascii("bye\n"));
            w.close();
            return awaitThen(w.waitClosed(), x -> done(null));
        }));
        Streams s = connect(server.port(), TestCertificates.TRUSTING_CLIENT);
        assertEquals("bye\n", str(runUntilComplete(s.reader().readLine())));
        assertEquals(0, runUntilComplete(s.reader().read(-1)).length, "close_notify is a clean end of stream");
        assertTrue(s.reader().atEof());
        close(s);
        closeServer(server);
    }

    @Test
    void theClientClosesAndTheServerReadsACleanEnd() {
        Future<List<String>> seen = loop.createFuture();
        Server server = startTlsServer((r, w) -> Script.coro(() -> awaitThen(r.readLine(), a -> {
            List<String> got = new ArrayList<>();
            got.add(str(a.get()));
            return awaitThen(r.read(-1), b -> {
                got.add("rest=" + str(b.get()) + " eof=" + r.atEof());
                seen.setResult(got);
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            });
        })));
        Streams s = connect(server.port(), TestCertificates.TRUSTING_CLIENT);
        s.writer().write(ascii("hello\nlast words"));
        close(s);
        assertEquals(List.of("hello\n", "rest=last words eof=true"), runUntilComplete(seen));
        closeServer(server);
    }

    @Test
    void writeEofIsRejectedOnTls() {
        Server server = startTlsServer((r, w) -> Script.coro(() -> echo(r, w)));
        Streams s = connect(server.port(), TestCertificates.TRUSTING_CLIENT);
        assertFalse(s.writer().canWriteEof());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> s.writer().writeEof());
        assertEquals("writeEof() called on a TLS connection, which cannot half-close (canWriteEof() is false, as"
                + " in asyncio): check canWriteEof() first, or close() the writer to end the stream", e.getMessage());
        s.writer().write(ascii("still open\n"));
        assertEquals("still open\n", str(runUntilComplete(s.reader().readLine())));
        close(s);
        closeServer(server);
    }

    @Test
    void aTimeoutDuringTheHandshakeClosesTheSocket() throws Exception {
        ServerSocketChannel silent = listen();      // accepts (in the kernel) but never answers the ClientHello
        Task<Streams> client = loop.createTask(Asyncio.waitFor(Script.coro(() -> awaitThen(
                Asyncio.openConnection(HOST, silent.socket().getLocalPort(), TestCertificates.TRUSTING_CLIENT),
                r -> done(r.get()))), 0.05));
        assertThrows(TimeoutError.class, () -> runUntilComplete(client));
        runOnePass();
        assertEquals(0, allKeys(), "no selection key is left");
        // The fd check after the test shows that the client's socket was closed.
    }

    @Test
    void aClientThatNeverHandshakesIsDroppedAfterTheServersTimeout() throws Exception {
        Server server = startTlsServer((r, w) -> Script.coro(() -> echo(r, w)));
        server.tlsHandshakeTimeout = 0.05;
        SocketChannel plain = client();
        runUntilComplete(loop.sockConnect(plain, new java.net.InetSocketAddress(HOST, server.port())));
        assertEquals(-1, runUntilComplete(loop.sockRecv(plain, ByteBuffer.allocate(16))),
                "the server closed the connection");
        closeServer(server);
        List<Map<String, Object>> errors = takeHandledErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("TLS handshake failed", errors.get(0).get("message"));
        assertEquals("the TLS handshake did not complete within 0.05 seconds",
                ((Throwable) errors.get(0).get("exception")).getMessage());
    }

    @Test
    void aPlainServerAnsweringGarbageFailsTheHandshake() throws Exception {
        Server plain = runUntilComplete(Script.coro(() -> awaitThen(Asyncio.startServer((r, w) -> Script.coro(() -> {
            w.write(ascii("HTTP/1.0 400 Bad Request\r\n\r\n"));
            w.close();
            return awaitThen(w.waitClosed(), x -> done(null));
        }), HOST, 0), r -> done(r.get()))));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> connect(plain.port(), TestCertificates.TRUSTING_CLIENT));
        assertTrue(e.getMessage().startsWith("TLS handshake failed: "), e.getMessage());
        closeServer(plain);
    }
}
