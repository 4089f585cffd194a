package org.asyncio4j.streams;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;

/**
 * Proof: one loop serves 1,000 connections open at the same time, each exchanging several lines with an echo
 * server on the same loop, with nothing lost or reordered.
 *
 * <p>File descriptors: client and server ends live in this one process, two descriptors per connection, so the test
 * needs a little over 2,000. HotSpot raises the soft {@code RLIMIT_NOFILE} to the hard limit when it starts
 * ({@code -XX:+MaxFDLimit}, on by default on Linux and macOS), so the usual soft limit of 1,024 does not apply; hard
 * limits are 4,096 or more on common Linux distributions and CI runners, and macOS caps the JVM at 10,240.
 * {@link #connections_fitTheDescriptorLimit()} reads the effective limit, so a machine that cannot run the proof
 * says so plainly instead of failing with "Too many open files".
 */
class ManyConnectionsProofTest extends NetTestBase {
    private static final int CONNECTIONS = 1000;
    private static final int MESSAGES = 5;
    /** Connections are opened in waves, so the listen backlog (128 on older kernels) never overflows. */
    private static final int WAVE = 100;

    private int activeHandlers;
    private int maxActiveHandlers;

    @Test
    void connections_fitTheDescriptorLimit() throws Exception {
        long limit = openFilesLimit();
        if (limit >= 0) {
            assertTrue(limit >= 2 * CONNECTIONS + 200,
                    "this process may open only " + limit + " files; the proof needs about " + (2 * CONNECTIONS + 200)
                            + ": raise the hard limit (ulimit -Hn)");
        }
    }

    /** The soft limit of open files from /proc/self/limits, or -1 where there is no such file. */
    private static long openFilesLimit() throws Exception {
        java.nio.file.Path p = java.nio.file.Path.of("/proc/self/limits");
        if (!java.nio.file.Files.exists(p)) {
            return -1;
        }
        for (String line : java.nio.file.Files.readAllLines(p)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }

    @Test
    void thousandConcurrentConnections_eachGetsEveryLineBackInOrder() {
        Server server = runUntilComplete(coro(() -> awaitThen(Asyncio.startServer(this::countingEcho, HOST, 0),
                r -> done(r.get()))));
        List<Streams> clients = new ArrayList<>();
        for (int wave = 0; wave < CONNECTIONS / WAVE; wave++) {
            clients.addAll(runUntilComplete(coro(() -> {
                List<Future<Streams>> connects = new ArrayList<>();
                for (int i = 0; i < WAVE; i++) {
                    connects.add(Asyncio.openConnection(HOST, server.port()));
                }
                return awaitThen(Asyncio.gather(connects), r -> done(r.get()));
            })));
        }
        List<List<String>> echoes = new ArrayList<>();
        List<Task<Object>> talks = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            List<String> mine = new ArrayList<>();
            echoes.add(mine);
            Streams s = clients.get(i);
            int id = i;
            talks.add(loop.createTask(coro(() -> talk(s, id, 0, mine))));
        }
        runUntilComplete(Asyncio.gather(talks));
        server.close();
        runUntilComplete(server.waitClosed());

        for (int i = 0; i < CONNECTIONS; i++) {
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < MESSAGES; k++) {
                expected.add(line(i, k));
            }
            assertEquals(expected, echoes.get(i), "connection " + i);
        }
        assertEquals(CONNECTIONS, maxActiveHandlers, "handlers running at the same time");
        assertEquals(0, activeHandlers);
    }

    private static String line(int id, int k) {
        return "connection " + id + " message " + k + "\n";
    }

    private static Script.Next talk(Streams s, int id, int k, List<String> echoes) {
        if (k == MESSAGES) {
            s.writer().close();
            return awaitThen(s.writer().waitClosed(), r -> done(null));
        }
        s.writer().write(line(id, k).getBytes(StandardCharsets.US_ASCII));
        return awaitThen(s.writer().drain(), d -> {
            d.get();
            return awaitThen(s.reader().readLine(), r -> {
                echoes.add(new String(r.<byte[]>get(), StandardCharsets.US_ASCII));
                return talk(s, id, k + 1, echoes);
            });
        });
    }

    /** StreamsTest's line echo, counting the handlers that run at once. */
    private Coroutine<Void> countingEcho(StreamReader r, StreamWriter w) {
        return coro(() -> {
            activeHandlers++;
            maxActiveHandlers = Math.max(maxActiveHandlers, activeHandlers);
            return awaitThen(coro(() -> StreamsTest.echoLines(r, w)), x -> {
                activeHandlers--;
                return done(x.get());
            });
        });
    }
}
