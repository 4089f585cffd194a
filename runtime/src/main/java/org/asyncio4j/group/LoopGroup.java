package org.asyncio4j.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.streams.ClientHandler;

/**
 * N event loops, each on a thread of its own, started and stopped as one: asyncio4j's counterpart of Netty's
 * {@code EventLoopGroup} (and of Vert.x's event loops). asyncio has none; its users add cores with one process per
 * core. Inside each loop everything keeps asyncio's single-threaded semantics; between loops, use
 * {@link CrossLoop} (and README's "Using every core" for what may be shared).
 *
 * <p>Thread-safe: every method may be called from any thread, except the blocking {@link #shutdown()} and
 * {@link #close()}, which a loop of the group cannot call on itself (use {@link #shutdownAsync()} there).
 *
 * <pre>
 *   start ──▶ running (each loop runs a keeper task under Asyncio.run)
 *   running ──shutdown──▶ servers closed (no more accepts) ──▶ each keeper returns; Asyncio.run cancels and awaits
 *       the loop's other tasks, reports their failures, closes the loop ──▶ sockets still open closed ──▶
 *       threads ended; the {@link ShutdownReport} lists what was left
 * </pre>
 * {@link #run(int, Function)} runs a main coroutine with the group at hand, and {@link #runOnEach(int, Function)} a
 * coroutine on every loop; both shut the group down afterwards, as {@link Asyncio#run} does a single loop.
 */
