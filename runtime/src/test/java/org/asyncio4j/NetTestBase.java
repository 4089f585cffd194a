package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For network tests on a real-clock loop, on loopback only (127.0.0.1, ports chosen by the OS). Tracks the
 * channels a test opens; after the test closes them and the loop, and checks that no file descriptor leaked:
 * by comparing the socket, pipe and selector entries of {@code /proc/self/fd} before and after, where it exists,
 * and otherwise by checking that the loop's
 * selector and every tracked channel are closed.
 */
public abstract class NetTestBase extends RealLoopTestBase {
    public static final String HOST = "127.0.0.1";
    private static final File FD_DIR = new File("/proc/self/fd");

    static {
        // Opens, once per JVM, what the JDK keeps open after the first network use, so it is not counted as a leak.
        try (Selector s = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(HOST, 0));
            server.configureBlocking(false);
            server.register(s, SelectionKey.OP_ACCEPT);
            try (SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                s.select(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
                try (SocketChannel a = server.accept()) {
                    c.shutdownOutput();
                    if (a == null) {
                        throw new IllegalStateException("warm-up connection not accepted");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final List<Channel> channels = new ArrayList<>();
    private Set<String> fdsBefore;

    @BeforeEach
    public void countFds() {
        fdsBefore = ioFds();
    }

    @AfterEach
    public void closeAndCheckFds() throws IOException {
        for (Channel c : channels) {
            c.close();
        }
        Selector selector = loop.selectorForTesting();
        if (!loop.isRunning()) {
            loop.close();
        }
        Set<String> after = ioFds();
        if (fdsBefore != null && after != null) {
            after.removeAll(fdsBefore);
            assertEquals(Set.of(), after, "socket, pipe and selector file descriptors the test left open");
        } else {
            assertFalse(selector != null && selector.isOpen(), "the loop's selector is closed");
            for (Channel c : channels) {
                assertFalse(c.isOpen(), c + " is closed");
            }
        }
    }

    /**
     * The open file descriptors of this process that are sockets, pipes or anonymous inodes (epoll, eventfd: what
     * a selector holds), as the set of their targets ("socket:[inode]") from {@code /proc/self/fd}; {@code null}
     * where there is no such directory. Ordinary files are left out: the JVM opens and closes those on its own
     * threads (class loading, Cleaner actions) at any time, which would make a plain count flaky. Targets rather
     * than numbers, because the JDK closes a channel in two steps, first {@code dup2}-ing its one pre-closed
     * marker socket onto the descriptor: a descriptor caught between the steps shows the marker's inode, which
     * is no new object. A descriptor that another party closes during the test is no leak either, so the check is
     * that no new socket, pipe or selector object stayed open.
     */
    public static Set<String> ioFds() {
        String[] names = FD_DIR.list();
        if (names == null) {
            return null;
        }
        Set<String> fds = new HashSet<>();
        for (String name : names) {
            try {
                String target = Files.readSymbolicLink(FD_DIR.toPath().resolve(name)).toString();
                if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                    fds.add(target);
                }
            } catch (IOException e) {
                // closed meanwhile (or the listing's own descriptor): not ours
            }
        }
        return fds;
    }

    /** Tracks {@code c}, which the test base closes after the test. */
    protected <C extends Channel> C track(C c) {
        channels.add(c);
        return c;
    }

    /** A non-blocking server channel listening on 127.0.0.1, on a port the OS chose. */
    protected ServerSocketChannel listen() throws IOException {
        ServerSocketChannel s = track(ServerSocketChannel.open());
        s.bind(new InetSocketAddress(HOST, 0));
        s.configureBlocking(false);
        return s;
    }

    /** A non-blocking, unconnected client channel. */
    protected SocketChannel client() throws IOException {
        SocketChannel c = track(SocketChannel.open());
        c.configureBlocking(false);
        return c;
    }

    /** The number of valid keys in the loop's selector (0 when it has none yet). */
    protected int validKeys() {
        Selector s = loop.selectorForTesting();
        if (s == null) {
            return 0;
        }
        return (int) s.keys().stream().filter(k -> k.isValid()).count();
    }

    protected int allKeys() {
        Selector s = loop.selectorForTesting();
        return s == null ? 0 : s.keys().size();
    }
}
