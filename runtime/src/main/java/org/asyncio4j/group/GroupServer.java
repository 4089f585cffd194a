package org.asyncio4j.group;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.streams.ClientHandler;
import org.asyncio4j.streams.Connections;
import org.asyncio4j.streams.Server;

/**
 * One port served by every loop of a {@link LoopGroup}: on each loop a {@link Server} runs the same
 * {@link ClientHandler} as {@link Asyncio#startServer} would, and a connection lives on the loop that serves it for
 * its whole life (its reader, writer and handler task all belong to that loop). Netty's counterpart is a
 * {@code ServerBootstrap} with a boss and a worker {@code EventLoopGroup}; asyncio's is one
 * {@code create_server(reuse_port=True)} per worker process.
 *
 * <p>Thread-safe: every public method may be called from any thread. Internally each loop's server, its sockets
 * and the accept path are touched only on their own loop's thread; counters are atomic.
 *
 * <h2>Accepting</h2>
 * With {@link AcceptMode#REUSE_PORT} each loop has its own listening socket on the port ({@code SO_REUSEPORT}) and
 * the kernel spreads connections over them; with {@link AcceptMode#ROUND_ROBIN} or {@link AcceptMode#LEAST_LOADED}
 * the first loop accepts and hands each socket to a loop with that loop's {@code callSoonThreadsafe} (the socket
 * crosses threads once, before anything reads it). README, "Using every core", has the measurements.
 *
 * <pre>
 *   serving ──close()──▶ closed: every listening socket closed, connections go on
 *           ──all connections' tasks done──▶ waitClosed() completes
 *   LoopGroup.shutdown() closes it first, then cancels the connections' tasks; sockets still open when a loop has
 *   stopped are closed by its thread (counted in the ShutdownReport).
 * </pre>
 */
public final class GroupServer {
    /** The listen backlog of each listening socket, as {@link Asyncio#startServer}'s. */
    static final int BACKLOG = 1024;
    private static volatile Boolean reusePortSupported;

    private final LoopGroup group;
    private final AcceptMode mode;
    private final ClientHandler handler;
    private final int port;
    /** REUSE_PORT: one per loop; otherwise only [0], the acceptor's, owned by loop 0. */
    private final ServerSocketChannel[] listening;
    /** Each loop's server; element i is touched only on loop i's thread. */
    private final Server[] servers;
    /** Each loop's connection sockets not yet closed; set i is touched only on loop i's thread (then after it ended). */
    private final List<Set<SocketChannel>> sockets = new ArrayList<>();
    private final AtomicIntegerArray open;
    private final AtomicIntegerArray inFlight;
    private final AtomicLongArray served;
    /** The acceptor's round-robin position; loop 0's thread only. */
    private int turn;
    private volatile boolean closing;
    private CompletableFuture<Void> closed;
    private final List<CompletableFuture<Void>> drained = new ArrayList<>();

