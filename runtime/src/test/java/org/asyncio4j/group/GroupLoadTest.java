package org.asyncio4j.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load and faults: many connections open at once across a two-loop group, with random line sizes, fragmented
 * writes, half-closes, clients that vanish with an RST, and slow readers (see {@code load_clients.py}); every byte of
 * every surviving connection must come back, the server must still serve afterwards, and memory and descriptors
 * must come back to their starting level.
 *
 * <p>The clients run in a child process (CPython's asyncio, {@code python3}): 10,000 connections with both ends in
 * this JVM would need 20,000 descriptors, which is this machine's hard limit. CI runs
 * {@value #DEFAULT_CONNECTIONS} connections; {@code -Dasyncio4j.group.load.connections=10000} runs the size,
 * and {@code -Dasyncio4j.group.load.mode=ROUND_ROBIN} (or LEAST_LOADED, REUSE_PORT) picks the accept mode.
 */
class GroupLoadTest {
    private static final int DEFAULT_CONNECTIONS = 2000;
    /** Headroom for the child's whole run: a hang fails the test instead of stalling the build. */
    private static final long SAFETY_MINUTES = 15;
    /** How far the used heap may end above where it started, after a full GC (JIT, class data and such). */
    private static final long HEAP_SLACK_BYTES = 32L << 20;

    @Test
    void manyConnectionsWithFaults_everySurvivingByteEchoed_serverStillServes_memoryBack(@TempDir Path tmp)
            throws Exception {
        int connections = Integer.getInteger("asyncio4j.group.load.connections", DEFAULT_CONNECTIONS);
        AcceptMode mode = AcceptMode.valueOf(System.getProperty("asyncio4j.group.load.mode", "AUTO"));
        Path script = tmp.resolve("load_clients.py");
        try (InputStream in = GroupLoadTest.class.getResourceAsStream("load_clients.py")) {
            Files.copy(in, script);
        }
        Map<String, Integer> reports = new ConcurrentHashMap<>();
        LoopGroup group = LoopGroup.start(2, loop -> loop.setExceptionHandler(
                (l, context) -> reports.merge(String.valueOf(context.get("message")), 1, Integer::sum)));
        int fdsBefore;
        long heapBefore;
        String summary;
        GroupServer server;
        try {
            server = group.startServer(LineEcho::handle, "127.0.0.1", 0, mode).get(1, TimeUnit.MINUTES);
            // Two connections first: in the hand-off modes a loop opens its selector at its first connection.
            assertEquals("warm", echoOnce(server.port(), "warm"));
            assertEquals("warm", echoOnce(server.port(), "warm"));
            fdsBefore = GroupServerTest.openDescriptors();
            List<String> targetsBefore = GroupServerTest.descriptorTargets();
            heapBefore = usedHeapAfterGc();

            Process child = new ProcessBuilder("python3", script.toString(), "127.0.0.1",
                    String.valueOf(server.port()), String.valueOf(connections), "19")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            child.getOutputStream().close();            // the child's stdin: its pipe would count as a descriptor
            try (InputStream out = child.getInputStream()) {
                summary = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            assertTrue(child.waitFor(SAFETY_MINUTES, TimeUnit.MINUTES), "the clients did not finish");
            System.out.println("GroupLoadTest " + mode + "->" + server.mode() + ", " + connections
                    + " connections: " + summary + "; per loop served "
                    + java.util.Arrays.toString(server.connectionsServed()));
            assertEquals(0, child.exitValue(), summary);
            assertTrue(summary.contains("\"failureCount\": 0"), summary);
            assertTrue(summary.contains("\"openAtOnce\": " + connections), summary);

            waitForNoOpenConnections(server);
            assertEquals("still serving", echoOnce(server.port(), "still serving"));
            waitForNoOpenConnections(server);
            long served = java.util.Arrays.stream(server.connectionsServed()).sum();
            assertEquals(connections + 3, served, "every client was served, plus the three checks");
            for (long perLoop : server.connectionsServed()) {
                assertTrue(perLoop > 0, "both loops took connections");
            }
            assertEquals(List.of(), LineEcho.MOVED, "a connection changed loops");
            assertEquals(Map.of(), reports, "nothing reached the loops' exception handlers");

            long heapAfter = usedHeapAfterGc();
            assertTrue(heapAfter <= heapBefore + HEAP_SLACK_BYTES,
                    "used heap " + (heapBefore >> 20) + " MB before, " + (heapAfter >> 20) + " MB after");
            assertEquals(fdsBefore, GroupServerTest.openDescriptors(), () -> {
                try {
                    List<String> added = new ArrayList<>(GroupServerTest.descriptorTargets());
                    List<String> removed = new ArrayList<>(targetsBefore);
                    for (String t : targetsBefore) {
                        added.remove(t);
                    }
                    for (String t : GroupServerTest.descriptorTargets()) {
                        removed.remove(t);
                    }
                    return "open descriptors: added " + added + ", gone " + removed;
                } catch (IOException e) {
                    return "open descriptors before and after";
                }
            });
        } finally {
            ShutdownReport report = group.shutdown();
            assertTrue(report.isClean(), report.toString());
        }
    }

    private static void waitForNoOpenConnections(GroupServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (java.util.Arrays.stream(server.openConnections()).sum() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connections still open: "
                        + java.util.Arrays.toString(server.openConnections()));
            }
            Thread.sleep(10);
        }
    }

    private static String echoOnce(int port, String line) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.shutdownOutput();
            String back = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return back.endsWith("\n") ? back.substring(0, back.length() - 1) : back;
        }
    }

    private static long usedHeapAfterGc() {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            samples.add(heap.getUsed());
        }
        return samples.stream().min(Long::compare).orElseThrow();
    }
}
