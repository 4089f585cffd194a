package org.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state behind "exception was never retrieved": created when a future finishes with an exception and has no
 * listener, reported at most once, when the future becomes unreachable or when its loop closes, unless the
 * exception is observed first.
 *
 * <p>Thread-safe: the {@link Cleaner} action runs on the cleaner's thread, everything else on the loop's thread;
 * the "already handled" flag (this object, an {@link AtomicBoolean}) decides who reports. The state holds the
 * exception, the loop and the task's name, never the future itself, or the future could not become unreachable.
 */
final class UnobservedFailure extends AtomicBoolean implements Runnable {
    private static final long serialVersionUID = 1L;
    static final Cleaner CLEANER = Cleaner.create();

    private final transient EventLoop loop;
    private final transient Throwable exception;
    private final String taskName;
    private transient Cleaner.Cleanable cleanable;

    private UnobservedFailure(EventLoop loop, Throwable exception, String taskName) {
        this.loop = loop;
        this.exception = exception;
        this.taskName = taskName;
    }

    /** Starts tracking {@code future}'s unobserved {@code exception}; loop thread only. */
    static UnobservedFailure track(Future<?> future, Throwable exception) {
        UnobservedFailure u = new UnobservedFailure(future.loop, exception, future.taskNameForDiagnostics());
        future.loop.trackUnobserved(u);
        u.cleanable = CLEANER.register(future, u);
        return u;
    }

    /** The exception was retrieved: never report it, and stop tracking. Loop thread only. */
    void observed() {
        set(true);
        loop.untrackUnobserved(this);
        cleanable.clean();      // deregisters; run() then sees the flag and does nothing
    }

    /** The Cleaner action: the future became unreachable. */
    @Override
    public void run() {
        if (compareAndSet(false, true)) {
            loop.untrackUnobserved(this);
            loop.deliverReport(context());
        }
    }

    /** Claims the report for the loop's close; returns {@code null} if it was already observed or reported. */
    Map<String, Object> claimForClose() {
        return compareAndSet(false, true) ? context() : null;
    }

    private Map<String, Object> context() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("message", (taskName != null ? "Task" : "Future") + " exception was never retrieved");
        c.put("exception", exception);
        if (taskName != null) {
            c.put("taskName", taskName);
        }
        return c;
    }
}
