package org.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The runtime's JFR events, for JDK Mission Control's timeline: a task created, a task completed, a slow task step
 * or callback (measured in debug mode, {@link EventLoop#setDebug}), a blocked loop (seen by the watchdog,
 * {@link EventLoop#startWatchdog}). Off unless a recording enables them: each emitter allocates an event and asks
 * {@link Event#isEnabled()}, which is {@code false} and folded away by the JIT until a recording starts (JFR's own
 * idiom); the calls are guarded by {@link JfrSupport#recording()}, so this class is loaded only once a recording
 * has created the JVM's flight recorder (never without {@code jdk.jfr}).
 *
 * <p>Thread-safety: events are committed from the loop's thread, the blocked-loop event from the watchdog's.
 * asyncio has no counterpart (Python has no flight recorder); names are {@code org.asyncio4j.*}.
 */
final class JfrEvents {
    private JfrEvents() {}

    @Name("org.asyncio4j.TaskCreated")
    @Label("Task Created")
    @Category("asyncio4j")
    @Description("A task was created on an event loop")
    @StackTrace(false)
    static final class TaskCreated extends Event {
        @Label("Task")
        String task;
        @Label("Coroutine")
        String coroutine;
    }

    @Name("org.asyncio4j.TaskCompleted")
    @Label("Task Completed")
    @Category("asyncio4j")
    @Description("A task finished with a result, an exception, or cancelled")
    @StackTrace(false)
    static final class TaskCompleted extends Event {
        @Label("Task")
        String task;
        @Label("Outcome")
        String outcome;
        @Label("Exception")
        String exception;
    }

    @Name("org.asyncio4j.SlowStep")
    @Label("Slow Step")
    @Category("asyncio4j")
    @Description("A task step or callback ran longer than the loop's slow-callback duration (debug mode)")
    @StackTrace(false)
    static final class SlowStep extends Event {
        @Label("Task")
        String task;
        @Label("What ran")
        String description;
        @Label("Source")
        String source;
    }

    @Name("org.asyncio4j.BlockedLoop")
    @Label("Blocked Loop")
    @Category("asyncio4j")
    @Description("The watchdog saw one callback or step running past its threshold")
    @StackTrace(false)
    static final class BlockedLoop extends Event {
        @Label("Loop Thread")
        String thread;
        @Label("Blocked For")
        @Timespan(Timespan.NANOSECONDS)
        long blockedFor;
        @Label("Loop Stack")
        String stack;
    }

    static void taskCreated(Task<?> task, Coroutine<?> coro) {
        TaskCreated e = new TaskCreated();
        if (e.isEnabled()) {
            e.task = task.getName();
            e.coroutine = coro.getClass().getName();
            e.commit();
        }
    }

    static void taskCompleted(Task<?> task) {
        TaskCompleted e = new TaskCompleted();
        if (e.isEnabled()) {
            Throwable failure = task.cancelled() ? null : task.exception;
            e.task = task.getName();
            e.outcome = task.cancelled() ? "cancelled" : failure != null ? "exception" : "result";
            e.exception = failure == null ? null : failure.toString();
            e.commit();
        }
    }

    /** Opens a slow-step event before an entry runs (debug mode), or returns {@code null} if it is not recorded. */
    static Object beginStep() {
        SlowStep e = new SlowStep();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        return e;
    }

    /** Commits the event {@link #beginStep()} opened: the step was slow. */
    static void slowStep(Object event, String task, String description, String source) {
        SlowStep e = (SlowStep) event;
        e.end();
        e.task = task;
        e.description = description;
        e.source = source;
        e.commit();
    }

    static void blockedLoop(String thread, long blockedForNanos, StackTraceElement[] stack) {
        BlockedLoop e = new BlockedLoop();
        if (e.isEnabled()) {
            e.thread = thread;
            e.blockedFor = blockedForNanos;
            StringBuilder sb = new StringBuilder();
            for (StackTraceElement s : stack) {
                sb.append("at ").append(s).append('\n');
            }
            e.stack = sb.toString();
            e.commit();
        }
    }
}
