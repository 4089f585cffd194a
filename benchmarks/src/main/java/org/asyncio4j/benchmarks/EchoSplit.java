package org.asyncio4j.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.group.AcceptMode;
import org.asyncio4j.group.LoopGroup;

/**
 * W6 ({@link Echo}) with the load generator in a child JVM, for connection counts whose two ends do not fit in one
 * process's descriptor limit (10,000 connections need 20,000 descriptors with both ends in one JVM). The server
 * (any of {@link EchoBenchmark}'s systems but virtual threads) runs here; the clients are asyncio4j's, on one loop
 * of a child JVM, the same for every system. The server threads' CPU is measured here between the child's
 * "measuring" and "result" lines; the child reports its own process CPU.
 *
 * <pre>
 *   java -cp benchmarks.jar org.asyncio4j.benchmarks.EchoSplit SYSTEM MEASURE_S REPEATS CONNECTIONS
 * </pre>
 * Prints one Markdown row in {@link EchoBenchmark}'s columns (one warm-up phase, then REPEATS phases; the median).
 *
 * <p>Thread-safety: a {@code main} program; each phase's server lives on its own threads.
 */
public final class EchoSplit {
    private EchoSplit() {}

    /** A running echo server: its port and how to stop it. */
    private interface Running extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    private static Running start(String system) throws Exception {
        int size = EchoBenchmark.GROUP_SIZE;
        switch (system) {
            case "asyncio4j": {
                CompletableFuture<Integer> port = new CompletableFuture<>();
                CompletableFuture<Void> stop = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    EventLoop loop = new EventLoop();
                    try {
                        loop.runUntilComplete(EchoAsyncioAsync.serve(port, stop));
                    } catch (Throwable e) {
                        port.completeExceptionally(e);
                    } finally {
                        loop.close();
                    }
                }, Echo.CpuMeter.SERVER_PREFIX + "-loop");
                t.start();
                int p = port.get(1, TimeUnit.MINUTES);
                return running(p, () -> {
                    stop.complete(null);
                    t.join();
                });
            }
            case "asyncio4jGroup":
            case "asyncio4jGroupRoundRobin": {
                LoopGroup group = LoopGroup.start(size, Echo.CpuMeter.SERVER_PREFIX, EventLoop::new, null);
                AcceptMode mode = system.endsWith("RoundRobin") ? AcceptMode.ROUND_ROBIN : AcceptMode.AUTO;
                int p = group.startServer(EchoAsyncioAsync::echo, "127.0.0.1", 0, mode).get(1, TimeUnit.MINUTES)
                        .port();
                return running(p, group::close);
            }
            case "netty":
            case "nettyGroup": {
                EventLoopGroup g = new NioEventLoopGroup(system.equals("netty") ? 1 : size,
                        new DefaultThreadFactory(Echo.CpuMeter.SERVER_PREFIX));
                Channel server = new ServerBootstrap().group(g).channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 1024).childHandler(new EchoNetty.EchoServerHandler())
                        .bind("127.0.0.1", 0).sync().channel();
                return running(((InetSocketAddress) server.localAddress()).getPort(), () -> {
                    server.close().sync();
                    g.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
                });
            }
            default:
                throw new IllegalArgumentException("unknown system " + system);
        }
    }

    private interface Stop {
        void run() throws Exception;
    }

    private static Running running(int port, Stop stop) {
        return new Running() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() throws Exception {
                stop.run();
            }
        };
    }

    /** One phase: {messages/s, p50 µs, p99 µs, messages, server CPU s/M, client CPU s/M}. */
    private static double[] phase(String system, int connections, double seconds) throws Exception {
        try (Running server = start(system)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    EchoSplit.class.getName(), "clients", String.valueOf(server.port()), String.valueOf(connections),
                    String.valueOf(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            child.getOutputStream().close();
            Echo.CpuMeter cpu = null;
            long[] serverCpu = null;
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("measuring")) {
                        cpu = new Echo.CpuMeter();
                    } else if (line.startsWith("result ")) {
                        serverCpu = cpu.stop();
                        result = line;
                    }
                }
            }
            if (child.waitFor() != 0 || result == null) {
                throw new IllegalStateException("the client JVM failed: exit " + child.exitValue());
            }
            String[] f = result.split(" ");
            long messages = Long.parseLong(f[1]);
            long nanos = Long.parseLong(f[2]);
            double perMillion = messages / 1e6;
            return new double[] {messages * 1e9 / nanos, Double.parseDouble(f[3]), Double.parseDouble(f[4]), messages,
                    serverCpu[1] / 1e9 / perMillion, Long.parseLong(f[5]) / 1e9 / perMillion};
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("clients")) {
            Echo.Result r = EchoAsyncio.runClients(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Long.MAX_VALUE, Double.parseDouble(args[3]), () -> {
                        System.out.println("measuring");
                        System.out.flush();
                    });
            System.out.println(String.format(Locale.ROOT, "result %d %d %.1f %.1f %d", r.messages, r.nanos,
                    r.percentileMicros(50), r.percentileMicros(99), r.processCpuNanos));
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: EchoSplit SYSTEM MEASURE_S REPEATS CONNECTIONS");
            System.exit(2);
        }
        String system = args[0];
        double seconds = Double.parseDouble(args[1]);
        int repeats = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        phase(system, connections, seconds);                       // warm-up
        List<double[]> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            runs.add(phase(system, connections, seconds));
        }
        runs.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] m = runs.get(repeats / 2);
        String name = system.contains("Group") ? system + "(" + EchoBenchmark.GROUP_SIZE + ")" : system;
        System.out.println(String.format(Locale.ROOT,
                "| EchoSplit.%s | connections=%d | %,.0f | %,.0f – %,.0f | %.1f | %.1f | %,d | %.2f | %.2f |",
                name, connections, m[0], runs.get(0)[0], runs.get(repeats - 1)[0], m[1], m[2], (long) m[3], m[4],
                m[5]));
    }
}
