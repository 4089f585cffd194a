package org.asyncio4j.benchmarks;

import java.util.Arrays;

/**
 * W6, echo: {@code connections} clients on loopback each send a {@value #MESSAGE_SIZE}-byte message to an echo
 * server and wait for the whole reply before sending the next, until a deadline or a message count.
 *
 * <p>Every system writes both sides its own way, each side on one thread: the server on one event loop (or, for
 * blocking sockets, one virtual thread per connection) and all clients on another (see {@link EchoAsyncio},
 * {@link EchoNetty}, {@link EchoVirtualThreads}). Keeping the clients off the server's thread means that a server
 * is measured as one event loop serving N connections; with two cores, client and server each get about one.
 * Measured: messages per second over the whole measured phase (connections are made before it starts), and the
 * round-trip latency of each message (from just before the write to the last byte of the reply). Every reply is
 * compared with what was sent, so a broken echo fails the run instead of producing a number.
 *
 * <p>Thread-safety: a {@link Recorder} belongs to one thread (the client loop's, or one virtual thread's).
 */
public final class Echo {
    /** Bytes per message. */
    public static final int MESSAGE_SIZE = 64;

    private Echo() {}

    /** A fresh message for connection {@code id}, number {@code seq}: the two in front, a fixed pattern after. */
    static byte[] message(int id, long seq) {
        byte[] m = new byte[MESSAGE_SIZE];
        for (int i = 0; i < 4; i++) {
            m[i] = (byte) (id >>> (8 * i));
        }
        for (int i = 0; i < 8; i++) {
            m[4 + i] = (byte) (seq >>> (8 * i));
        }
        for (int i = 12; i < MESSAGE_SIZE; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    /** Throws if {@code reply} is not {@code sent}. */
    static void check(byte[] sent, byte[] reply) {
        if (!Arrays.equals(sent, reply)) {
            throw new IllegalStateException("echo mismatch: sent " + Arrays.toString(sent) + ", got "
                    + Arrays.toString(reply));
        }
    }

    /** Round-trip times in nanoseconds, one per message. Owned by one thread. */
    static final class Recorder {
        private long[] samples = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == samples.length) {
                samples = Arrays.copyOf(samples, size * 2);
            }
            samples[size++] = nanos;
        }

        void addAll(Recorder other) {
            for (int i = 0; i < other.size; i++) {
                add(other.samples[i]);
            }
        }

        int size() {
            return size;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(samples, size);
            Arrays.sort(s);
            return s;
        }
    }

    /** The outcome of one run: how many messages made the round trip in how long, and their latencies. */
    public static final class Result {
        public final long messages;
        public final long nanos;
        private final long[] sortedLatencies;

        Result(long messages, long nanos, Recorder recorder) {
            this.messages = messages;
            this.nanos = nanos;
            this.sortedLatencies = recorder.sorted();
            if (sortedLatencies.length != messages) {
                throw new IllegalStateException(messages + " messages but " + sortedLatencies.length + " latencies");
            }
        }

        public double messagesPerSecond() {
            return messages * 1e9 / nanos;
        }

        /** The {@code p}-th percentile (0 < p ≤ 100) of the round-trip time, in microseconds (nearest rank). */
        public double percentileMicros(double p) {
            if (sortedLatencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * sortedLatencies.length);
            return sortedLatencies[Math.max(0, Math.min(sortedLatencies.length - 1, rank - 1))] / 1e3;
        }
    }
}
