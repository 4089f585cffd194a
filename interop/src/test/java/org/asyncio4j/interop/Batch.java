package org.asyncio4j.interop;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One run of the randomized suite: its seed and connection count, every connection's {@link Tally}, and the random
 * streams each connection draws from. Connection {@code i}'s choices depend only on the seed and {@code i}, so a
 * failure reproduces with the same seed and any count above {@code i}.
 *
 * <p>Not thread-safe: used on the event loop's thread, then read by the test after the loop has stopped.
 */
final class Batch {
    /** asyncio4j's StreamReader limit: lines go up to three times past it. */
    static final int LIMIT = 64 * 1024;
    /** The bytes that may fill a line: printable, no '\n' (as the Python peer's). */
    private static final byte[] FILLER = new byte[0x7f - 0x21];

    static {
        for (int i = 0; i < FILLER.length; i++) {
            FILLER[i] = (byte) (0x21 + i);
        }
    }

    final long seed;
    final int count;
    /**
     * Whether the peer only echoes (socat's PIPE), so our client sends no header and every connection is an echo;
     * otherwise the peer speaks stream_peer.py's protocol.
     */
    final boolean echoOnly;
    final TreeMap<Integer, Tally> tallies = new TreeMap<>();
    /** Failures of our server's connections that never sent a header (so belong to no connection index). */
    final List<Throwable> unattributed = new ArrayList<>();
    /** What reached the loop's exception handler: "message: exception" (a TLS handshake that failed, say). */
    final List<String> loopErrors = new ArrayList<>();
    private int next;

    /**
     * How long the whole batch may take: only a hang passes it (the peer gives up on a connection after 20 s without
     * progress, so a stall on either side ends well before it).
     */
    double deadlineSeconds() {
        return 120 + count * 0.5;
    }

    /** The peers' own deadline, after the batch's: the batch's failure, with its stalled connections, comes first. */
    java.time.Duration peerDeadline() {
        return java.time.Duration.ofSeconds((long) deadlineSeconds() + 30);
    }

    Batch(long seed, int count) {
        this(seed, count, false);
    }

    Batch(long seed, int count, boolean echoOnly) {
        this.seed = seed;
        this.count = count;
        this.echoOnly = echoOnly;
    }

    /** Records the start of connection {@code conn}. */
    Tally start(int conn, String scenario) {
        Tally t = new Tally(conn, scenario);
        if (tallies.put(conn, t) != null) {
            throw new IllegalStateException("connection " + conn + " started twice");
        }
        return t;
    }

    /** The next connection index for our client's workers, or -1 once all {@link #count} were started. */
    int nextConnection() {
        return next < count ? next++ : -1;
    }

    /** Connection {@code conn}'s random stream for one purpose ({@code salt}): reads, writes, or the plan. */
    SplittableRandom random(int conn, int salt) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + conn * 0xBF58476D1CE4E5B9L + salt);
    }

    /**
     * Random lines as the Python peer makes them: one to six, of 1 byte to three times {@link #LIMIT} with the '\n',
     * and, if {@code mayCutLastLine}, sometimes a last one without it. Returns the bytes; {@code lengths} receives each line's
     * length (negative for a last line without '\n').
     */
    static byte[] lines(SplittableRandom rng, List<Integer> lengths, boolean mayCutLastLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = 1 + rng.nextInt(6);
        for (int i = 0; i < count; i++) {
            int length = lineLength(rng);
            fill(out, rng, length - 1);
            out.write('\n');
            lengths.add(length);
        }
        if (mayCutLastLine && rng.nextInt(5) == 0) {
            int tail = 1 + rng.nextInt(3000);
            fill(out, rng, tail);
            lengths.add(-tail);
        }
        return out.toByteArray();
    }

    private static int lineLength(SplittableRandom rng) {
        int r = rng.nextInt(100);
        if (r < 35) {
            return 1 + rng.nextInt(80);
        } else if (r < 65) {
            return 81 + rng.nextInt(8000 - 80);
        } else if (r < 90) {
            return 8001 + rng.nextInt(LIMIT + 2 - 8000);         // up to the limit, and a byte or two past it
        }
        return LIMIT + 3 + rng.nextInt(2 * LIMIT);               // past the limit: readLine() overruns
    }

    private static void fill(ByteArrayOutputStream out, SplittableRandom rng, int n) {
        for (int i = 0; i < n; i++) {
            out.write(FILLER[rng.nextInt(FILLER.length)]);
        }
    }

    /** A write chunk's size: a few bytes, a packet's worth, or many segments' worth. */
    static int chunkSize(SplittableRandom rng) {
        int r = rng.nextInt(10);
        return r < 3 ? 1 + rng.nextInt(16) : r < 7 ? 17 + rng.nextInt(1984) : 2001 + rng.nextInt(38000);
    }
}
