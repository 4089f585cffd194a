package org.asyncio4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs W6 ({@link Echo}) outside JMH, which has no notion of per-message latency percentiles, and prints Markdown
 * table rows. {@code run.sh} starts one JVM per system so that systems do not share a heap or JIT profile.
 *
 * <pre>
 *   java -cp benchmarks.jar org.asyncio4j.benchmarks.EchoBenchmark SYSTEM WARMUP_S MEASURE_S REPEATS [CONNECTIONS...]
 * </pre>
 * SYSTEM is {@code asyncio4j}, {@code netty} or {@code virtualThreads} (skipped before JDK 21). For each connection
 * count (default 1, 100, 1000): one warm-up phase, then REPEATS measured phases, each with a fresh server and fresh
 * connections; the row shows the phase with the median throughput (its p50 and p99) and the min–max throughput.
 */
public final class EchoBenchmark {
    private EchoBenchmark() {}

    /** Runs one phase of {@code system}. */
    public static Echo.Result phase(String system, int connections, long maxPerConnection, double seconds)
            throws Exception {
        switch (system) {
            case "asyncio4j":
                return EchoAsyncio.run(connections, maxPerConnection, seconds);
            case "netty":
                return EchoNetty.run(connections, maxPerConnection, seconds);
            case "virtualThreads":
                return EchoVirtualThreads.run(connections, maxPerConnection, seconds);
            default:
                throw new IllegalArgumentException("unknown system " + system + " (asyncio4j, netty, virtualThreads)");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: EchoBenchmark SYSTEM WARMUP_S MEASURE_S REPEATS [CONNECTIONS...]");
            System.exit(2);
        }
        String system = args[0];
        double warmup = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int repeats = Integer.parseInt(args[3]);
        List<Integer> counts = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty()) {
            counts.addAll(List.of(1, 100, 1000));
        }
        for (int connections : counts) {
            if (system.equals("virtualThreads") && !VirtualThreads.AVAILABLE) {
                System.out.printf("| EchoBenchmark.%s | connections=%d | skipped: needs JDK 21+ | | | | |%n",
                        system, connections);
                continue;
            }
            phase(system, connections, Long.MAX_VALUE, warmup);
            Echo.Result[] results = new Echo.Result[repeats];
            for (int r = 0; r < repeats; r++) {
                results[r] = phase(system, connections, Long.MAX_VALUE, seconds);
            }
            Arrays.sort(results, Comparator.comparingDouble(Echo.Result::messagesPerSecond));
            Echo.Result median = results[repeats / 2];
            System.out.println(String.format(Locale.ROOT, "| EchoBenchmark.%s | connections=%d | %,.0f | %,.0f – %,.0f | %.1f | %.1f | %,d |",
                    system, connections, median.messagesPerSecond(), results[0].messagesPerSecond(),
                    results[repeats - 1].messagesPerSecond(), median.percentileMicros(50),
                    median.percentileMicros(99), median.messages));
        }
    }
}
