package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.asyncio4j.internal.InternalApi;
import org.asyncio4j.internal.SelectorIo;
import org.asyncio4j.internal.SocketOps;

/**
 * A single-threaded event loop: runs callbacks, timers and {@link Task} steps one at a time, on the thread that
 * calls {@link #runForever()} or {@link #runUntilComplete(Awaitable)}.
 *
 * <p>Not thread-safe; use only from its event loop's thread. The one exception is
 * {@link #callSoonThreadsafe(Runnable)}, the single entry point for other threads, which also wakes a loop that is
 * waiting. (With {@link #setDebug(boolean) debug} on, loop-only methods check the calling thread.)
 *
 * <h2>One pass of the loop</h2>
 * Each pass (the private {@code runOnce}, the only place where callbacks run):
 * <ol>
 *   <li>waits, if nothing is ready and the loop is not stopping, until the earliest timer is due, another
 *       thread calls {@code callSoonThreadsafe}, or (once the loop does I/O) a registered channel is ready (a
 *       {@linkplain #virtualTime() virtual-time} loop does not wait for a timer: it polls its channels and, if
 *       none is ready, moves its clock to the earliest deadline; with no timer it waits like a real loop);</li>
 *   <li>moves the ready I/O callbacks, the callbacks from other threads and the timers that are due to the ready
 *       queue, timers in deadline order (equal deadlines in scheduling order). A loop with registered channels
 *       polls them in every pass, without waiting, even when callbacks are ready, so busy tasks do not starve
 *       I/O;</li>
 *   <li>runs exactly the callbacks that were ready at that point, in FIFO order. Callbacks they schedule run in the
 *       next pass, so a task that yields cannot starve the others.</li>
 * </ol>
 * An exception thrown by a callback goes to the {@linkplain #setExceptionHandler exception handler} (by default
 * logged through {@link System.Logger}) and never stops the loop.
 *
 * <h2>States</h2>
 * <pre>
 *   idle ──runForever / runUntilComplete──▶ running ──stop(), then the current pass ends──▶ idle
 *   idle ──close()──▶ closed
 * </pre>
 * <p>{@link #stop()} before {@link #runForever()} makes the next run do exactly one pass. Interrupting the loop's
 * thread while the loop waits acts like {@code stop()}; the interrupt status stays set. Closing a running loop, and
 * running a closed loop or a loop that is already running, throw {@link IllegalStateException}; so does running a
 * loop on a thread where another loop is running.
 *
 * <h2>Waiting and I/O</h2>
 * A loop waits by parking its thread until its first I/O call ({@link #addReader}, {@link #addWriter}, the
 * {@code sock*} methods, and the streams built on them) opens a {@link java.nio.channels.Selector}; from then on
 * it waits in {@code select}, and {@code callSoonThreadsafe} wakes it with {@link java.nio.channels.Selector#wakeup()}.
 * One thread serves callbacks, timers, socket readiness and wake-ups: no busy-waiting and no thread per
 * connection. Loops that never do I/O keep no selector open (it holds file descriptors until
 * {@link #close()}). Interest in a channel is registered only while a callback is installed; see
 * {@code SelectorIo}.
 *
 * <p>(This file runs past 500 lines, about 435 of its ~1,120 Javadoc: the loop's public surface mirrors asyncio's
 * {@code AbstractEventLoop} and belongs in one class. The class itself keeps scheduling and running; the rest are
 * doors: the timer heap is {@code TimerQueue}, I/O is {@code org.asyncio4j.internal.SelectorIo} and
 * {@code SocketOps}, errors go through {@code LoopErrors}, debug instrumentation is {@code LoopDiagnostics}, the
 * pending tasks are {@code LiveTasks}, executors are {@code ToThread}'s, and shuffle mode is {@code ShuffleMode}.)
 */
public final class EventLoop {
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    /** Timers due within this much of {@link #time()} run in the current pass. */
    private static final double CLOCK_RESOLUTION = 1e-9;

    private final Clock clock;
    /** Non-null for a virtual-time loop, which jumps its clock forward instead of waiting. */
    private final VirtualClock virtualClock;

    /** Handles and task steps ({@link Task} objects, so that a wake-up allocates nothing), in FIFO order. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    /** Callbacks from other threads, moved to {@link #ready} at the start of each pass. */
    private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();

    /**
     * The selector and its reader/writer callbacks, made by the first I/O call ({@link #addReader} and the
     * {@code sock*} methods); {@code null} until then, and the loop parks instead of selecting. Volatile because
     * other threads read it to choose how to wake the loop; once set it changes only at {@link #close()}.
     */
    private volatile SelectorIo io;

    /** The thread running the loop, or {@code null}; read by other threads to wake the loop. */
    private volatile Thread thread;
    private volatile boolean closed;
    private boolean stopping;
    private boolean debug;

