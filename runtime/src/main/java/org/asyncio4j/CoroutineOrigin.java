package org.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tracks a coroutine created in debug mode, to report "coroutine ... was never awaited" when it is
 * garbage-collected without having been awaited or scheduled.
 *
 * <p><b>Why only in debug mode.</b> A {@link Cleaner} registration per coroutine allocates a phantom reference
 * and takes the Cleaner's lock twice (register, then deregister when the coroutine starts). Coroutines are
 * created for every {@code await} of an {@code @Async} method; by estimate (a JMH case is planned with the
 * benchmarks, #6) that is tens to hundreds of nanoseconds and a few objects per coroutine, several times the cost of the
 * untracked creation: too much to pay always. So tracking is on only while some
 * {@link EventLoop} is in {@linkplain EventLoop#setDebug debug mode}, or when the JVM runs with
 * {@code -Dasyncio4j.debug=true}; the check on creation is one read of a volatile counter.
 *
 * <p>The report goes to the exception handler of the loop that was running on the creating thread (delivered on
 * its thread, or at once if it is closed), or, when none was, to {@link System.Logger} at WARNING. The state
 * holds the class name, the loop and, in debug mode, where the coroutine was created; never the coroutine.
 *
 * <p>Thread-safe: the Cleaner action runs on the Cleaner's thread.
 */
final class CoroutineOrigin extends AtomicBoolean implements Runnable {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(Coroutine.class.getName());
    private static final boolean FORCED = Boolean.getBoolean("asyncio4j.debug");
    private static volatile int debugLoops;

    private final String coroutine;
    private final transient EventLoop loop;
    private final transient Throwable createdAt;
    private transient Cleaner.Cleanable cleanable;

    private CoroutineOrigin(String coroutine, EventLoop loop, Throwable createdAt) {
        this.coroutine = coroutine;
        this.loop = loop;
        this.createdAt = createdAt;
    }

    /** Whether new coroutines are tracked. */
    static boolean enabled() {
        return FORCED || debugLoops > 0;
    }

    static synchronized void debugLoopCount(int delta) {
        debugLoops = Math.max(0, debugLoops + delta);
    }

    static CoroutineOrigin track(Coroutine<?> coro) {
        String name = coro.getClass().getName();
        Throwable site = new Throwable("coroutine " + name + " created at");
        CoroutineOrigin o = new CoroutineOrigin(name, EventLoop.runningLoop(), site);
        o.cleanable = UnobservedFailure.CLEANER.register(coro, o);
        return o;
    }

    /** The coroutine was awaited or scheduled. */
    void started() {
        set(true);
        cleanable.clean();
    }

    @Override
    public void run() {
        if (!compareAndSet(false, true)) {
            return;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("message", "coroutine " + coroutine + " was never awaited");
        c.put("coroutine", coroutine);
        c.put("source_traceback", createdAt);
        if (loop != null) {
            loop.deliverReport(c);
        } else {
            LOG.log(System.Logger.Level.WARNING, (String) c.get("message"), createdAt);
        }
    }
}
