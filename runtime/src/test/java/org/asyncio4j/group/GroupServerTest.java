package org.asyncio4j.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link GroupServer} over real loopback sockets, with blocking clients on the test thread. Nothing here asserts a
 * duration: waits poll a condition with a generous deadline that only turns a hang into a failure.
 */
class GroupServerTest {
    private static final String HOST = "127.0.0.1";
    private static final long SAFETY_SECONDS = 30;

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(HOST, port);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String echo(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(value = AcceptMode.class, names = {"REUSE_PORT", "ROUND_ROBIN", "LEAST_LOADED"})
    void everyMode_servesOnePortOnEveryLoop_withTheStartServerHandler(AcceptMode mode) throws Exception {
        try (LoopGroup group = LoopGroup.start(2)) {
            GroupServer server = group.startServer(LineEcho::handle, HOST, 0, mode)
                    .get(SAFETY_SECONDS, TimeUnit.SECONDS);
            assertEquals(mode, server.mode());
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Client c = new Client(server.port());
                assertEquals("hello " + i, c.echo("hello " + i));       // one at a time: the handler has run
                clients.add(c);
            }
            long[] served = server.connectionsServed();
            assertEquals(40, sum(served));
            assertTrue(served[0] > 0 && served[1] > 0, "both loops serve: " + served[0] + "/" + served[1]);
            if (mode != AcceptMode.REUSE_PORT) {
                assertArrayEquals(new long[] {20, 20}, served, "alternating with equal loads");
            }
            for (Client c : clients) {
                assertEquals("again", c.echo("again"));
                c.close();
            }
            waitUntil(() -> server.openConnections()[0] + server.openConnections()[1] == 0, "every socket closed");
            assertEquals(List.of(), LineEcho.MOVED, "a connection changed loops");
        }
    }

    @Test
    void auto_picksReusePortWhereSupported() throws Exception {
        try (LoopGroup group = LoopGroup.start(2)) {
            GroupServer server = group.startServer(LineEcho::handle, HOST, 0).get(SAFETY_SECONDS, TimeUnit.SECONDS);
            assertEquals(GroupServer.reusePortSupported() ? AcceptMode.REUSE_PORT : AcceptMode.ROUND_ROBIN,
                    server.mode());
        }
    }

    @Test
    void leastLoaded_handsANewConnectionToTheLoopWithFewerOpenOnes() throws Exception {
        try (LoopGroup group = LoopGroup.start(2)) {
            GroupServer server = group.startServer(LineEcho::handle, HOST, 0, AcceptMode.LEAST_LOADED)
                    .get(SAFETY_SECONDS, TimeUnit.SECONDS);
            Client a = new Client(server.port());           // loop 0 (both empty; the turn starts at 0)
            a.echo("a");
            Client b = new Client(server.port());           // loop 1 (the turn moved on; both loads equal)
            b.echo("b");
            assertArrayEquals(new int[] {1, 1}, server.openConnections());
            b.close();
            waitUntil(() -> server.openConnections()[1] == 0, "b's socket closed on loop 1");
            Client c = new Client(server.port());           // the turn says loop 0, the load says loop 1
            c.echo("c");
            assertArrayEquals(new long[] {1, 2}, server.connectionsServed());
            a.close();
            c.close();
        }
    }

    @Test
    void close_stopsAcceptingOnEveryLoop_connectionsGoOn() throws Exception {
        try (LoopGroup group = LoopGroup.start(2)) {
            GroupServer server = group.startServer(LineEcho::handle, HOST, 0).get(SAFETY_SECONDS, TimeUnit.SECONDS);
            Client kept = new Client(server.port());
            assertEquals("before", kept.echo("before"));
            server.close().get(SAFETY_SECONDS, TimeUnit.SECONDS);
            assertTrue(!server.isServing());
            assertEquals("after", kept.echo("after"));
            assertTrue(refused(server.port()), "nobody listens on the port any more");
            kept.close();
            server.waitClosed().get(SAFETY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static boolean refused(int port) {
        try {
            new Socket(HOST, port).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** What the open descriptors of this process point to (Linux), sorted; empty elsewhere. For failure messages. */
    static List<String> descriptorTargets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        List<String> targets = new ArrayList<>();
        if (Files.isDirectory(fds)) {
            try (var list = Files.list(fds)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    try {
                        targets.add(Files.readSymbolicLink(p).toString());
                    } catch (IOException gone) {
                        // closed meanwhile (the listing's own descriptor, say)
                    }
                }
            }
        }
        targets.sort(null);
        return targets;
    }

    /** The open descriptors of this process (Linux), or -1 elsewhere. */
    static int openDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (var list = Files.list(fds)) {
            return (int) list.count();
        }
    }

    @ParameterizedTest
    @EnumSource(value = AcceptMode.class, names = {"REUSE_PORT", "ROUND_ROBIN"})
    void shutdown_closesEverySocket_andLeaksNoDescriptorOrThread(AcceptMode mode) throws Exception {
        lifecycle(mode, 1);                                         // warm up what the JDK opens once
        int fdsBefore = openDescriptors();
        Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
        ShutdownReport report = lifecycle(mode, 10);
        assertEquals(10, report.leftoverTaskCount(), "each idle connection's handler was cancelled: " + report);
        assertEquals(fdsBefore, openDescriptors(), "descriptors before and after");
        Set<Thread> threadsAfter = new HashSet<>(Thread.getAllStackTraces().keySet());
        threadsAfter.removeAll(threadsBefore);
        threadsAfter.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), threadsAfter);
    }

    /** Starts a group and server, leaves {@code n} idle connections open, shuts down, checks every client saw EOF. */
    private static ShutdownReport lifecycle(AcceptMode mode, int n) throws Exception {
        LoopGroup group = LoopGroup.start(2);
        GroupServer server = group.startServer(LineEcho::handle, HOST, 0, mode).get(SAFETY_SECONDS, TimeUnit.SECONDS);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Client c = new Client(server.port());
            assertEquals("x", c.echo("x"));
            clients.add(c);
        }
        ShutdownReport report = group.shutdown();
        for (Client c : clients) {
            assertEquals(null, c.in.readLine(), "the server closed the connection");
            c.close();
        }
        assertTrue(refused(server.port()));
        return report;
    }
}