    private Task<?> currentTask;
    /**
     * A frame that a frame-less coroutine call created when it suspended, waiting for its caller to link it (see
     * {@code Coroutine.publishUnlinked}); {@code null} outside that moment of a step.
     */
    Coroutine<?> unlinkedFrame;
    /**
     * Async generators that started on this loop and have not finished, weakly (asyncio's {@code _asyncgens});
     * created by the first one, closed by {@link #shutdownAsyncGenerators()}.
     */
    java.util.Set<AsyncGenerator<?>> asyncGenerators;
    /**
     * The bits of a primitive that a frame-less call returned unboxed, between its return and its caller's read
     * (see {@code UnboxedResult}); one slot per loop, because only one of its frames runs at a time.
     */
    long unboxedBits;
    /** The descriptor letter of the primitive in {@link #unboxedBits}, or 0 when it holds none. */
    char unboxedType;
    /** The pending tasks; the list also keeps a running task strongly reachable (see {@link LiveTasks}). */
    private final LiveTasks liveTasks = new LiveTasks();
    private long taskCounter;
    /** Runs {@link Asyncio#toThread} work; made on first use by {@code ToThread}, shut down by {@link #close()}. */
    java.util.concurrent.ExecutorService defaultExecutor;

    // ---- diagnostics (see LoopDiagnostics for the slow-step, watchdog and report plumbing) ----
    /** Whether each callback is wrapped by {@link LoopDiagnostics} (debug or watchdog on); false on the hot path. */
    private boolean instrumented;
    final LoopDiagnostics diagnostics = new LoopDiagnostics(this);
    /** The exception handler, and the failures nobody has observed yet (reported at {@link #close()}). */
    private final LoopErrors errors = new LoopErrors(this);
    /** Orders {@link #close()} against reports arriving from other threads (Cleaner actions). */
    private final Object reportLock = new Object();
    /** Non-null in shuffle mode: permutes the task steps and done callbacks of each pass. */
    private ShuffleMode shuffle;
    private boolean eagerTasks;

    /** Creates a loop on the real monotonic clock, {@link System#nanoTime()}. */
    public EventLoop() {
        this(Clock.system());
    }

    /**
     * Creates a loop that reads time from {@code clock} (and waits in real time; see {@link Clock}).
     *
     * @param clock the time source
     */
    public EventLoop(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.virtualClock = clock instanceof VirtualClock ? (VirtualClock) clock : null;
    }

    /**
     * Creates a loop on virtual time: {@link #time()} starts at 0.0 and, whenever nothing is ready to run, jumps
     * straight to the earliest timer's deadline instead of waiting. Timing code then runs instantly and
     * deterministically, which is what tests want: {@code await(sleep(3))} finishes at once with
     * {@code time() == 3.0}. If nothing is ready and no timer is pending, the loop waits (for real) for
     * {@link #callSoonThreadsafe} or, once it does I/O, for a registered channel to become ready (it selects
     * without timeout: nothing else could make progress). With a timer pending it only polls its channels, and
     * jumps to the timer if none is ready. Work running on other threads does not hold virtual time back: when a timer
     * is
     * pending the clock jumps to it at once.
     *
     * @return a new virtual-time loop
     */
    public static EventLoop virtualTime() {
        return new EventLoop(new VirtualClock());
    }

    /**
     * A {@linkplain #virtualTime() virtual-time} loop in <em>shuffle mode</em>, for tests that look for hidden
     * ordering assumptions. asyncio runs the callbacks of a pass in FIFO order, and programs may rely on that for
     * {@code callSoon}; they should not rely on the order in which <em>concurrent tasks</em> happen to be
     * scheduled. So, at the start of each pass, the entries that are task steps (a task's first step, a wake-up,
     * a {@code sleep(0)}) and future done callbacks are permuted among the positions they occupy, with a
     * pseudo-random generator seeded with {@code shuffleSeed}; plain callbacks ({@link #callSoon},
     * {@link #callLater}, {@link #callAt}, {@link #callSoonThreadsafe}) keep their positions, so they still run
     * in FIFO order relative to one another and to the pass. What runs in which pass is unchanged; only the
     * order inside a pass differs, and the same seed gives the same order for the same program.
     *
     * @param shuffleSeed the seed of the order's pseudo-random generator
     * @return a new virtual-time loop
     */
    public static EventLoop virtualTime(long shuffleSeed) {
        EventLoop loop = virtualTime();
        loop.shuffle = new ShuffleMode(shuffleSeed);
        return loop;
    }

    // ---- scheduling (loop thread only) ----

