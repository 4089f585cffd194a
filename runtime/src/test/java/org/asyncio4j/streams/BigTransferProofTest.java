package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.junit.jupiter.api.Test;

/**
 * Proof: 100 MB go through {@link StreamWriter#drain()} to a server on the same loop with bounded memory. The
 * sender writes 64 KiB at a time (one buffer, refilled, never 100 MB at once) and awaits {@code drain()} after each
 * write; its write buffer never holds more than the high-water mark plus one write, and the receiver, reading with
 * {@code read(n)}, never holds more than one read's worth. The receiver's CRC-32 and byte count must match the
 * sender's: nothing lost, duplicated or reordered.
 */
class BigTransferProofTest extends NetTestBase {
    private static final long TOTAL = 100L * 1024 * 1024;
    private static final int WRITE = 64 * 1024;
    /** The receiver takes a quarter of a write per read, so it falls behind and drain() has to wait. */
    private static final int READ = 16 * 1024;

    private long maxWriteBuffer;
    private long received;
    private final CRC32 receivedCrc = new CRC32();

    @Test
    void hundredMegabytesThroughDrain_withTheWriteBufferBounded() {
        Server server = runUntilComplete(coro(() -> awaitThen(Asyncio.startServer(this::sink, HOST, 0),
                r -> done(r.get()))));
        Streams client = runUntilComplete(coro(() -> awaitThen(Asyncio.openConnection(HOST, server.port()),
                r -> done(r.get()))));
        CRC32 sentCrc = new CRC32();
        byte[] chunk = new byte[WRITE];
        String reply = runUntilComplete(coro(() -> send(client, chunk, 0, sentCrc)));

        assertEquals(TOTAL + " " + sentCrc.getValue() + "\n", reply);
        assertEquals(TOTAL, received);
        assertEquals(sentCrc.getValue(), receivedCrc.getValue());
        assertTrue(maxWriteBuffer <= StreamWriter.DEFAULT_HIGH + WRITE,
                "the write buffer held " + maxWriteBuffer + " bytes");
        assertTrue(maxWriteBuffer > StreamWriter.DEFAULT_HIGH, "the peer never fell behind: drain() was not tested");
        client.writer().close();
        runUntilComplete(client.writer().waitClosed());
        server.close();
        runUntilComplete(server.waitClosed());
    }

    /** Writes chunk after chunk, each with different bytes, awaiting drain(); then half-closes and reads the reply. */
    private Script.Next send(Streams s, byte[] chunk, long sent, CRC32 crc) {
        if (sent == TOTAL) {
            s.writer().writeEof();
            return awaitThen(s.reader().readLine(), r -> done(new String(r.<byte[]>get(), StandardCharsets.US_ASCII)));
        }
        fill(chunk, sent);
        crc.update(chunk);
        s.writer().write(chunk);
        maxWriteBuffer = Math.max(maxWriteBuffer, s.writer().writeBufferSize());
        return awaitThen(s.writer().drain(), d -> {
            d.get();
            return send(s, chunk, sent + chunk.length, crc);
        });
    }

    private static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            long o = offset + i;
            chunk[i] = (byte) (o ^ (o >>> 11) ^ (o >>> 23));
        }
    }

    /** Reads to the end, counting and checksumming, then replies with the count and the CRC. */
    private Coroutine<Void> sink(StreamReader r, StreamWriter w) {
        return coro(() -> readAll(r, w));
    }

    private Script.Next readAll(StreamReader r, StreamWriter w) {
        return awaitThen(r.read(READ), o -> {
            byte[] b = o.get();
            if (b.length == 0) {
                w.write((received + " " + receivedCrc.getValue() + "\n").getBytes(StandardCharsets.US_ASCII));
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            }
            received += b.length;
            receivedCrc.update(b);
            return readAll(r, w);
        });
    }
}
