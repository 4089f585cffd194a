package org.asyncio4j;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One {@link EventLoop}'s debug instrumentation: slow-step reports, the watchdog, and the plumbing that delivers
 * reports from other threads. Only used when the loop is in debug mode or a watchdog runs; the loop's hot path
 * never reaches this class otherwise.
 *
 * <p>Thread-safety: {@link #runInstrumented} runs on the loop's thread; the watchdog thread reads
 * {@link #enteredAt} and {@link #entrySeq} and calls the {@link #reporter}, which therefore must be thread-safe.
 *
 * <h2>Naming the slow code</h2>
 * A generated coroutine's class is {@code <Owner>Async.<Method>Coroutine}, and its {@code int state} field says
 * where it resumes: the code that ran in a step is the segment of the {@code @Async} method that starts at that
 * state. The processor records each state's line of the user's file in
 * {@link org.asyncio4j.internal.GeneratedCoroutine} on the class, so a slow task step is reported with the task,
 * the frame that was resumed ({@code "coroutine"}: its class), the state it resumed at ({@code "state"}, read
 * reflectively, debug mode only) and the user's line there ({@code "source"}, e.g. {@code Greeter.java:15}).
 */
final class LoopDiagnostics {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    /** The generated state field of a coroutine class, or {@code null} if it has none (or it is inaccessible). */
    private static final ClassValue<Field> STATE_FIELD = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Coroutine.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType() == int.class && f.getName().startsWith("state")) {
                        try {
                            f.setAccessible(true);
                            return f;
                        } catch (RuntimeException e) {
                            return null;    // a module that does not open the package: report the class only
                        }
                    }
                }
            }
            return null;
        }
    };

    private final EventLoop loop;
    long slowNanos = 100_000_000L;
    volatile Consumer<Map<String, Object>> reporter;

    // Watchdog state: written by the loop thread around each entry while a watchdog runs.
    /** System.nanoTime() when the current entry started, or 0 when the loop is between entries. */
    private volatile long enteredAt;
    /** Counts entries, so the watchdog reports each stall once. */
    private volatile long entrySeq;
    private Watchdog watchdog;

    LoopDiagnostics(EventLoop loop) {
        this.loop = loop;
    }

    /** Runs one ready entry with slow-step measurement ({@code debug}) and watchdog bookkeeping. */
    void runInstrumented(Object entry, boolean debug) {
        boolean watched = watchdog != null;
        Coroutine<?> frame = null;
        int state = -1;
        long start = 0;
        if (debug) {
            if (entry instanceof Task) {
                frame = ((Task<?>) entry).currentFrame();
                state = stateOf(frame);
            }
            start = loop.clock().nanoTime();
        }
        Object jfr = debug && JfrSupport.recording() ? JfrEvents.beginStep() : null;
        if (watched) {
            entrySeq = entrySeq + 1;        // single writer: the loop thread
            enteredAt = System.nanoTime() | 1;
        }
        try {
            loop.runEntry(entry);
        } finally {
            if (watched) {
                enteredAt = 0;
            }
        }
        if (debug) {
            long took = loop.clock().nanoTime() - start;
            if (took >= slowNanos) {
                reportSlow(entry, frame, state, took, jfr);
            }
        }
    }

    private void reportSlow(Object entry, Coroutine<?> frame, int state, long took, Object jfr) {
        Map<String, Object> c = new LinkedHashMap<>();
        String seconds = String.format("%.3f", took / 1e9);
        if (entry instanceof Task) {
            Task<?> task = (Task<?>) entry;
            String source = frame == null ? null : sourceOf(frame.getClass(), state);
            String where = frame == null ? "" : " resuming " + frame.getClass().getName()
                    + (state >= 0 ? " at state " + state : "") + (source == null ? "" : " (" + source + ")");
            c.put("message", "Executing step of " + task.getName() + where + " took " + seconds + " seconds");
            c.put("task", task);
            if (frame != null) {
                c.put("coroutine", frame.getClass().getName());
                if (state >= 0) {
                    c.put("state", state);
                }
                if (source != null) {
                    c.put("source", source);
                }
            }
        } else {
            c.put("message", "Executing " + entry + " took " + seconds + " seconds");
            c.put("handle", entry);
        }
        c.put("duration", took / 1e9);
        if (jfr != null) {
            Object task = c.get("task");
            JfrEvents.slowStep(jfr, task == null ? null : ((Task<?>) task).getName(),
                    task == null ? String.valueOf(entry) : String.valueOf(c.get("coroutine")), (String) c.get("source"));
        }
        report(c);
    }

    /** {@code File.java:line} of a generated coroutine's state, from its {@code GeneratedCoroutine}; else null. */
    static String sourceOf(Class<?> type, int state) {
        org.asyncio4j.internal.GeneratedCoroutine generated =
                type.getAnnotation(org.asyncio4j.internal.GeneratedCoroutine.class);
        if (generated == null || state < 0 || state >= generated.lines().length || generated.lines()[state] <= 0) {
            return null;
        }
        return generated.file() + ":" + generated.lines()[state];
    }

    static int stateOf(Coroutine<?> frame) {
        if (frame == null) {
            return -1;
        }
        Field f = STATE_FIELD.get(frame.getClass());
        if (f == null) {
            return -1;
        }
        try {
            return f.getInt(frame);
        } catch (IllegalAccessException e) {
            return -1;
        }
    }

    /** Sends a debug warning to the reporter, or logs it at WARNING. Any thread. */
    void report(Map<String, Object> context) {
        Consumer<Map<String, Object>> r = reporter;
        if (r != null) {
            r.accept(context);
            return;
        }
        StringBuilder sb = new StringBuilder(String.valueOf(context.get("message")));
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (!e.getKey().equals("message")) {
                Object v = e.getValue();
                sb.append("\n").append(e.getKey()).append(": ")
                        .append(v instanceof Object[] ? Arrays.toString((Object[]) v) : String.valueOf(v));
            }
        }
        LOG.log(System.Logger.Level.WARNING, sb.toString());
    }

    // ---- the watchdog ----

    boolean watchdogEnabled() {
        return watchdog != null;
    }

    void startWatchdog(long thresholdNanos) {
        stopWatchdog();
        watchdog = new Watchdog(thresholdNanos);
        Thread t = new Thread(watchdog, "asyncio4j-watchdog");
        t.setDaemon(true);
        watchdog.thread = t;
        t.start();
    }

    void stopWatchdog() {
        Watchdog w = watchdog;
        if (w != null) {
            watchdog = null;
            w.stopped = true;
            LockSupport.unpark(w.thread);
        }
    }

    /** Polls the loop's bookkeeping a few times per threshold; reports each stall once, while it lasts. */
    private final class Watchdog implements Runnable {
        private final long thresholdNanos;
        volatile boolean stopped;
        Thread thread;

        Watchdog(long thresholdNanos) {
            this.thresholdNanos = thresholdNanos;
        }

        @Override
        public void run() {
            long reportedSeq = 0;
            long pollNanos = Math.max(thresholdNanos / 4, 1_000_000L);
            while (!stopped) {
                LockSupport.parkNanos(this, pollNanos);
                long seq = entrySeq;
                long at = enteredAt;
                if (stopped || at == 0 || seq == reportedSeq || System.nanoTime() - at < thresholdNanos) {
                    continue;
                }
                Thread loopThread = loop.loopThread();
                if (loopThread == null) {
                    continue;
                }
                StackTraceElement[] stack = loopThread.getStackTrace();
                if (entrySeq != seq || enteredAt != at) {
                    continue;   // the entry ended while we looked: the stack belongs to something else
                }
                reportedSeq = seq;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("message", "Event loop blocked: one callback has been running for more than "
                        + String.format("%.3f", thresholdNanos / 1e9) + " seconds");
                c.put("thread", loopThread.getName());
                c.put("blockedFor", (System.nanoTime() - at) / 1e9);
                c.put("stack", stack);
                try {
                    c.put("tasks", "\n" + loop.taskTree().format());     // best effort: the loop is busy
                } catch (RuntimeException e) {
                    c.put("tasks", "unavailable: " + e);
                }
                if (JfrSupport.recording()) {
                    JfrEvents.blockedLoop(loopThread.getName(), System.nanoTime() - at, stack);
                }
                try {
                    report(c);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "watchdog reporter failed", e);
                }
            }
        }
    }

    /** A report from another thread, delivered to the exception handler on the loop's thread. */
    static final class ReportHandle extends Handle {
        private final EventLoop loop;
        private final Map<String, Object> context;

        ReportHandle(EventLoop loop, Map<String, Object> context) {
            super(null);
            this.loop = loop;
            this.context = context;
        }

        @Override
        void run() {
            loop.callExceptionHandler(context);
        }

        @Override
        String describeCallback() {
            return "report " + context.get("message");
        }
    }
}