    /**
     * Schedules {@code callback} to run in a later pass of the loop, after the callbacks already scheduled.
     *
     * @param callback the callback to run on the loop's thread
     * @throws IllegalStateException if the loop is closed
     * @return a handle that can cancel the callback
     */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkOpen();
        checkThread();
        Handle h = new Handle(callback);
        ready.add(h);
        return h;
    }

    /**
     * Schedules {@code callback} to run {@code delaySeconds} from now (loop time). A zero or negative delay
     * means "as soon as possible", and earlier deadlines still run first: {@code callLater(-2, a)} runs before
     * {@code callLater(-1, b)}.
     *
     * @param delaySeconds the delay in seconds
     * @param callback the callback to run on the loop's thread
     * @throws IllegalArgumentException if the delay is NaN
     * @throws IllegalStateException if the loop is closed
     * @return a handle that can cancel the callback
     */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        if (Double.isNaN(delaySeconds)) {
            throw new IllegalArgumentException("delay must not be NaN");
        }
        return callAt(time() + delaySeconds, callback);
    }

    /**
     * Schedules {@code callback} to run when {@link #time()} reaches {@code when}. Timers with equal deadlines
     * run in the order they were scheduled.
     *
     * @param when a deadline in loop time ({@link EventLoop#time()}), in seconds
     * @param callback the callback to run on the loop's thread
     * @throws IllegalArgumentException if {@code when} is NaN
     * @throws IllegalStateException if the loop is closed
     * @return a handle that can cancel the callback
     */
    public TimerHandle callAt(double when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when must not be NaN");
        }
        checkOpen();
        checkThread();
        return timers.add(when, callback, this);
    }

    /**
     * Schedules {@code callback} from any thread and wakes the loop if it is waiting. The callback runs on the
     * loop's thread, in the loop's next pass. Thread-safe.
     *
     * @param callback the callback to run on the loop's thread
     * @throws IllegalStateException if the loop is closed
     * @return a handle that can cancel the callback
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkOpen();
        Handle h = new Handle(callback);
        threadsafe.add(h);
        wakeUp();
        return h;
    }

    /**
     * {@return the loop's time in seconds: monotonic, from the loop's {@link Clock} (0.0 at start for virtual time)}
     */
    public double time() {
        return clock.nanoTime() / 1e9;
    }

    /**
     * Creates a pending future attached to this loop.
     *
     * @param <T> the result type
     * @return a new pending future
     */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Wraps {@code coro} in a task whose first step is scheduled now (it runs in a later pass).
     *
     * @param <T> the result type
     * @param coro the coroutine (not yet awaited or scheduled)
     * @throws IllegalStateException if the loop is closed, or {@code coro} was already awaited or scheduled
     * @return the new task
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * As {@link #createTask(Coroutine)}, naming the task {@code name} ({@code null}: the default "Task-N").
     *
     * @param <T> the result type
     * @param coro the coroutine (not yet awaited or scheduled)
     * @param name the name ({@code null}: the default)
     * @return the new task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, eagerTasks);
    }

    /**
     * As {@link #createTask(Coroutine, String)}, starting the task eagerly if {@code eager} (asyncio 3.12's
     * {@code eager_start}): when this loop is running on the calling thread, the coroutine's first step runs
     * synchronously inside this call, up to its first real suspension; a coroutine that finishes without
     * suspending returns an already-done task, and its done callbacks (added later) are still scheduled, never
     * run inline. The ordering differs from a lazy task's: the new task's first step runs before the creator's
     * next statement and before every callback already in the ready queue, and {@link Asyncio#currentTask()} is
     * the new task during that step. When the loop is not running, the task starts lazily as usual.
     *
     * @param <T> the result type
     * @param coro the coroutine (not yet awaited or scheduled)
     * @param name the name ({@code null}: the default)
     * @param eager whether the task's first step runs at once, inside this call (asyncio's eager task factory)
     * @throws IllegalStateException if the loop is closed, or {@code coro} was already awaited or scheduled
     * @return the new task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, boolean eager) {
        Objects.requireNonNull(coro, "coro");
        checkOpen();
        checkThread();
        return new Task<>(this, coro, name, eager && RUNNING.get() == this);
    }

    /**
     * Makes {@link #createTask(Coroutine)} and {@link Asyncio#createTask} start tasks eagerly (default off).
     *
     * @param eager whether tasks start eagerly by default
     */
    public void setEagerTasks(boolean eager) {
        this.eagerTasks = eager;
    }

    /** {@return whether tasks start eagerly by default} */
    public boolean isEagerTasks() {
        return eagerTasks;
    }

    // ---- I/O (loop thread only; channels must be non-blocking) ----

    /**
     * Calls {@code callback} (in a pass of the loop) whenever {@code channel} is readable, or, for a
     * {@link java.nio.channels.ServerSocketChannel}, has a connection to accept, until {@link #removeReader}.
     * Replaces the channel's previous reader. The first I/O call opens the loop's {@link java.nio.channels.Selector};
     * from then on the loop waits in it (see the class Javadoc).
     *
     * @param channel a non-blocking channel
     * @param callback the callback to run on the loop's thread
     * @throws IllegalArgumentException if the channel is in blocking mode
     * @throws java.io.UncheckedIOException if the channel is closed
     */
    public void addReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread();
        io().add(channel, callback, false);
    }

    /**
     * Removes {@code channel}'s reader; returns whether there was one. Its interest is dropped at once.
     *
     * @param channel a non-blocking channel
     * @return whether the channel had a reader
     */
    public boolean removeReader(java.nio.channels.SelectableChannel channel) {
        checkThread();
        SelectorIo s = io;
        return s != null && !closed && s.remove(channel, false);
    }

    /**
     * As {@link #addReader}, for writability (or, for a connecting {@code SocketChannel}, connection).
     *
     * @param channel a non-blocking channel
     * @param callback the callback to run on the loop's thread
     */
    public void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread();
        io().add(channel, callback, true);
    }

    /**
     * Removes {@code channel}'s writer; returns whether there was one.
     *
     * @param channel a non-blocking channel
     * @return whether the channel had a writer
     */
    public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
        checkThread();
        SelectorIo s = io;
        return s != null && !closed && s.remove(channel, true);
    }

    /**
     * Reads into {@code buffer} once data is available: the future's result is the number of bytes read, at
     * least 1, or -1 at end of stream (0 only if the buffer has no room). Cancelling the future removes the
     * interest in the channel.
     *
     * @param channel a non-blocking channel
     * @param buffer the buffer to read into or write from
     * @return a future of the number of bytes read (-1 at end of stream)
     */
    public Future<Integer> sockRecv(java.nio.channels.SocketChannel channel, java.nio.ByteBuffer buffer) {
        checkOpen();
        return SocketOps.recv(this, channel, buffer);
    }

    /**
     * Writes all of {@code buffer}'s remaining bytes, waiting for writability as needed.
     *
     * @param channel a non-blocking channel
     * @param buffer the buffer to read into or write from
     * @return a future that completes once every byte was written
     */
    public Future<Void> sockSendall(java.nio.channels.SocketChannel channel, java.nio.ByteBuffer buffer) {
        checkOpen();
        return SocketOps.sendall(this, channel, buffer);
    }

    /**
     * Accepts a connection; the result is the new channel, already non-blocking.
     *
     * @param server a non-blocking server channel
     * @return a future of the accepted channel
     */
    public Future<java.nio.channels.SocketChannel> sockAccept(java.nio.channels.ServerSocketChannel server) {
        checkOpen();
        return SocketOps.accept(this, server);
    }

    /**
     * Connects {@code channel} to {@code address}; fails with the {@link java.io.IOException} of the connection
     * (for example {@link java.net.ConnectException} "Connection refused").
     *
     * @param channel a non-blocking channel
     * @param address the address to connect to
     * @return a future that completes once connected
     */
    public Future<Void> sockConnect(java.nio.channels.SocketChannel channel, java.net.SocketAddress address) {
        checkOpen();
        return SocketOps.connect(this, channel, address);
    }

    private SelectorIo io() {
        SelectorIo s = io;
        if (s == null) {
            s = new SelectorIo();
            io = s;
        }
        return s;
    }

    /**
     * Not API: the selector, or {@code null} before the first I/O call. Public only for the streams package's tests,
     * which check a socket's selection key.
     *
     * @return the loop's selector, or {@code null}
     */
    @InternalApi
    public java.nio.channels.Selector selectorForTesting() {
        SelectorIo s = io;
        return s == null ? null : s.selector;
    }

    // ---- running ----

    /**
     * Runs the loop until {@code awaitable} is done and returns its result, or throws its failure unwrapped. A
     * coroutine is first wrapped in a task.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @throws IllegalStateException "Event loop stopped before Future completed." if {@link #stop()} ended the run
     *     first; or if the loop is closed or already running
     * @throws IllegalArgumentException if the future belongs to another loop
     * @return the awaitable's result
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        Objects.requireNonNull(awaitable, "awaitable");
        checkOpen();
        checkNotRunning();
        Future<T> future = ensureFuture(awaitable);
        Consumer<Future<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /**
     * Runs passes until {@link #stop()} is called; the pass during which it is called still finishes.
     *
     * @throws IllegalStateException if the loop is closed or already running, or another loop runs on this thread
     */
    public void runForever() {
        checkOpen();
        checkNotRunning();
        thread = Thread.currentThread();
        RUNNING.set(this);
        LoopRegistry.started(this);
        try {
            runUntilStopped();
        } finally {
            stopping = false;
            RUNNING.remove();
            LoopRegistry.stopped(this);
            thread = null;
        }
    }

    /**
     * The loop itself, in a method of its own: HotSpot compiles a long-running loop on-stack, and keeping this method
     * free of the run's setup and teardown (registry, thread bookkeeping) keeps that compiled loop as small as the
     * loop (W2 measured this: see README's Performance section).
     */
    private void runUntilStopped() {
        for (;;) {
            runOnce();
            if (stopping) {
                return;
            }
        }
    }

    /**
     * Asks the loop to stop after the current pass (or, if it is not running, after the first pass of the next run).
     */
    public void stop() {
        stopping = true;
    }

    /** {@return whether the loop is running} */
    public boolean isRunning() {
        return thread != null;
    }

    /** {@return whether the loop was closed} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop, discarding pending callbacks and timers. Closing a closed loop does nothing.
     *
     * @throws IllegalStateException if the loop is running
     */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        synchronized (reportLock) {
            closed = true;
        }
        closeDiagnostics();
        ready.clear();
        timers.clear();
        threadsafe.clear();
        if (defaultExecutor != null) {
            defaultExecutor.shutdownNow();      // interrupts toThread work still running; does not wait for it
        }
        SelectorIo s = io;
        if (s != null) {
            s.close();                          // channels stay open: they belong to their owners
        }
    }

    /**
     * Closes every {@link AsyncGenerator} that started on this loop and has not finished (asyncio's
     * {@code loop.shutdown_asyncgens()}), each in a task of its own, so that their {@code finally} blocks run; a
     * failure to close one goes to the {@linkplain #setExceptionHandler exception handler}. {@link Asyncio#run} does
     * this when its main task is done.
     *
     * @return a future done when they are closed; it never fails
     */
    public Future<Void> shutdownAsyncGenerators() {
        return AsyncGenerator.shutdownAll(this);
    }

    // ---- errors and debugging ----

    /**
     * Sets the handler for exceptions that escape callbacks (and other errors the loop cannot deliver to anyone);
     * {@code null} restores the default, which logs. The context map holds {@code "message"} and, when known,
     * {@code "exception"}, {@code "handle"}, {@code "task"} and {@code "future"}.
     *
     * @param handler the handler, or {@code null} for the default (which logs)
     */
    public void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
        errors.setHandler(handler);
    }

    /**
     * Passes {@code context} to the exception handler; if the handler itself throws, logs both.
     *
     * @param context the context map: {@code "message"} and, when known, {@code "exception"}, {@code "task"}, ...
     */
    public void callExceptionHandler(Map<String, Object> context) {
        errors.call(context);
    }

    /**
     * Logs {@code context} at ERROR level through {@link System.Logger}.
     *
     * @param context the context map: {@code "message"} and, when known, {@code "exception"}, {@code "task"}, ...
     */
    public void defaultExceptionHandler(Map<String, Object> context) {
        LoopErrors.log(context);
    }

    /**
     * Turns debug mode on or off. With debug on:
     * <ul>
     *   <li>loop-only scheduling methods throw if called from a thread other than the one running the loop;</li>
     *   <li>a callback or task step that runs for {@link #setSlowCallbackDuration slowCallbackDuration} or longer
     *       (measured on the loop's {@link Clock}, as asyncio measures on {@code loop.time()}) is reported to the
     *       {@linkplain #setDebugReporter debug reporter}, naming the task and, for a coroutine, the frame's class
     *       and the state it resumed at (see {@link LoopDiagnostics});</li>
     *   <li>coroutines created while any loop is in debug mode are tracked, and one that is garbage-collected
     *       without ever being awaited or scheduled is reported as "coroutine ... was never awaited" (see
     *       {@link Coroutine}).</li>
     * </ul>
     * With debug off none of this costs anything on the hot paths: one boolean test per callback.
     *
     * @param enabled whether debug mode is on
     */
    public void setDebug(boolean enabled) {
        if (enabled != debug && !closed) {
            CoroutineOrigin.debugLoopCount(enabled ? 1 : -1);
        }
        this.debug = enabled;
        instrumented = enabled || diagnostics.watchdogEnabled();
    }

    /**
     * Sets how long a callback or task step may run before debug mode reports it (default 0.1 seconds).
     *
     * @param seconds a duration in seconds
     */
    public void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("slowCallbackDuration must be >= 0: " + seconds);
        }
        diagnostics.slowNanos = (long) Math.min(seconds * 1e9, Long.MAX_VALUE);
    }

    /** {@return the slow-callback threshold in seconds} */
    public double getSlowCallbackDuration() {
        return diagnostics.slowNanos / 1e9;
    }

    /**
     * Sets where debug warnings go (slow steps, the watchdog, never-awaited coroutines): a consumer of a context
     * map with at least {@code "message"}; {@code null} restores the default, which logs at WARNING through
     * {@link System.Logger}. The watchdog and the coroutine tracker call it from their own threads, so it must be
     * thread-safe.
     *
     * @param reporter receives the debug warnings (from any thread), or {@code null} for the default (which logs)
     */
    public void setDebugReporter(Consumer<Map<String, Object>> reporter) {
        diagnostics.reporter = reporter;
    }

    /**
     * Starts a watchdog: a daemon thread that notices, while it happens, that this loop has been inside one
     * callback or task step for {@code thresholdSeconds} of real time or longer, and reports the loop thread's
     * current stack trace to the {@linkplain #setDebugReporter debug reporter} once per stall (asyncio only reports
     * slow callbacks after they return). Replaces a running watchdog; {@link #close()} stops it. Opt-in and meant
     * for debugging: while it is on, each callback costs two volatile writes.
     *
     * @param thresholdSeconds how long one callback or step may run before it is reported, in seconds
     */
    public void startWatchdog(double thresholdSeconds) {
        if (!(thresholdSeconds > 0)) {
            throw new IllegalArgumentException("threshold must be > 0: " + thresholdSeconds);
        }
        checkOpen();
        diagnostics.startWatchdog((long) Math.min(thresholdSeconds * 1e9, Long.MAX_VALUE));
        instrumented = true;
    }

    /**
     * Takes a snapshot of this loop's pending tasks as a tree (asyncio 3.14's {@code capture_call_graph()} for
     * every task, as {@code python -m asyncio pstree} prints it): see {@link TaskTree}. Call it on the loop's thread;
     * from another thread it is a best-effort read (the watchdog and the JMX operation do that).
     *
     * @return the snapshot
     */
    public TaskTree taskTree() {
        return TaskTree.capture(this);
    }

    /** Stops the watchdog, if one runs. */
    public void stopWatchdog() {
        diagnostics.stopWatchdog();
        instrumented = debug;
    }

    /** {@return whether debug checks are on} */
    public boolean isDebug() {
        return debug;
    }

    @Override
    public String toString() {
        return "EventLoop[" + (closed ? "closed" : isRunning() ? "running" : "idle")
                + (virtualClock != null ? " virtual" : "") + " time=" + time() + " ready=" + ready.size()
                + " timers=" + timers.liveCount() + "]";
    }

    // ---- the one place where callbacks run ----

    /** One pass; see the class Javadoc. */
    private void runOnce() {
        timers.dropCancelled();
        Object jumpedTo = null;
        SelectorIo s = io;
        boolean polled = false;
        if (ready.isEmpty() && threadsafe.isEmpty() && !stopping) {
            Object next = timers.peek();
            if (s != null) {
                polled = true;
                jumpedTo = selectAndWait(s, next);
            } else if (next == null) {
                LockSupport.park(this);      // until callSoonThreadsafe; spurious wake-ups just make an empty pass
                stopIfInterrupted();
            } else if (virtualClock != null) {
                virtualClock.advanceTo(Math.round(timers.headWhen() * 1e9));
                jumpedTo = next;
            } else {
                double wait = timers.headWhen() - time();
                if (wait > 0) {
                    LockSupport.parkNanos(this, (long) Math.min(Math.ceil(wait * 1e9), Long.MAX_VALUE));
                    stopIfInterrupted();
                }
            }
        }
        if (!polled && s != null && s.hasKeys()) {
            s.select(0, ready);         // callbacks keep the loop busy: still poll I/O each pass, without waiting
        }
        if (!threadsafe.isEmpty()) {
            for (Handle h; (h = threadsafe.poll()) != null; ) {
                ready.add(h);
            }
        }
        Object due = timers.peek();
        if (due != null) {
            // Read the clock only when there is a timer: a pass of task steps alone needs no time.
            double end = time() + CLOCK_RESOLUTION;
            for (; due != null; due = timers.peek()) {
                // The timer virtual time jumped to is due even if rounding to nanoseconds left the clock a hair short.
                if (timers.headWhen() > end && due != jumpedTo) {
                    break;
                }
                ready.add(timers.remove());
            }
        }
        // Only what is ready now runs in this pass; callbacks scheduled meanwhile wait for the next one.
        int n = ready.size();
        if (shuffle != null && n > 1) {
            shuffle.permute(ready, n);
        }
        for (; n > 0; n--) {
            Object entry = ready.poll();
            if (instrumented) {
                diagnostics.runInstrumented(entry, debug);
            } else {
                runEntry(entry);
            }
        }
    }

    /**
     * The wait of a pass on a loop that has a selector: selects until a channel is ready, another thread wakes
     * the loop, or the earliest timer {@code next} is due. A virtual-time loop never waits for a timer: it polls
     * the selector and, if no channel is ready, jumps its clock to {@code next} (returned, so it runs this pass);
     * with no timer at all it selects without timeout, as a real loop does (only I/O or another thread can make
     * progress then).
     */
    private Object selectAndWait(SelectorIo s, Object next) {
        long timeoutMillis;
        if (next == null) {
            timeoutMillis = -1;
        } else if (virtualClock != null) {
            timeoutMillis = 0;
        } else {
            double wait = timers.headWhen() - time();
            timeoutMillis = wait <= 0 ? 0 : (long) Math.min(Math.ceil(wait * 1e3), Long.MAX_VALUE);
        }
        int n = s.select(timeoutMillis, ready);
        stopIfInterrupted();
        if (n == 0 && next != null && virtualClock != null && threadsafe.isEmpty()) {
            virtualClock.advanceTo(Math.round(timers.headWhen() * 1e9));
            return next;
        }
        return null;
    }

    /**
     * Runs one ready entry: a task step (the {@link Task}), a sleeping task's due timer (the {@link Task} too, told
     * apart by {@link Task#timer}: a task sleeping on its own timer has no step scheduled), a {@link Handle}, or a due
     * {@link Sleep}.
     */
    void runEntry(Object entry) {
        if (entry instanceof Task) {
            Task<?> t = (Task<?>) entry;
            if (t.timer == Task.TIMER_DUE) {
                t.ownTimerFired();
            } else {
                runTaskStep(t);
            }
        } else if (entry instanceof Handle) {
            Handle h = (Handle) entry;
            if (!h.cancelled) {
                runHandle(h);
            }
        } else {
            runSleepTimer((Sleep) entry);
        }
    }

    private void runSleepTimer(Sleep sleep) {
        try {
            sleep.fire();
        } catch (Throwable t) {
            // Completing a future only schedules callbacks; reaching here means a runtime bug.
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Exception in callback " + sleep);
            context.put("exception", t);
            callExceptionHandler(context);
        }
    }

    /**
     * At {@link #close()}: stops the watchdog, delivers reports that other threads queued, reports the tasks still
     * pending ("Task was destroyed but it is pending!", which asyncio reports when such a task is garbage-collected)
     * and the failures nobody retrieved from futures that are still referenced.
     */
    private void closeDiagnostics() {
        diagnostics.stopWatchdog();
        if (debug) {
            CoroutineOrigin.debugLoopCount(-1);
        }
        for (Handle h; (h = threadsafe.poll()) != null; ) {
            if (h instanceof LoopDiagnostics.ReportHandle && !h.cancelled) {
                runHandle(h);
            }
        }
        errors.reportAtClose(pendingTasks());
    }

    /**
     * Delivers a report from any thread to the exception handler: on the loop's thread in its next pass, or at
     * once on the calling thread if the loop is closed (nothing else would ever deliver it).
     */
    void deliverReport(Map<String, Object> context) {
        synchronized (reportLock) {
            if (!closed) {
                threadsafe.add(new LoopDiagnostics.ReportHandle(this, context));
                wakeUp();
                return;
            }
        }
        callExceptionHandler(context);
    }

    /**
     * Wakes the loop's thread if it waits, from another thread: through the selector once the loop has one, else
     * by unparking. The caller has already queued its handle, and the loop reads {@link #io} before it checks
     * that queue, so a caller that still saw no selector is seen by a loop that has just made one: the loop finds
     * the handle and does not wait. Waking before the loop waits is fine either way: an unpark leaves a permit,
     * and {@link java.nio.channels.Selector#wakeup()} makes the next select return at once.
     */
    private void wakeUp() {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            SelectorIo s = io;
            if (s != null) {
                s.wakeup();
            } else {
                LockSupport.unpark(t);
            }
        }
    }

    void trackUnobserved(UnobservedFailure u) {
        errors.track(u);
    }

    void untrackUnobserved(UnobservedFailure u) {
        errors.untrack(u);
    }

    Thread loopThread() {
        return thread;
    }

    Clock clock() {
        return clock;
    }

    /**
     * An interrupted thread's park returns at once, so an idle loop would spin. Treat the interrupt as
     * {@link #stop()} instead, and leave the interrupt status set for the code that called the loop.
     */
    private void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            stopping = true;
        }
    }

    void runHandle(Handle h) {
        try {
            h.run();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Exception in callback " + h);
            context.put("exception", t);
            context.put("handle", h);
            callExceptionHandler(context);
        }
    }

    void runTaskStep(Task<?> task) {
        try {
            task.step();
        } catch (Throwable t) {
            // Task.step catches everything its coroutine throws; reaching here means a runtime bug.
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Internal error in task step");
            context.put("exception", t);
            context.put("task", task);
            callExceptionHandler(context);
        }
    }

    /**
     * Runs blocking {@code work} on {@code executor} and returns a future of its outcome, completed on this loop's
     * thread (asyncio's {@code loop.run_in_executor}). The work is submitted at once. With a {@code null} executor
     * it runs where {@link Asyncio#toThread} runs work: a virtual thread on JDK 21+, else the loop's bounded pool,
     * shut down when the loop closes. Cancelling the future cancels the work (interrupting it) when the executor is
     * an {@link java.util.concurrent.ExecutorService}; with a plain {@link java.util.concurrent.Executor} the work
     * runs on, and its outcome is dropped.
     *
     * <p>Loop thread only.
     *
     * @param <T> the result type
     * @param executor where to run the work, or {@code null} for the default
     * @param work the blocking work
     * @return a future of the work's outcome, completed on this loop's thread
     */
    public <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> work) {
        java.util.Objects.requireNonNull(work, "work");
        checkOpen();
        checkThread();
        return ToThread.runInExecutor(this, executor, work);
    }

    // ---- package-private plumbing for Future, Task and Asyncio ----

    /** In debug mode, rejects a call of a loop-only method from another thread than the running loop's. */
    void checkLoopThread() {
        checkThread();
    }

    /** As {@link #checkLoopThread()}, naming {@code subject} (a future, say) if the caller runs another loop. */
    void checkLoopThread(Object subject) {
        checkThread(subject);
    }

    /** Schedules a ready-made handle, as {@link #callSoon(Runnable)} does. */
    void scheduleHandle(Handle h) {
        checkOpen();
        ready.add(h);
    }

    /** Puts {@code task}'s next step at the end of the ready queue. */
    void scheduleStep(Task<?> task) {
        checkOpen();
        task.stepScheduled = true;
        ready.add(task);
    }

    /**
     * Arms a sleep's timer, due {@code seconds} from now: {@code entry} is the sleeping {@link Task} or a {@link
     * Sleep}.
     */
    void addTimer(double seconds, Object entry) {
        checkOpen();
        checkThread();
        timers.add(time() + seconds, entry);
    }

    /** Called by a {@link Sleep} whose timer is cancelled while in the timer queue. */
    void timerCancelled() {
        timers.cancelled();
    }

    /** Returns how many timers are scheduled and not cancelled (for tests and diagnostics). */
    int pendingTimerCount() {
        return timers.liveCount();
    }

    long nextTaskNumber() {
        return ++taskCounter;
    }

    Task<?> enterTask(Task<?> task) {
        Task<?> previous = currentTask;
        currentTask = task;
        return previous;
    }

    void leaveTask(Task<?> previous) {
        currentTask = previous;
    }

    Task<?> currentTask() {
        return currentTask;
    }

    void addLive(Task<?> task) {
        liveTasks.add(task);
    }

    void removeLive(Task<?> task) {
        liveTasks.remove(task);
    }

    /** Returns the tasks that are not done, oldest first. */
    List<Task<?>> pendingTasks() {
        return liveTasks.oldestFirst();
    }

    /** A future for {@code awaitable}: the future itself, or a new task for a coroutine. */
    @SuppressWarnings("unchecked")
    <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Future) {
            Future<T> f = (Future<T>) awaitable;
            if (f.loop != this) {
                throw new IllegalArgumentException("The future " + f + " belongs to a different loop than " + this);
            }
            return f;
        }
        return createTask((Coroutine<T>) awaitable);
    }

    /** {@return the loop running on the current thread, or {@code null}} */
    public static EventLoop runningLoop() {
        return RUNNING.get();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    private void checkNotRunning() {
        if (isRunning()) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    private void checkThread() {
        checkThread(null);
    }

    /**
     * In debug mode, rejects a call from another thread than the running loop's. When the caller is itself running
     * another loop (a loop of a {@code LoopGroup} touching a future of its neighbour), the message names
     * {@code subject} and both loops, by their threads.
     */
    private void checkThread(Object subject) {
        if (debug) {
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                throw new IllegalStateException(wrongThreadMessage(subject, t));
            }
        }
    }

    private String wrongThreadMessage(Object subject, Thread owner) {
        String base = "Non-thread-safe operation invoked on an event loop other than the current one";
        EventLoop caller = RUNNING.get();
        if (caller == null) {
            return base;
        }
        return base + ": " + (subject == null ? "the operation" : subject) + " belongs to the event loop on thread '"
                + owner.getName() + "' but was called from the event loop on thread '"
                + Thread.currentThread().getName() + "'";
    }

    /**
     * A short description of this loop for error messages: the name of the thread running it, if it runs.
     *
     * @return e.g. {@code "the event loop on thread 'group-1-loop-0'"}
     */
    String describeOwner() {
        Thread t = thread;
        return t == null ? toString() : "the event loop on thread '" + t.getName() + "'";
    }
}
