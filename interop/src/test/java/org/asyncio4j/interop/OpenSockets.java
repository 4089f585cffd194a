package org.asyncio4j.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The TCP and UDP sockets this JVM holds open, from Linux's {@code /proc/self/fd} (links to "socket:[inode]") and
 * {@code /proc/self/net/{tcp,tcp6,udp,udp6}} (each socket's addresses and state by inode), so that a test can
 * require that a batch of connections left none behind, and name a leaked one. Unix-domain sockets are left out:
 * the JDK opens one for itself, once, when it first starts a process. The interop tests run on Linux, like the
 * peers they start.
 *
 * <p>Immutable; a snapshot of one moment.
 */
final class OpenSockets {
    private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");
    /** Inode to the socket's line in its table (hex addresses and ports, then the state). */
    private final Map<String, String> sockets;

    private OpenSockets(Map<String, String> sockets) {
        this.sockets = sockets;
    }

    static OpenSockets now() {
        Map<String, String> inet = inetSockets();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            Set<String> open = fds.map(OpenSockets::linkOrEmpty).filter(l -> l.startsWith("socket:["))
                    .map(l -> l.substring("socket:[".length(), l.length() - 1)).collect(Collectors.toSet());
            inet.keySet().retainAll(open);
            return new OpenSockets(inet);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd (the interop tests run on Linux)", e);
        }
    }

    /** Fails with every socket open now that was not open at this snapshot. */
    void assertNoneLeaked() {
        Map<String, String> leaked = new TreeMap<>(now().sockets);
        leaked.keySet().removeAll(sockets.keySet());
        if (!leaked.isEmpty()) {
            throw new AssertionError(leaked.size() + " socket(s) left open: " + leaked.values());
        }
    }

    private static String linkOrEmpty(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";              // closed while listed (the listing's own descriptor, for one)
        }
    }

    private static Map<String, String> inetSockets() {
        Map<String, String> byInode = new TreeMap<>();
        for (String table : TABLES) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/net", table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[9].matches("\\d+")) {
                        byInode.put(f[9], table + " local " + f[1] + " remote " + f[2] + " state " + f[3]);
                    }
                }
            } catch (NoSuchFileException e) {
                // no IPv6 on this machine
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byInode;
    }
}
