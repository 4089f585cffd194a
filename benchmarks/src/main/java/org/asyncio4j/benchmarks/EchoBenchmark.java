package org.asyncio4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.asyncio4j.group.AcceptMode;

/**
 * Runs W6 ({@link Echo}) outside JMH, which has no notion of per-message latency percentiles, and prints Markdown
 * table rows. {@code run.sh} starts one JVM per system so that systems do not share a heap or JIT profile.
 *
 * <pre>
 *   java -cp benchmarks.jar org.asyncio4j.benchmarks.EchoBenchmark SYSTEM WARMUP_S MEASURE_S REPEATS [CONNECTIONS...]
 * </pre>
 * SYSTEM is {@code asyncio4j}, {@code asyncio4jGroup} (a {@code LoopGroup} of {@code -Decho.groupSize} loops,
 * default the available processors, with {@code SO_REUSEPORT}), {@code asyncio4jGroupRoundRobin} (the same group,
 * one acceptor handing sockets round-robin), {@code netty}, {@code nettyGroup} (a {@code NioEventLoopGroup} of the
 * same size) or {@code virtualThreads} (skipped before JDK 21). The last two columns are CPU seconds per million
 * messages during the measured phase: the server threads' ({@code ThreadMXBean}; n/a for virtual threads, whose
 * carriers also run the clients) and the rest of the process's ({@code OperatingSystemMXBean.getProcessCpuTime}
 * minus the server's: the load generator, plus the JVM's own threads). For each connection
 * count (default 1, 100, 1000): one warm-up phase, then REPEATS measured phases, each with a fresh server and fresh
 * connections; the row shows the phase with the median throughput (its p50 and p99) and the min–max throughput.
 */
public final class EchoBenchmark {
    /** The size of the server groups: {@code -Decho.groupSize}, default the available processors. */
    static final int GROUP_SIZE = Integer.getInteger("echo.groupSize", Runtime.getRuntime().availableProcessors());

    private EchoBenchmark() {}

    /** Runs one phase of {@code system}. */
    public static Echo.Result phase(String system, int connections, long maxPerConnection, double seconds)
            throws Exception {
        switch (system) {
            case "asyncio4j":
                return EchoAsyncio.run(connections, maxPerConnection, seconds);
            case "asyncio4jGroup":
                return EchoAsyncioGroup.run(GROUP_SIZE, AcceptMode.AUTO, connections, maxPerConnection, seconds);
            case "asyncio4jGroupRoundRobin":
                return EchoAsyncioGroup.run(GROUP_SIZE, AcceptMode.ROUND_ROBIN, connections, maxPerConnection,
                        seconds);
            case "netty":
                return EchoNetty.run(connections, maxPerConnection, seconds);
            case "nettyGroup":
                return EchoNetty.run(GROUP_SIZE, connections, maxPerConnection, seconds);
            case "virtualThreads":
                return EchoVirtualThreads.run(connections, maxPerConnection, seconds);
            default:
                throw new IllegalArgumentException("unknown system " + system
                        + " (asyncio4j, asyncio4jGroup, asyncio4jGroupRoundRobin, netty, nettyGroup, virtualThreads)");
        }
    }

    private static String cpu(double secondsPerMillion) {
        return Double.isNaN(secondsPerMillion) ? "n/a" : String.format(Locale.ROOT, "%.2f", secondsPerMillion);
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
                System.out.printf("| EchoBenchmark.%s | connections=%d | skipped: needs JDK 21+ | | | | | | |%n",
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
            String name = system.contains("Group") ? system + "(" + GROUP_SIZE + ")" : system;
            System.out.println(String.format(Locale.ROOT,
                    "| EchoBenchmark.%s | connections=%d | %,.0f | %,.0f – %,.0f | %.1f | %.1f | %,d | %s | %s |",
                    name, connections, median.messagesPerSecond(), results[0].messagesPerSecond(),
                    results[repeats - 1].messagesPerSecond(), median.percentileMicros(50),
                    median.percentileMicros(99), median.messages,
                    cpu(median.cpuSecondsPerMillion(median.serverCpuNanos)),
                    cpu(median.cpuSecondsPerMillion(median.processCpuNanos - Math.max(0, median.serverCpuNanos)))));
        }
    }
}
