package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Test;

/** How plain streams behave when the peer resets or half-closes, when reads and drains time out or are cancelled. */
class StreamFailuresTest extends NetTestBase {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private Server startServer(ClientHandler handler) {
        return runUntilComplete(Script.coro(() -> awaitThen(Asyncio.startServer(handler, HOST, 0),
                r -> done(r.get()))));
    }

    private Streams connect(int port) {
        return runUntilComplete(Script.coro(() -> awaitThen(Asyncio.openConnection(HOST, port),
                r -> done(r.get()))));
    }

    private void closeServer(Server server) {
        server.close();
        runUntilComplete(server.waitClosed());
    }

    /** Connects to a raw listening socket, accepts, and resets the accepted end (SO_LINGER 0, then close). */
    private Streams connectToAResettingPeer() throws IOException {
        return connectToAResettingPeer(new byte[0]);
    }

    /** As {@link #connectToAResettingPeer()}, the peer sending {@code first} before the reset. */
    private Streams connectToAResettingPeer(byte[] first) throws IOException {
        ServerSocketChannel listener = listen();
        Streams s = connect(listener.socket().getLocalPort());
        SocketChannel accepted = track(runUntilComplete(loop.sockAccept(listener)));
        runUntilComplete(loop.sockSendall(accepted, java.nio.ByteBuffer.wrap(first)));
        accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
        accepted.close();                           // sends RST instead of FIN
        return s;
    }

    @Test
    void aPeerResetFailsAWaitingReadAndEveryLaterOne() throws IOException {
        Streams s = connectToAResettingPeer();
        IOException e = assertThrows(IOException.class, () -> runUntilComplete(s.reader().read(100)));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        IOException again = assertThrows(IOException.class, () -> runUntilComplete(s.reader().readLine()));
        assertSame(e, again, "the reader keeps the connection's error");
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
    }

    @Test
    void aResetAfterSomeDataFailsAReadToTheEndInsteadOfPassingForACleanEnd() throws IOException {
        Streams s = connectToAResettingPeer(ascii("partial"));
        IOException e = assertThrows(IOException.class, () -> runUntilComplete(s.reader().read(-1)));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
    }

    @Test
    void aPeerResetFailsDrainAndClosesTheWriter() throws IOException {
        Streams s = connectToAResettingPeer();
        StreamWriter w = s.writer();
        byte[] chunk = new byte[StreamWriter.DEFAULT_HIGH + 1];     // each write pauses until the socket takes it
        IOException failure = null;
        for (int i = 0; i < 10_000 && failure == null; i++) {      // the first writes may precede the RST
            w.write(chunk);
            failure = runUntilComplete(Script.coro(() -> awaitThen(w.drain(), o -> {
                try {
                    o.get();
                    return done(null);
                } catch (IOException e) {
                    return done(e);
                }
            })));
        }
        assertTrue(failure != null, "drain never failed");
        String m = String.valueOf(failure.getMessage());
        assertTrue(m.contains("reset") || m.contains("Broken pipe"), m);
        assertTrue(w.isClosing(), "a write error closes the writer");
        runUntilComplete(w.waitClosed());
        w.write(ascii("dropped"));                  // after the failure, writes are dropped, as in asyncio...
        IOException again = assertThrows(IOException.class, () -> runUntilComplete(w.drain()));
        assertSame(failure, again, "...and drain() keeps reporting the error");
        IOException read = assertThrows(IOException.class, () -> runUntilComplete(s.reader().readExactly(1)));
        assertSame(failure, read, "the reset found by the write is the reader's failure too, not an end of stream");
    }