public final class LoopGroup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoopGroup.class.getName());
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final List<Member> members;
    private final List<EventLoop> loops;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<GroupServer> servers = ConcurrentHashMap.newKeySet();
    /** Guarded by {@code this}: non-null once shutdown began. */
    private CompletableFuture<ShutdownReport> shutdown;

    private LoopGroup(int size, String name, Supplier<EventLoop> loopFactory, Consumer<EventLoop> configure) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one loop: " + size);
        }
        List<Member> ms = new ArrayList<>(size);
        List<EventLoop> ls = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            EventLoop loop = Objects.requireNonNull(loopFactory.get(), "the loop factory returned null");
            ms.add(new Member(i, loop, name + "-loop-" + i, configure));
            ls.add(loop);
        }
        this.members = List.copyOf(ms);
        this.loops = List.copyOf(ls);
        for (Member m : members) {
            m.thread.start();
        }
    }

    /** {@return a group of one loop per available processor, started} */
    public static LoopGroup start() {
        return start(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts {@code size} loops, on real time, each on a new (non-daemon) thread named
     * {@code asyncio4j-group-G-loop-I}.
     *
     * @param size how many loops
     * @return the group, running
     */
    public static LoopGroup start(int size) {
        return start(size, null);
    }

    /**
     * As {@link #start(int)}, running {@code configure} on each loop's thread before the loop starts (to turn on
     * debug mode, set an exception handler, start a watchdog...).
     *
     * @param size how many loops
     * @param configure run once per loop, on its thread; may be {@code null}
     * @return the group, running
     */
    public static LoopGroup start(int size, Consumer<EventLoop> configure) {
        return start(size, "asyncio4j-group-" + GROUPS.incrementAndGet(), EventLoop::new, configure);
    }

    /**
     * The general form: {@code loopFactory} makes the loops (a {@link EventLoop#virtualTime()} loop, say), and the
     * threads are named {@code name-loop-I}.
     *
     * @param size how many loops
     * @param name the prefix of the threads' names
     * @param loopFactory makes each loop (on the calling thread)
     * @param configure run once per loop, on its thread, before it starts; may be {@code null}
     * @return the group, running
     */
    public static LoopGroup start(int size, String name, Supplier<EventLoop> loopFactory,
            Consumer<EventLoop> configure) {
        return new LoopGroup(size, Objects.requireNonNull(name, "name"), loopFactory, configure);
    }

    /**
     * Runs {@code main}'s coroutine as a task on the group's first loop, with the group at hand, and shuts the group
     * down once it is done (whatever else is still running on any loop is cancelled, as {@link Asyncio#run} cancels
     * a loop's leftovers). Returns the result or throws the failure unwrapped.
     *
     * @param <T> the result type
     * @param size how many loops
     * @param main makes the main coroutine (called on the calling thread; coroutines are lazy)
     * @return the main coroutine's result
     */
    public static <T> T run(int size, Function<LoopGroup, Coroutine<T>> main) {
        LoopGroup group = start(size);
        try {
            return join(group.submit(0, main.apply(group)));
        } finally {
            group.close();
        }
    }

    /**
     * Runs a coroutine on every loop (made by {@code body} on that loop's thread) and returns their results, by loop
     * index, once all are done; then shuts the group down. The first failure is thrown, unwrapped, once all are
     * done.
     *
     * @param <T> the result type
     * @param size how many loops
     * @param body makes each loop's coroutine, on its thread
     * @return the results, by loop index
     */
    public static <T> List<T> runOnEach(int size, Function<EventLoop, Coroutine<T>> body) {
        try (LoopGroup group = start(size)) {
            return join(group.onEach(body));
        }
    }

    /** {@return how many loops} */
    public int size() {
        return members.size();
    }

    /**
     * The loop at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the loop
     */
    public EventLoop loop(int index) {
        return loops.get(index);
    }

    /** {@return the loops, by index} */
    public List<EventLoop> loops() {
        return loops;
    }

    /** {@return the next loop in turn (Netty's {@code EventLoopGroup.next()}): a round-robin chooser} */
    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /**
     * The index of {@code loop} in this group.
     *
     * @param loop a loop
     * @return its index, or -1 if it is not a member
     */
    public int indexOf(EventLoop loop) {
        return loops.indexOf(loop);
    }

    /** {@return the index of the loop running on the calling thread, or -1 if that is not a loop of this group} */
    public int currentIndex() {
        Thread me = Thread.currentThread();
        for (Member m : members) {
            if (m.thread == me) {
                return m.index;
            }
        }
        return -1;
    }

    /**
     * Runs {@code coroutine} as a task on loop {@code index}: {@link Asyncio#runCoroutineThreadsafe} towards a
     * member. From a coroutine of the group, {@link CrossLoop#call} gives a future of the caller's loop instead.
     *
     * @param <T> the result type
     * @param index the loop's index
     * @param coroutine a coroutine not yet awaited or scheduled
     * @return a future of the outcome; cancelling it cancels the task
     */
    public <T> CompletableFuture<T> submit(int index, Coroutine<T> coroutine) {
        return Asyncio.runCoroutineThreadsafe(coroutine, loop(index));
    }

    /**
     * Runs a coroutine on every loop, each made by {@code body} on its loop's thread (so it may call
     * {@link Asyncio#getRunningLoop()}).
     *
     * @param <T> the result type
     * @param body makes each loop's coroutine
     * @return a future of the results by loop index; it fails with the first failure once all are done
     */
    public <T> CompletableFuture<List<T>> onEach(Function<EventLoop, Coroutine<T>> body) {
        Objects.requireNonNull(body, "body");
        List<CompletableFuture<T>> each = new ArrayList<>();
        for (EventLoop loop : loops) {
            CompletableFuture<T> cf = new CompletableFuture<>();
            each.add(cf);
            try {
                loop.callSoonThreadsafe(() -> {
                    try {
                        Asyncio.toCompletableFuture(loop.createTask(body.apply(loop))).whenComplete((v, e) -> {
                            if (e != null) {
                                cf.completeExceptionally(e);
                            } else {
                                cf.complete(v);
                            }
                        });
                    } catch (RuntimeException e) {
                        cf.completeExceptionally(e);
                    }
                });
            } catch (IllegalStateException closed) {
                cf.completeExceptionally(closed);
            }
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).handle((x, ignored) -> {
            List<T> results = new ArrayList<>(each.size());
            for (CompletableFuture<T> cf : each) {
                results.add(cf.join());             // throws the first failure, in loop order
            }
            return results;
        });
    }

    /**
     * Starts a {@link GroupServer} on every loop of this group, with {@link AcceptMode#AUTO}.
     *
     * @param handler the coroutine to run for each connection (the same as {@link Asyncio#startServer}'s)
     * @param host the address to listen on
     * @param port the port, or 0 for one the OS chooses
     * @return a future of the server, serving on every loop
     */
    public CompletableFuture<GroupServer> startServer(ClientHandler handler, String host, int port) {
        return startServer(handler, host, port, AcceptMode.AUTO);
    }

    /**
     * Starts a {@link GroupServer} on every loop of this group.
     *
     * @param handler the coroutine to run for each connection (the same as {@link Asyncio#startServer}'s)
     * @param host the address to listen on
     * @param port the port, or 0 for one the OS chooses
     * @param mode how connections are spread over the loops
     * @return a future of the server, serving on every loop
     */
    public CompletableFuture<GroupServer> startServer(ClientHandler handler, String host, int port, AcceptMode mode) {
        return GroupServer.start(this, handler, host, port, mode);
    }

    /**
     * Shuts the group down without blocking: closes its servers (no more accepts), then lets each loop's keeper
     * return, so that {@link Asyncio#run}'s rules cancel and await every other task, report failures and close the
     * loop; then closes the group servers' sockets still open and ends the threads. Calling it again returns the
     * same future.
     *
     * @return a future of the report, completed once every thread has ended
     */
    public synchronized CompletableFuture<ShutdownReport> shutdownAsync() {
        if (shutdown != null) {
            return shutdown;
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        shutdown = new CompletableFuture<>();
        for (GroupServer s : servers) {
            closing.add(s.close());
        }
        CompletableFuture<Void> terminated = CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                .handle((x, e) -> {
                    members.forEach(Member::requestStop);
                    return null;
                })
                .thenCompose(x -> CompletableFuture.allOf(
                        members.stream().map(m -> m.terminated).toArray(CompletableFuture<?>[]::new)));
        CompletableFuture<ShutdownReport> result = shutdown;
        terminated.whenComplete((x, e) -> result.complete(report()));
        return result;
    }

    /**
     * As {@link #shutdownAsync()}, waiting for the threads to end.
     *
     * @throws IllegalStateException if called on one of the group's own loops (it would wait for itself)
     * @return what was left over
     */
    public ShutdownReport shutdown() {
        if (currentIndex() >= 0) {
            throw new IllegalStateException("a loop of the group cannot wait for its own shutdown: use shutdownAsync()");
        }
        CompletableFuture<ShutdownReport> f = shutdownAsync();
        for (Member m : members) {
            boolean interrupted = false;
            for (;;) {
                try {
                    m.thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;     // finish the shutdown; the caller sees the interrupt status
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return f.join();
    }

    /** As {@link #shutdown()}; logs the report (at INFO) if something was left over. */
    @Override
    public void close() {
        ShutdownReport r = shutdown();
        if (!r.isClean()) {
            LOG.log(System.Logger.Level.INFO, "LoopGroup shut down with leftovers: {0}", r);
        }
    }

    /** {@return whether shutdown has begun} */
    public synchronized boolean isShutDown() {
        return shutdown != null;
    }

    /** Registers a server to close at shutdown; {@code false} if shutdown has begun (the server must not start). */
    synchronized boolean register(GroupServer server) {
        if (shutdown != null) {
            return false;
        }
        servers.add(server);
        return true;
    }

    void unregister(GroupServer server) {
        servers.remove(server);
    }

    Member member(int index) {
        return members.get(index);
    }

    private ShutdownReport report() {
        List<List<String>> leftovers = new ArrayList<>();
        List<Integer> sockets = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (Member m : members) {
            leftovers.add(m.leftovers);
            sockets.add(m.socketsClosed);
            failures.add(m.failure);
        }
        return new ShutdownReport(leftovers, sockets, failures);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw LoopGroup.<RuntimeException>sneaky(e.getCause() != null ? e.getCause() : e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public String toString() {
        return "LoopGroup[size=" + members.size() + (isShutDown() ? " shut down" : "") + "]";
    }
}
