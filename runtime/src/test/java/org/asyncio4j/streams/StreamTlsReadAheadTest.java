package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.asyncio4j.Asyncio;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.junit.jupiter.api.Test;

/**
 * A {@link StreamReader} over TLS reads ahead and pauses as over plain TCP: the transport's decrypted bytes stop
 * flowing into a reader whose program does not read once its buffer passes twice the limit, and flow again, losing
 * nothing, when the program reads.
 */
class StreamTlsReadAheadTest extends NetTestBase {
    static {
        TestCertificates.SERVER.getProtocol();      // the certificate's keytool process, before any fd is counted
    }

    private static final int TOTAL = 1024 * 1024;
    private static final int MAX_PASSES = 5000;

    private static byte[] pattern() {
        byte[] b = new byte[TOTAL];
        for (int i = 0; i < TOTAL; i++) {
            b[i] = (byte) (i % 251 ^ i >>> 12);
        }
        return b;
    }

    @Test
    void aTlsReaderThatIsNotReadingPausesPastTwiceTheLimitAndLosesNothing() {
        byte[] sent = pattern();
        Server server = runUntilComplete(Script.coro(() -> awaitThen(Asyncio.startServer((r, w) -> Script.coro(() -> {
            w.write(sent);
            return awaitThen(w.drain(), d -> {
                w.close();
                return awaitThen(w.waitClosed(), x -> done(null));
            });
        }), HOST, 0, TestCertificates.SERVER), r -> done(r.get()))));
        Streams s = runUntilComplete(Script.coro(() -> awaitThen(Asyncio.openConnection(HOST, server.port(),
                TestCertificates.TRUSTING_CLIENT), r -> done(r.get()))));
        StreamReader reader = s.reader();
        int limit = reader.limit();

        byte[] first = runUntilComplete(reader.read(1));
        for (int i = 0; i < MAX_PASSES && reader.buffered() <= 2 * limit; i++) {
            runOnePass();
        }
        int held = reader.buffered();
        assertTrue(held > 2 * limit && held <= 2 * limit + StreamReader.CHUNK, "held " + held + ": " + reader);
        for (int i = 0; i < 20; i++) {
            runOnePass();
        }
        assertEquals(held, reader.buffered(), "a paused reader takes nothing more from the TLS transport");

        byte[] rest = runUntilComplete(reader.readExactly(TOTAL - 1));
        byte[] got = Arrays.copyOf(first, TOTAL);
        System.arraycopy(rest, 0, got, 1, rest.length);
        assertArrayEquals(sent, got, "nothing lost, duplicated or reordered across the pause");
        assertEquals(0, runUntilComplete(reader.read(-1)).length, "then the server's close_notify ends the stream");
        s.writer().close();
        runUntilComplete(s.writer().waitClosed());
        server.close();
        runUntilComplete(server.waitClosed());
    }
}