    private GroupServer(LoopGroup group, AcceptMode mode, ClientHandler handler, int port,
            ServerSocketChannel[] listening) {
        this.group = group;
        this.mode = mode;
        this.handler = handler;
        this.port = port;
        this.listening = listening;
        int n = group.size();
        this.servers = new Server[n];
        this.open = new AtomicIntegerArray(n);
        this.inFlight = new AtomicIntegerArray(n);
        this.served = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            sockets.add(new HashSet<>());
            drained.add(new CompletableFuture<>());
        }
    }

    /** {@return whether this JDK and OS offer {@code SO_REUSEPORT} on server sockets} */
    public static boolean reusePortSupported() {
        Boolean s = reusePortSupported;
        if (s == null) {
            try (ServerSocketChannel ch = ServerSocketChannel.open()) {
                s = ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
            } catch (IOException e) {
                s = false;
            }
            reusePortSupported = s;
        }
        return s;
    }

    static CompletableFuture<GroupServer> start(LoopGroup group, ClientHandler handler, String host, int port,
            AcceptMode mode) {
        java.util.Objects.requireNonNull(handler, "handler");
        AcceptMode m = mode == AcceptMode.AUTO ? (reusePortSupported() ? AcceptMode.REUSE_PORT : AcceptMode.ROUND_ROBIN)
                : mode;
        int count = m == AcceptMode.REUSE_PORT ? group.size() : 1;
        ServerSocketChannel[] listening = new ServerSocketChannel[count];
        GroupServer server;
        try {
            int bound = port;
            for (int i = 0; i < count; i++) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                listening[i] = ch;
                if (m == AcceptMode.REUSE_PORT) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ch.bind(new InetSocketAddress(host, bound), BACKLOG);
                bound = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            }
            server = new GroupServer(group, m, handler, bound, listening);
        } catch (IOException | RuntimeException e) {
            closeAll(listening);
            return CompletableFuture.failedFuture(e);
        }
        if (!group.register(server)) {
            closeAll(listening);
            return CompletableFuture.failedFuture(new IllegalStateException("the group is shut down"));
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            int index = i;
            CompletableFuture<Void> cf = new CompletableFuture<>();
            started.add(cf);
            try {
                group.loop(i).callSoonThreadsafe(() -> server.startOn(index, cf));
            } catch (IllegalStateException e) {
                cf.completeExceptionally(e);
            }
        }
        return CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).handle((x, e) -> {
            if (e != null) {
                server.close();
                throw new java.util.concurrent.CompletionException(e instanceof java.util.concurrent.CompletionException
                        ? e.getCause() : e);
            }
            return server;
        });
    }

    /** On loop {@code i}'s thread: starts its server (and, on loop 0 without SO_REUSEPORT, the acceptor). */
    private void startOn(int i, CompletableFuture<Void> started) {
        EventLoop loop = group.loop(i);
        group.member(i).afterRun.add(() -> closeLeftovers(i));
        if (closing) {
            started.completeExceptionally(new IllegalStateException("the server was closed while starting"));
            return;
        }
        try {
            if (mode == AcceptMode.REUSE_PORT) {
                servers[i] = Connections.startServer(loop, wrap(i), listening[i]).result();
            } else {
                servers[i] = Connections.startHandOffServer(loop, wrap(i), port);
                if (i == 0) {
                    listening[0].configureBlocking(false);
                    loop.addReader(listening[0], this::onAcceptable);
                }
            }
            started.complete(null);
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
        }
    }

    /** The handler, plus this server's bookkeeping of loop {@code i}'s connections (on loop i's thread). */
    private ClientHandler wrap(int i) {
        Set<SocketChannel> mine = sockets.get(i);
        return (reader, writer) -> {
            SocketChannel ch = writer.channel();
            mine.add(ch);
            open.incrementAndGet(i);
            served.incrementAndGet(i);
            writer.waitClosed().addDoneCallback(f -> {
                mine.remove(ch);
                open.decrementAndGet(i);
            });
            return handler.handle(reader, writer);
        };
    }

    /** Loop 0's reader callback without SO_REUSEPORT: accepts a batch and hands each socket to a loop. */
    private void onAcceptable() {
        for (int k = 0; k < 64 && !closing; k++) {
            SocketChannel ch;
            try {
                ch = listening[0].accept();
            } catch (IOException e) {
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("message", "Error accepting a connection on " + this);
                context.put("exception", e);
                group.loop(0).callExceptionHandler(context);
                return;
            }
            if (ch == null) {
                return;
            }
            handOff(ch, choose());
        }
    }

    private int choose() {
        int n = servers.length;
        int start = Math.floorMod(turn++, n);
        if (mode != AcceptMode.LEAST_LOADED) {
            return start;
        }
        int best = start;
        int bestLoad = Integer.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            int load = open.get(i) + inFlight.get(i);
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best;
    }

    private void handOff(SocketChannel ch, int target) {
        if (target == 0) {
            servers[0].serveAccepted(ch);
            return;
        }
        inFlight.incrementAndGet(target);
        try {
            group.loop(target).callSoonThreadsafe(() -> {
                inFlight.decrementAndGet(target);
                servers[target].serveAccepted(ch);
            });
        } catch (IllegalStateException loopClosed) {
            inFlight.decrementAndGet(target);
            closeQuietly(ch);
        }
    }

    /**
     * Stops accepting on every loop: closes every listening socket; connections go on. Calling it again returns the
     * same future.
     *
     * @return a future completed once no loop accepts any more
     */
    public synchronized CompletableFuture<Void> close() {
        if (closed != null) {
            return closed;
        }
        closing = true;
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (int i = 0; i < servers.length; i++) {
            int index = i;
            CompletableFuture<Void> cf = new CompletableFuture<>();
            each.add(cf);
            try {
                group.loop(i).callSoonThreadsafe(() -> {
                    closeOn(index);
                    cf.complete(null);
                });
            } catch (IllegalStateException loopClosed) {
                if (index < listening.length) {
                    closeQuietly(listening[index]);
                }
                drained.get(index).complete(null);
                cf.complete(null);
            }
        }
        closed = CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
                .whenComplete((x, e) -> group.unregister(this));
        return closed;
    }

    private void closeOn(int i) {
        Server s = servers[i];
        try {
            if (mode != AcceptMode.REUSE_PORT && i == 0) {
                group.loop(0).removeReader(listening[0]);
            }
            if (s != null) {
                s.close();
            }
        } finally {
            if (i < listening.length) {
                closeQuietly(listening[i]);
            }
        }
        if (s == null) {
            drained.get(i).complete(null);
        } else {
            Asyncio.toCompletableFuture(s.waitClosed()).whenComplete((x, e) -> drained.get(i).complete(null));
        }
    }

    /**
     * Completes once the server is closed and every connection's handler task is done, on every loop (or the loop
     * stopped).
     *
     * @return a future of the end of the last connection
     */
    public CompletableFuture<Void> waitClosed() {
        return CompletableFuture.allOf(drained.toArray(new CompletableFuture<?>[0]));
    }

    /** On loop {@code i}'s thread once its loop has closed: closes the connection sockets still open. */
    private int closeLeftovers(int i) {
        int n = 0;
        for (SocketChannel ch : sockets.get(i)) {
            if (ch.isOpen()) {
                closeQuietly(ch);
                n++;
            }
        }
        sockets.get(i).clear();
        if (i < listening.length) {
            closeQuietly(listening[i]);
        }
        drained.get(i).complete(null);
        return n;
    }

    /** {@return the port every loop serves} */
    public int port() {
        return port;
    }

    /** {@return how connections are spread: {@link AcceptMode#AUTO} resolved to the mode in use} */
    public AcceptMode mode() {
        return mode;
    }

    /** {@return whether the server still accepts connections} */
    public boolean isServing() {
        return !closing;
    }

    /** {@return per loop, how many connections it has served since the server started} */
    public long[] connectionsServed() {
        long[] r = new long[served.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = served.get(i);
        }
        return r;
    }

    /** {@return per loop, how many of its connections' sockets are open now} */
    public int[] openConnections() {
        int[] r = new int[open.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = open.get(i);
        }
        return r;
    }

    private static void closeAll(ServerSocketChannel[] channels) {
        for (ServerSocketChannel ch : channels) {
            if (ch != null) {
                closeQuietly(ch);
            }
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Closing is best effort here: the socket is released either way.
        }
    }

    @Override
    public String toString() {
        return "GroupServer[port=" + port + " mode=" + mode + " loops=" + servers.length
                + (closing ? " closed" : "") + "]";
    }
}
