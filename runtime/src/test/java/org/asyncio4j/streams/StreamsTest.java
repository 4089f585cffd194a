package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;

/** Asyncio.openConnection / startServer and the StreamReader and StreamWriter they hand out, on loopback. */
class StreamsTest extends NetTestBase {

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

    /** A handler that writes {@code payload} and closes. */
    private static ClientHandler sending(byte[] payload) {
        return (r, w) -> Script.coro(() -> {
            w.write(payload);
            w.close();
            return awaitThen(w.waitClosed(), x -> done(null));
        });
    }

    /** Echoes lines until the client's EOF, then closes. */
    static Script.Next echoLines(StreamReader r, StreamWriter w) {
        return awaitThen(r.readLine(), o -> {
            byte[] line = o.get();
            if (line.length == 0) {
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            }
            w.write(line);
            return awaitThen(w.drain(), d -> {
                d.get();
                return echoLines(r, w);
            });
        });
    }

    @Test
    void readLineReadUntilReadExactlyAndReadAll() {
        Server server = startServer(sending(ascii("hello\nworld\r\nabcdefXYZ")));
        Streams s = connect(server.port());
        StreamReader r = s.reader();
        assertEquals("hello\n", str(runUntilComplete(r.readLine())));
        assertEquals("world\r\n", str(runUntilComplete(r.readUntil(ascii("\r\n")))));
        assertEquals("abc", str(runUntilComplete(r.readExactly(3))));
        assertEquals("defXYZ", str(runUntilComplete(r.read(-1))));
        assertTrue(r.atEof());
        assertEquals("", str(runUntilComplete(r.readLine())), "readLine at EOF returns an empty line");
        assertEquals(0, runUntilComplete(r.read(10)).length);
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
    }

    @Test
    void readExactlyPastEofFailsWithThePartialBytes() {
        Server server = startServer(sending(ascii("abc")));
        Streams s = connect(server.port());
        IncompleteReadError e = assertThrows(IncompleteReadError.class,
                () -> runUntilComplete(s.reader().readExactly(5)));
        assertEquals("abc", str(e.partial()));
        assertEquals(5, e.expected());
        assertTrue(s.reader().atEof());
        s.writer().close();
        closeServer(server);
    }

    @Test
    void readUntilPastEofFailsWithWhatWasLeft() {
        Server server = startServer(sending(ascii("no separator")));
        Streams s = connect(server.port());
        IncompleteReadError e = assertThrows(IncompleteReadError.class,
                () -> runUntilComplete(s.reader().readUntil(ascii("--"))));
        assertEquals("no separator", str(e.partial()));
        assertEquals(-1, e.expected());
        s.writer().close();
        closeServer(server);
    }

    @Test
    void aLineLongerThanTheLimitOverruns() {
        byte[] big = new byte[StreamReader.DEFAULT_LIMIT + 10_000];
        java.util.Arrays.fill(big, (byte) 'x');
        Server server = startServer(sending(big));
        Streams s = connect(server.port());
        LimitOverrunError e = assertThrows(LimitOverrunError.class, () -> runUntilComplete(s.reader().readLine()));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertTrue(e.consumed() > StreamReader.DEFAULT_LIMIT);
        assertEquals(big.length, runUntilComplete(s.reader().read(-1)).length, "the data stayed buffered");
        s.writer().close();
        closeServer(server);
    }

