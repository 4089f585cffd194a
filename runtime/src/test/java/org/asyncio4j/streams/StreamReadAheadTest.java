package org.asyncio4j.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a {@link StreamReader} reads ahead of the program: it keeps its socket's read interest from one read to the
 * next, buffers what arrives while no read waits, pauses past twice its limit and resumes at the limit, and stops
 * for good at the end of the stream or a failure, and until the next read when a read is cancelled. The peer is a
 * raw socket driven by the test; the reader is on the client end, with a small limit.
 */
class StreamReadAheadTest extends NetTestBase {
    private static final int LIMIT = 1024;
    /** More passes than any reading here needs; reaching it means the reader never got where the test waits. */
    private static final int MAX_PASSES = 1000;

    private SocketChannel channel;
    private SocketChannel peer;
    private StreamReader reader;

    @BeforeEach
    void connect() throws IOException {
        ServerSocketChannel listener = listen();
        channel = client();
        runUntilComplete(loop.sockConnect(channel, listener.getLocalAddress()));
        peer = track(runUntilComplete(loop.sockAccept(listener)));
        reader = new StreamReader(loop, channel, LIMIT);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private void peerSends(byte[] data) {
        runUntilComplete(loop.sockSendall(peer, ByteBuffer.wrap(data)));
    }

    /** Whether the reader's socket has read interest in the loop's selector. */
    private boolean readInterest() {
        SelectionKey key = channel.keyFor(loop.selectorForTesting());
        return key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_READ) != 0;
    }

    /** Runs passes (each polls the selector without waiting) until {@code condition} holds. */
    private void runPassesUntil(String what, BooleanSupplier condition) {
        for (int i = 0; i < MAX_PASSES && !condition.getAsBoolean(); i++) {
            runOnePass();
        }
        assertTrue(condition.getAsBoolean(), what + " after " + MAX_PASSES + " passes: " + reader);
    }

    @Test
    void consecutiveReadsKeepTheSameKeyAndReadInterest() {
        peerSends(ascii("one"));
        assertEquals("one", str(runUntilComplete(reader.read(100))));
        SelectionKey key = channel.keyFor(loop.selectorForTesting());
        runOnePass();
        runOnePass();
        assertTrue(readInterest(), "no read waits, and the reader still reads ahead");
        peerSends(ascii("two"));
        assertEquals("two", str(runUntilComplete(reader.read(100))));
        assertSame(key, channel.keyFor(loop.selectorForTesting()), "the key was never cancelled and made again");
        assertTrue(key.isValid());
    }

    @Test
    void whatArrivesWhileNoReadWaitsIsBufferedAndTheEndStopsTheReading() throws IOException {
        peerSends(ascii("one"));
        assertEquals("one", str(runUntilComplete(reader.read(100))));
        peerSends(ascii("two"));
        peer.shutdownOutput();
        runPassesUntil("the end of the stream stopped the reading", () -> !readInterest());
        assertEquals(3, reader.buffered(), "the bytes that came before the end were read ahead");
        assertFalse(reader.atEof(), "the end is not reached before the buffered bytes are read");
        assertEquals("two", str(runUntilComplete(reader.read(-1))));
        assertTrue(reader.atEof());
        assertEquals(0, runUntilComplete(reader.read(100)).length);
        assertFalse(readInterest(), "a read at the end does not start reading again");
    }

    @Test
    void aReaderThatIsNotReadingPausesPastTwiceTheLimitAndResumesAtTheLimit() {
        byte[] sent = new byte[16 * LIMIT];         // fits in loopback's socket buffers: the peer sends it all at once
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31 + (i >>> 8));
        }
        peerSends(sent);
        byte[] first = runUntilComplete(reader.read(1));
        runPassesUntil("the reader paused", () -> !readInterest());
        int held = reader.buffered();
        assertTrue(held > 2 * LIMIT && held <= 2 * LIMIT + StreamReader.CHUNK, "held " + held);
        runOnePass();
        runOnePass();
        assertEquals(held, reader.buffered(), "a paused reader reads nothing more");

        byte[] second = runUntilComplete(reader.read(held - LIMIT - 1));
        assertEquals(held - LIMIT - 1, second.length, "served from the buffer, which is still above the limit");
        assertFalse(readInterest(), "still paused: the buffer holds more than the limit");
        byte[] third = runUntilComplete(reader.read(1));
        runPassesUntil("resumed once the buffer was back at the limit", () -> reader.buffered() > LIMIT);
        byte[] rest = runUntilComplete(reader.readExactly(sent.length - 2 - second.length));
        byte[] got = concat(first, second, third, rest);
        assertArrayEquals(sent, got, "nothing lost, duplicated or reordered across the pause");
    }

    @Test
    void aResetThatArrivesWhileNoReadWaitsFailsTheNextRead() throws IOException {
        peerSends(ascii("one"));
        assertEquals("one", str(runUntilComplete(reader.read(100))));
        peer.setOption(StandardSocketOptions.SO_LINGER, 0);
        peer.close();                               // sends RST instead of FIN
        runPassesUntil("the reset stopped the reading", () -> !readInterest());
        IOException e = assertThrows(IOException.class, () -> runUntilComplete(reader.read(100)));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        IOException again = assertThrows(IOException.class, () -> runUntilComplete(reader.readExactly(1)));
        assertSame(e, again, "the reader keeps the connection's error");
        assertFalse(readInterest());
    }

    @Test
    void aCancelledReadStopsTheReadingUntilTheNextRead() {
        Future<byte[]> waiting = reader.read(10);
        assertTrue(readInterest(), "a waiting read reads the socket");
        waiting.cancel();
        assertFalse(readInterest(), "the cancelled read dropped the interest at once");
        peerSends(ascii("abc"));
        runOnePass();
        runOnePass();
        assertEquals(0, reader.buffered(), "nothing is read ahead while the program does not read");
        assertEquals("abc", str(runUntilComplete(reader.read(10))));
        assertTrue(readInterest(), "the next read started the reading again");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = Arrays.copyOf(parts[0], n);
        int at = parts[0].length;
        for (int i = 1; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, at, parts[i].length);
            at += parts[i].length;
        }
        return all;
    }
}