    @Test
    void aHalfClosedPeerReadsAsEndOfStreamAndWeCanStillWrite() {
        Future<String> serverGot = loop.createFuture();
        Server server = startServer((r, w) -> Script.coro(() -> {
            w.write(ascii("all from the server"));
            w.writeEof();
            return awaitThen(r.readLine(), o -> {
                serverGot.setResult(str(o.get()));
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            });
        }));
        Streams s = connect(server.port());
        assertEquals("all from the server", str(runUntilComplete(s.reader().read(-1))));
        assertTrue(s.reader().atEof());
        s.writer().write(ascii("the client still writes\n"));
        runUntilComplete(s.writer().drain());
        assertEquals("the client still writes\n", runUntilComplete(serverGot));
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
    }

    @Test
    void aReadCutShortByWaitForOrTimeoutLosesNoBytesAndTheStreamStaysUsable() {
        Future<Void> release = loop.createFuture();
        Server server = startServer((r, w) -> Script.coro(() -> {
            w.write(ascii("par"));
            return awaitThen(release, x -> {
                w.write(ascii("tial\n"));
                w.close();
                return awaitThen(w.waitClosed(), y -> done(null));
            });
        }));
        Streams s = connect(server.port());
        StreamReader r = s.reader();
        assertThrows(TimeoutError.class, () -> runUntilComplete(Asyncio.waitFor(r.readLine(), 0.02)));
        assertThrows(TimeoutError.class, () -> runUntilComplete(Asyncio.timeout(0.02,
                () -> Script.coro(() -> awaitThen(r.readLine(), o -> done(o.get()))))));
        runOnePass();
        assertEquals(1, validKeys(), "only the listening socket is registered: the cut-short reads dropped theirs");
        release.setResult(null);
        assertEquals("partial\n", str(runUntilComplete(r.readLine())), "the bytes read before the timeout stayed");
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
    }

    @Test
    void aDrainCutShortByATimeoutKeepsTheDataAndTheWriterStaysUsable() {
        final int total = 32 * 1024 * 1024;         // more than loopback's socket buffers hold
        Future<Void> release = loop.createFuture();
        long[] received = {0};
        Server server = startServer((r, w) -> Script.coro(() -> awaitThen(release, x -> readAll(r, w, received))));
        Streams s = connect(server.port());
        StreamWriter w = s.writer();
        w.write(new byte[total]);
        assertThrows(TimeoutError.class, () -> runUntilComplete(Asyncio.waitFor(w.drain(), 0.05)));
        assertTrue(w.writeBufferSize() > 0 && !w.isClosing(), w.toString());
        release.setResult(null);
        runUntilComplete(w.drain());
        w.write(ascii("and more"));
        w.close();
        runUntilComplete(w.waitClosed());
        closeServer(server);
        assertEquals(total + "and more".length(), received[0]);
    }

    private static Script.Next readAll(StreamReader r, StreamWriter w, long[] received) {
        return awaitThen(r.read(64 * 1024), o -> {
            byte[] b = o.get();
            if (b.length == 0) {
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            }
            received[0] += b.length;
            return readAll(r, w, received);
        });
    }

    @Test
    void cancellingATaskMidReadKeepsTheBytesAndLeaksNoKeyOrSocket() {
        Future<Void> release = loop.createFuture();
        Server server = startServer((r, w) -> Script.coro(() -> {
            w.write(ascii("abc"));
            return awaitThen(release, x -> {
                w.write(ascii("def"));
                w.close();
                return awaitThen(w.waitClosed(), y -> done(null));
            });
        }));
        Streams s = connect(server.port());
        Task<byte[]> reading = loop.createTask(Script.coro(() -> awaitThen(s.reader().readExactly(6),
                o -> done(o.get()))));
        runOnePass();
        reading.cancel();
        assertThrows(CancelledError.class, () -> runUntilComplete(reading));
        runOnePass();
        assertEquals(1, validKeys(), "only the listening socket is registered: the cancelled read dropped its key");
        release.setResult(null);
        assertEquals("abcdef", str(runUntilComplete(s.reader().readExactly(6))));
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
        runOnePass();
        assertEquals(0, allKeys(), "no selection key is left");
        // The fd check after the test shows that no socket stayed open.
    }
}