    @Test
    void halfCloseLetsThePeerReadToEofAndStillAnswer() {
        Server server = startServer((r, w) -> Script.coro(() -> awaitThen(r.read(-1), o -> {
            byte[] all = o.get();
            w.write(ascii("got " + str(all)));
            w.close();
            return awaitThen(w.waitClosed(), x -> done(null));
        })));
        Streams s = connect(server.port());
        s.writer().write(ascii("ping"));
        s.writer().writeEof();
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> s.writer().write(ascii("late")));
        assertEquals("write() called after writeEof(): the stream is half-closed for writing; write everything"
                + " before calling writeEof()", late.getMessage());
        assertEquals("got ping", str(runUntilComplete(s.reader().read(-1))));
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
    }

    @Test
    void twoReadsAtOnceAreRejectedAndCancellingTheWaitingOneLeaksNoKey() {
        Future<Void> release = loop.createFuture();
        Server server = startServer((r, w) -> Script.coro(() -> awaitThen(release, x -> {
            w.close();
            return done(null);
        })));
        Streams s = connect(server.port());
        Future<byte[]> first = s.reader().read(10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.reader().readLine());
        assertEquals("readLine() called while another task is already waiting for incoming data: a StreamReader"
                + " serves one read at a time; await the pending read before starting another, or read in one task"
                + " and hand the data to the others (through a Queue, for example)", e.getMessage());
        Task<byte[]> waiting = loop.createTask(Script.coro(() -> awaitThen(first, o -> done(o.get()))));
        runOnePass();
        assertFalse(waiting.done());
        int keysWhileWaiting = validKeys();
        waiting.cancel();
        assertThrows(CancelledError.class, () -> runUntilComplete(waiting));
        assertTrue(first.cancelled());
        assertEquals(keysWhileWaiting - 1, validKeys(), "the cancelled read dropped its interest");
        release.setResult(null);
        s.writer().close();
        closeServer(server);
        runOnePass();
        assertEquals(0, allKeys(), "no selection key is left");
    }

    @Test
    void writingAfterCloseFails() {
        Server server = startServer(sending(new byte[0]));
        Streams s = connect(server.port());
        s.writer().close();
        assertTrue(s.writer().isClosing());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.writer().write(ascii("x")));
        assertEquals("write() called after close(): this StreamWriter takes no more data; write everything before"
                + " calling close()", e.getMessage());
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocketChannel closed = ServerSocketChannel.open()) {
            closed.bind(new InetSocketAddress(HOST, 0));
            port = ((InetSocketAddress) closed.getLocalAddress()).getPort();
        }
        assertThrows(ConnectException.class, () -> connect(port));
    }

    @Test
    void aFailingHandlerIsReportedAndTheServerKeepsServing() {
        int[] n = {0};
        Server server = startServer((r, w) -> Script.coro(() -> {
            if (n[0]++ == 0) {
                throw new IllegalStateException("boom");
            }
            return echoLines(r, w);
        }));
        Streams bad = connect(server.port());
        assertEquals(0, runUntilComplete(bad.reader().read(-1)).length, "the failed handler's connection closed");
        bad.writer().close();
        Streams good = connect(server.port());
        good.writer().write(ascii("still here\n"));
        assertEquals("still here\n", str(runUntilComplete(good.reader().readLine())));
        good.writer().close();
        closeServer(server);
        List<Map<String, Object>> errors = takeHandledErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Unhandled exception in client handler", errors.get(0).get("message"));
        assertEquals("boom", ((Throwable) errors.get(0).get("exception")).getMessage());
    }

    @Test
    void twoHundredConcurrentConnectionsLoseAndReorderNothing() {
        Server server = startServer((r, w) -> Script.coro(() -> echoLines(r, w)));
        List<Task<List<String>>> clients = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            int id = c;
            clients.add(loop.createTask(Script.coro(() -> awaitThen(Asyncio.openConnection(HOST, server.port()),
                    o -> {
                        Streams s = o.get();
                        return exchange(s, id, 0, new ArrayList<>());
                    }))));
        }
        runUntilComplete(Asyncio.gather(clients));
        for (int c = 0; c < 200; c++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.add("client " + c + " message " + i + "\n");
            }
            assertEquals(expected, clients.get(c).result());
        }
        closeServer(server);
    }

    private static Script.Next exchange(Streams s, int id, int i, List<String> got) {
        if (i == 5) {
            s.writer().close();
            return awaitThen(s.writer().waitClosed(), x -> done(got));
        }
        s.writer().write(ascii("client " + id + " message " + i + "\n"));
        return awaitThen(s.writer().drain(), d -> {
            d.get();
            return awaitThen(s.reader().readLine(), o -> {
                got.add(str(o.get()));
                return exchange(s, id, i + 1, got);
            });
        });
    }

    @Test
    void drainKeepsTheWriteBufferBoundedAgainstASlowReader() {
        final int total = 20 * 1024 * 1024;
        final int chunk = 64 * 1024;
        long[] received = {0};
        boolean[] intact = {true};
        Server server = startServer((r, w) -> Script.coro(() -> slowRead(r, w, received, intact)));
        Streams s = connect(server.port());
        long[] maxBuffered = {0};
        boolean[] paused = {false};
        Task<Void> writer = loop.createTask(Script.coro(() -> writeAll(s.writer(), 0, total, chunk, maxBuffered, paused)));
        runUntilComplete(writer);
        runUntilComplete(s.writer().waitClosed());
        closeServer(server);
        assertEquals(total, received[0]);
        assertTrue(intact[0], "the bytes arrived in order");
        assertTrue(paused[0], "the slow reader made the writer pause at least once");
        assertTrue(maxBuffered[0] <= StreamWriter.DEFAULT_HIGH + chunk,
                "buffered " + maxBuffered[0] + " bytes, more than the high-water mark plus one write");
    }

    private static Script.Next writeAll(StreamWriter w, long sent, long total, int chunk, long[] max, boolean[] paused) {
        if (sent == total) {
            w.close();
            return done(null);
        }
        byte[] data = new byte[chunk];
        for (int i = 0; i < chunk; i++) {
            data[i] = (byte) ((sent + i) % 251);
        }
        w.write(data);
        max[0] = Math.max(max[0], w.writeBufferSize());
        if (w.writeBufferSize() > StreamWriter.DEFAULT_HIGH) {
            paused[0] = true;
        }
        return awaitThen(w.drain(), d -> {
            d.get();
            return writeAll(w, sent + chunk, total, chunk, max, paused);
        });
    }

    /** Reads 1 KiB at a time (one loop pass each), checking the byte pattern, until EOF. */
    private static Script.Next slowRead(StreamReader r, StreamWriter w, long[] received, boolean[] intact) {
        return awaitThen(r.read(1024), o -> {
            byte[] b = o.get();
            if (b.length == 0) {
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            }
            for (byte value : b) {
                if (value != (byte) (received[0]++ % 251)) {
                    intact[0] = false;
                }
            }
            return slowRead(r, w, received, intact);
        });
    }

    @Test
    void readBytesArriveIntactInSmallWrites() {
        Server server = startServer((r, w) -> Script.coro(() -> echoLines(r, w)));
        Streams s = connect(server.port());
        byte[] expected = ascii("a line written in pieces\n");
        for (byte b : expected) {
            s.writer().write(new byte[] {b});
        }
        assertArrayEquals(expected, runUntilComplete(s.reader().readLine()));
        s.writer().close();
        closeServer(server);
    }
}
