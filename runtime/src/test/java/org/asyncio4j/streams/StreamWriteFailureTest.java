package org.asyncio4j.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.asyncio4j.Future;
import org.asyncio4j.LoopTestBase;
import org.junit.jupiter.api.Test;

/**
 * A connection failure that a write finds is the reader's failure too, as in asyncio (the transport's
 * {@code connection_lost(exc)} sets the exception on the reader): a read the buffered bytes cannot satisfy fails
 * with the write's error instead of completing as a clean end of stream.
 *
 * <p>Found by the interop suite (issue #15): a client whose sending task wrote into a connection the peer had reset
 * saw its reading task end "cleanly", short of the data, because the failed write closed the connection and the
 * reader was fed an end of stream. On the real socket the write also takes the error away from the socket
 * (Linux's send() returns and clears ECONNRESET), so later reads of the socket return end of stream too: the
 * writer's error is the only record of the reset.
 *
 * <p>The transport here is scripted: nothing arrives to read except what the test puts there, and every write fails
 * with a reset.
 */
class StreamWriteFailureTest extends LoopTestBase {
    private static final int MAX_PASSES = 1_000;

    @Test
    void aWriteThatFindsAResetFailsTheWaitingReadWithTheSameError() {
        ResetOnWriteTransport transport = new ResetOnWriteTransport(new byte[0]);
        StreamReader reader = new StreamReader(loop, transport, StreamReader.DEFAULT_LIMIT);
        StreamWriter writer = new StreamWriter(loop, transport, reader);
        Future<byte[]> line = reader.readLine();
        runOnePass();

        writer.write("ping\n".getBytes(StandardCharsets.US_ASCII));

        IOException readError = failure(line);
        assertSame(transport.reset, readError, "the waiting readLine() fails with the write's error");
        assertSame(transport.reset, failure(writer.drain()), "and drain() with the same");
        assertSame(transport.reset, failure(reader.read(-1)), "a read to the end does not pass for a clean end");
    }

    @Test
    void bytesBufferedBeforeTheFailedWriteAreStillReadThenTheErrorFollows() {
        ResetOnWriteTransport transport = new ResetOnWriteTransport("one\ntw".getBytes(StandardCharsets.US_ASCII));
        StreamReader reader = new StreamReader(loop, transport, StreamReader.DEFAULT_LIMIT);
        StreamWriter writer = new StreamWriter(loop, transport, reader);
        assertArrayEquals("one\n".getBytes(StandardCharsets.US_ASCII), result(reader.readLine()));
        runOnePass();                           // the reader reads ahead: "tw" is buffered

        writer.write("ping\n".getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals("tw".getBytes(StandardCharsets.US_ASCII), result(reader.read(10)),
                "what arrived before the reset is still there");
        assertSame(transport.reset, failure(reader.readLine()), "then the reads fail with the write's error");
    }

    private <T> T result(Future<T> f) {
        for (int pass = 0; !f.done(); pass++) {
            assertTrue(pass < MAX_PASSES, "the read never completed");
            runOnePass();
        }
        return f.result();
    }

    private IOException failure(Future<?> f) {
        for (int pass = 0; !f.done(); pass++) {
            assertTrue(pass < MAX_PASSES, "the future never completed: " + f);
            runOnePass();
        }
        Throwable e = f.exception();
        assertTrue(e instanceof IOException, "failed with an IOException: " + (e == null ? f.result() : e));
        return (IOException) e;
    }

    /** Reads hand over {@code arrived} once, then nothing (the peer sent no more); every write fails with a reset. */
    private final class ResetOnWriteTransport implements Transport {
        final IOException reset = new IOException("Connection reset by peer");
        private final byte[] arrived;
        private int taken;
        private Runnable readCallback;

        ResetOnWriteTransport(byte[] arrived) {
            this.arrived = arrived;
        }

        @Override
        public SocketChannel channel() {
            return null;
        }

        @Override
        public int read(ByteBuffer dst) {
            int n = Math.min(dst.remaining(), arrived.length - taken);
            dst.put(arrived, taken, n);
            taken += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw reset;
        }

        @Override
        public void wantRead(Runnable callback) {
            readCallback = callback;
            if (taken < arrived.length) {
                loop.callSoon(() -> {
                    if (readCallback != null) {
                        readCallback.run();
                    }
                });
            }
        }

        @Override
        public void stopRead() {
            readCallback = null;
        }

        @Override
        public void wantWrite(Runnable callback) {
        }

        @Override
        public void stopWrite() {
        }

        @Override
        public boolean canWriteEof() {
            return true;
        }

        @Override
        public void writeEof() {
        }

        @Override
        public void close(boolean abort, Consumer<IOException> done) {
            done.accept(null);
        }
    }
}
