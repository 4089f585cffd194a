package org.asyncio4j.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.junit.jupiter.api.Test;

/**
 * A {@link StreamReader} finds every separator and returns every byte, however the bytes are split across the
 * transport's reads and however its buffer is moved while a read waits.
 *
 * <p>The transport here is scripted: it hands the reader at most what the reader has room for, from the bytes that
 * have "arrived", the way a TLS transport hands over a decrypted record in small steps. The first test is issue
 * #15's reproduction (a TLS echo server hung after five of eight lines, for one payload in five): the sixth line
 * began before a move of the reader's buffer and ended after it, and the waiting {@code readLine()} searched on from
 * an index that the move had made stale.
 */
class StreamReaderSplitsTest extends LoopTestBase {
    /** Line lengths including the '\n', from issue #15: 10,299 bytes that arrive as one TLS record. */
    private static final int[] ISSUE_15_LINES = {1244, 2956, 1963, 371, 83, 2252, 1187, 243};
    private static final int MAX_PASSES = 10_000;

    @Test
    void everyLineOfOneRecordIsFoundWhileTheBufferMovesUnderAWaitingReadLine() {
        byte[] data = lines(ISSUE_15_LINES);
        ScriptedTransport transport = new ScriptedTransport(loop, data);
        StreamReader reader = new StreamReader(loop, transport, StreamReader.DEFAULT_LIMIT);
        transport.arrive(data.length);

        for (int length : ISSUE_15_LINES) {
            byte[] line = complete(reader.readLine());
            assertEquals(length, line.length, "line of " + length + " bytes");
            assertEquals('\n', line[line.length - 1]);
        }
        transport.end();
        assertEquals(0, complete(reader.readLine()).length, "then the end of the stream");
    }

    /**
     * The class of input behind the bug: random lines and multi-byte separators, arriving in random pieces, read by a
     * random mix of reads; every byte comes back in order and every separator is found where it is.
     */
    @Test
    void randomSplitsAndReadsReturnEveryByteInOrder() {
        for (long seed = 1; seed <= 300; seed++) {
            checkRandomSplits(seed);
        }
    }

    private void checkRandomSplits(long seed) {
        Random rnd = new Random(seed);
        byte[] sep = rnd.nextBoolean() ? new byte[] {'\n'} : new byte[] {'\r', '\n', '.'}; // '.' never in the filler
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int records = 1 + rnd.nextInt(12);
        for (int i = 0; i < records; i++) {
            int length = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 6_000);
            for (int j = 0; j < length; j++) {
                out.write('a' + (j + i) % 26);
            }
            out.write(sep, 0, sep.length);
        }
        byte[] data = out.toByteArray();
        ScriptedTransport transport = new ScriptedTransport(loop, data);
        StreamReader reader = new StreamReader(loop, transport, StreamReader.DEFAULT_LIMIT);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int arrived = 0;
        String context = "seed " + seed + " (" + data.length + " bytes, separator " + Arrays.toString(sep) + ")";
        while (got.size() < data.length) {
            Future<byte[]> read;
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                read = reader.readExactly(Math.min(1 + rnd.nextInt(3_000), data.length - got.size()));
            } else if (kind == 1) {
                read = reader.read(1 + rnd.nextInt(5_000));
            } else {
                read = reader.readUntil(sep);
            }
            for (int pass = 0; !read.done(); pass++) {
                assertTrue(pass < MAX_PASSES, context + ": a read never completed: " + reader);
                if (arrived < data.length && rnd.nextInt(3) == 0) {
                    arrived = Math.min(data.length, arrived + 1 + rnd.nextInt(rnd.nextBoolean() ? 64 : 20_000));
                    transport.arrive(arrived);
                }
                runOnePass();
            }
            byte[] piece = read.result();
            if (kind >= 2) {
                int at = indexOf(data, sep, got.size());
                assertEquals(at + sep.length - got.size(), piece.length, context + ": readUntil stops at the first"
                        + " separator");
            }
            got.write(piece, 0, piece.length);
        }
        assertArrayEquals(data, got.toByteArray(), context);
    }

    private static int indexOf(byte[] data, byte[] sep, int from) {
        outer:
        for (int i = from; i + sep.length <= data.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (data[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] lines(int[] lengths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int length : lengths) {
            for (int i = 0; i < length - 1; i++) {
                out.write('x');
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private <T> T complete(Future<T> f) {
        for (int pass = 0; !f.done(); pass++) {
            assertTrue(pass < MAX_PASSES, "the read never completed");
            runOnePass();
        }
        return f.result();
    }

    /**
     * A transport whose bytes arrive when the test says (a read pipe fed by the test); a read takes what the reader
     * has room for of what has arrived. Like the TLS transport, it calls the read callback from the loop whenever a
     * read can make progress.
     */
    private static final class ScriptedTransport extends PipeTransport {
        private final byte[] data;
        private int arrived;
        private int taken;
        private boolean ended;
        private Runnable readCallback;
        private boolean kickScheduled;

        ScriptedTransport(EventLoop loop, byte[] data) {
            super(loop, "scripted");
            this.data = data;
        }

        void arrive(int total) {
            arrived = total;
            kick();
        }

        void end() {
            ended = true;
            kick();
        }

        @Override
        public int read(ByteBuffer dst) {
            int n = Math.min(dst.remaining(), arrived - taken);
            if (n == 0) {
                return ended && taken == data.length ? -1 : 0;
            }
            dst.put(data, taken, n);
            taken += n;
            kick();
            return n;
        }

        @Override
        public void wantRead(Runnable callback) {
            readCallback = callback;
            kick();
        }

        @Override
        public void stopRead() {
            readCallback = null;
        }

        /** No pump here: the transport is closed at once. */
        @Override
        void beginClose() {
            closedByPump();
        }

        @Override
        IOException closeError() {
            return null;
        }

        private void kick() {
            if (!kickScheduled && readCallback != null && (taken < arrived || ended)) {
                kickScheduled = true;
                loop.callSoon(() -> {
                    kickScheduled = false;
                    if (readCallback != null) {
                        readCallback.run();
                    }
                });
            }
        }
    }
}
