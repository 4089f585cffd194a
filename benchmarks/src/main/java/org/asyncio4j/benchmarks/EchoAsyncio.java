package org.asyncio4j.benchmarks;

import static org.asyncio4j.Asyncio.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.streams.Server;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;

/**
 * W6 ({@link Echo}) with asyncio4j's streams: the server ({@code Asyncio.startServer}, one handler task per
 * connection) runs on an event loop on its own thread; the clients ({@code Asyncio.openConnection}, one task per
 * connection) on a second event loop, on the calling thread. TCP_NODELAY on both ends, as Netty sets it.
 */
public final class EchoAsyncio {
    private EchoAsyncio() {}

    /** Echoes whatever arrives until the client closes its end. */
    @Async
    static void echo(StreamReader reader, StreamWriter writer) {
        noDelay(writer.channel());
        for (;;) {
            byte[] data = await(reader.read(4096));
            if (data.length == 0) {
                break;
            }
            writer.write(data);
            await(writer.drain());
        }
        writer.close();
    }

    /** Serves until {@code stop} completes (from another thread), then waits for the handlers to end. */
    @Async
    static void serve(CompletableFuture<Integer> port, CompletableFuture<Void> stop) {
        Server server = await(Asyncio.startServer(EchoAsyncioAsync::echo, "127.0.0.1", 0));
        port.complete(server.port());
        await(stop);
        server.close();
        await(server.waitClosed());
    }

    /** One client: sends, awaits the echo, checks it, until the deadline or {@code max} messages. */
    @Async
    static long client(Streams streams, int id, long max, long deadline, Echo.Recorder recorder) {
        StreamWriter writer = streams.writer();
        StreamReader reader = streams.reader();
        long count = 0;
        while (count < max && System.nanoTime() < deadline) {
            byte[] sent = Echo.message(id, count);
            long start = System.nanoTime();
            writer.write(sent);
            await(writer.drain());
            byte[] reply = await(reader.readExactly(Echo.MESSAGE_SIZE));
            recorder.add(System.nanoTime() - start);
            Echo.check(sent, reply);
            count++;
        }
        return count;
    }

    /** Connects all clients, then runs them concurrently and returns the result of that phase. */
    @Async
    static Echo.Result clients(int port, int connections, long max, double seconds, Runnable atStart) {
        List<Streams> all = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            Streams s = await(Asyncio.openConnection("127.0.0.1", port));
            noDelay(s.writer().channel());
            all.add(s);
        }
        Echo.Recorder recorder = new Echo.Recorder();
        atStart.run();
        Echo.CpuMeter cpu = new Echo.CpuMeter();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Task<Long>> tasks = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            tasks.add(Asyncio.createTask(EchoAsyncioAsync.client(all.get(i), i, max, deadline, recorder)));
        }
        List<Long> counts = await(Asyncio.gather(tasks));
        long elapsed = System.nanoTime() - start;
        long[] cpuNanos = cpu.stop();
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        for (Streams s : all) {
            s.writer().close();
            await(s.writer().waitClosed());
        }
        return new Echo.Result(total, elapsed, recorder, cpuNanos);
    }

    /** Runs the clients' phase on a fresh client loop on this thread, against {@code port}. */
    static Echo.Result runClients(int port, int connections, long maxPerConnection, double seconds) {
        return runClients(port, connections, maxPerConnection, seconds, () -> { });
    }

    /** As {@link #runClients(int, int, long, double)}, calling {@code atStart} when the measured phase starts. */
    static Echo.Result runClients(int port, int connections, long maxPerConnection, double seconds,
            Runnable atStart) {
        EventLoop clientLoop = new EventLoop();
        try {
            return clientLoop.runUntilComplete(EchoAsyncioAsync.clients(port, connections, maxPerConnection, seconds,
                    atStart));
        } finally {
            clientLoop.close();
        }
    }

    /** Runs one measured phase: a fresh server and {@code connections} fresh clients. */
    public static Echo.Result run(int connections, long maxPerConnection, double seconds) throws InterruptedException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Throwable[] serverFailure = new Throwable[1];
        Thread serverThread = new Thread(() -> {
            EventLoop loop = new EventLoop();
            try {
                loop.runUntilComplete(EchoAsyncioAsync.serve(port, stop));
            } catch (Throwable t) {
                serverFailure[0] = t;
                port.completeExceptionally(t);
            } finally {
                loop.close();
            }
        }, Echo.CpuMeter.SERVER_PREFIX + "-loop");
        serverThread.start();
        EventLoop clientLoop = new EventLoop();
        try {
            return clientLoop.runUntilComplete(EchoAsyncioAsync.clients(port.join(), connections, maxPerConnection,
                    seconds, () -> { }));
        } finally {
            clientLoop.close();
            stop.complete(null);
            serverThread.join();
            if (serverFailure[0] != null) {
                throw new IllegalStateException("echo server failed", serverFailure[0]);
            }
        }
    }

    static void noDelay(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
