package org.asyncio4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

    /**
     * CPU time spent during a measured phase: the whole process's ({@code com.sun.management.OperatingSystemMXBean})
     * and the server threads' (threads named {@code echo-server*}, by {@link java.lang.management.ThreadMXBean});
     * the difference is the load generator's (the clients) plus the JVM's own threads.
     */
    static final class CpuMeter {
        static final String SERVER_PREFIX = "echo-server";
        private final long processStart = processCpu();
        private final Map<Long, Long> serverStart = serverThreads();

        /** CPU nanoseconds since this meter was made: {processNanos, serverNanos} (-1 when unknown). */
        long[] stop() {
            long process = processCpu();
            Map<Long, Long> now = serverThreads();
            long server = 0;
            for (Map.Entry<Long, Long> e : now.entrySet()) {
                server += e.getValue() - serverStart.getOrDefault(e.getKey(), 0L);
            }
            return new long[] {process < 0 ? -1 : process - processStart, now.isEmpty() ? -1 : server};
        }

        private static long processCpu() {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean
                    ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
        }

        @SuppressWarnings("deprecation")        // Thread.getId: threadId() is JDK 19+
        private static Map<Long, Long> serverThreads() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new HashMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(SERVER_PREFIX)) {
                    long ns = mx.getThreadCpuTime(t.getId());
                    if (ns >= 0) {
                        cpu.put(t.getId(), ns);
                    }
                }
            }
            return cpu;
        }
    }

    /** The outcome of one run: how many messages made the round trip in how long, and their latencies. */
    public static final class Result {
        public final long messages;
        public final long nanos;
        /** CPU nanoseconds of the measured phase: the process's and the server threads' (-1: unknown). */
        public final long processCpuNanos;
        public final long serverCpuNanos;
        private final long[] sortedLatencies;

        Result(long messages, long nanos, Recorder recorder) {
            this(messages, nanos, recorder, new long[] {-1, -1});
        }

        Result(long messages, long nanos, Recorder recorder, long[] cpu) {
            this.messages = messages;
            this.nanos = nanos;
            this.processCpuNanos = cpu[0];
            this.serverCpuNanos = cpu[1];
            this.sortedLatencies = recorder.sorted();
            if (sortedLatencies.length != messages) {
                throw new IllegalStateException(messages + " messages but " + sortedLatencies.length + " latencies");
            }
        }

        /** CPU seconds per million messages of {@code cpuNanos}, or NaN if unknown. */
        public double cpuSecondsPerMillion(long cpuNanos) {
            return cpuNanos < 0 || messages == 0 ? Double.NaN : cpuNanos / 1e9 / (messages / 1e6);
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
