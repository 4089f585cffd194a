package org.asyncio4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * W6 ({@link Echo}) with blocking {@code java.net} sockets on virtual threads (JDK 21+): an acceptor and one
 * virtual thread per server connection, one virtual thread per client, on the default scheduler (a carrier per
 * core). TCP_NODELAY on both ends. Each client records into its own {@link Echo.Recorder}; they are merged after
 * the threads are joined.
 */
public final class EchoVirtualThreads {
    private EchoVirtualThreads() {}

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void acceptAll(ServerSocket server) {
        try {
            for (;;) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                VirtualThreads.start(() -> echo(s));
            }
        } catch (SocketException closed) {
            // the server socket was closed: stop accepting
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long client(Socket socket, int id, long max, long deadline, Echo.Recorder recorder) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            long count = 0;
            while (count < max && System.nanoTime() < deadline) {
                byte[] sent = Echo.message(id, count);
                long start = System.nanoTime();
                out.write(sent);
                byte[] reply = in.readNBytes(Echo.MESSAGE_SIZE);
                recorder.add(System.nanoTime() - start);
                Echo.check(sent, reply);
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one measured phase: a fresh server and {@code connections} fresh clients.
     *
     * @throws UnsupportedOperationException before JDK 21
     */
    public static Echo.Result run(int connections, long maxPerConnection, double seconds)
            throws InterruptedException, IOException {
        ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        try {
            Thread acceptor = VirtualThreads.start(() -> acceptAll(server));
            List<Socket> sockets = new ArrayList<>(connections);
            try {
                for (int i = 0; i < connections; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    s.setTcpNoDelay(true);
                    sockets.add(s);
                }
                Echo.Recorder[] recorders = new Echo.Recorder[connections];
                long[] counts = new long[connections];
                Throwable[] failures = new Throwable[connections];
                Thread[] threads = new Thread[connections];
                long start = System.nanoTime();
                long deadline = start + (long) (seconds * 1e9);
                for (int i = 0; i < connections; i++) {
                    int id = i;
                    recorders[i] = new Echo.Recorder();
                    threads[i] = VirtualThreads.start(() -> {
                        try {
                            counts[id] = client(sockets.get(id), id, maxPerConnection, deadline, recorders[id]);
                        } catch (Throwable t) {
                            failures[id] = t;
                        }
                    });
                }
                for (Thread t : threads) {
                    t.join();
                }
                long elapsed = System.nanoTime() - start;
                long total = 0;
                Echo.Recorder all = new Echo.Recorder();
                for (int i = 0; i < connections; i++) {
                    if (failures[i] != null) {
                        throw new IllegalStateException("client " + i + " failed", failures[i]);
                    }
                    total += counts[i];
                    all.addAll(recorders[i]);
                }
                return new Echo.Result(total, elapsed, all);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
                server.close();     // stops the acceptor, which must be gone before we return
                acceptor.join();
            }
        } finally {
            server.close();         // again if starting the acceptor failed; closing twice does nothing
        }
    }
}
