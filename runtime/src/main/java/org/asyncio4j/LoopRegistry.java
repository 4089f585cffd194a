package org.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The loops that are running in this JVM, for the JMX view of their tasks ({@link TasksJmx}). A loop is added when
 * {@link EventLoop#runForever()} starts and removed when it returns: once per run, never per step.
 *
 * <p>Thread-safe: loops on different threads start and stop concurrently; the JMX thread reads.
 */
final class LoopRegistry {
    private static final Set<EventLoop> RUNNING = new LinkedHashSet<>();
    private static boolean jmxStarted;

    private LoopRegistry() {}

    static void started(EventLoop loop) {
        boolean startJmx;
        synchronized (RUNNING) {
            RUNNING.add(loop);
            startJmx = !jmxStarted;
            jmxStarted = true;
        }
        if (startJmx && !"false".equals(System.getProperty("asyncio4j.jmx"))) {
            // On a thread of its own: the platform MBean server takes tens of milliseconds to start.
            Thread t = new Thread(LoopRegistry::registerJmx, "asyncio4j-jmx");
            t.setDaemon(true);
            t.start();
        }
    }

    static void stopped(EventLoop loop) {
        synchronized (RUNNING) {
            RUNNING.remove(loop);
        }
    }

    private static void registerJmx() {
        try {
            TasksJmx.register();
        } catch (Exception | LinkageError e) {
            // no java.management module, or a second copy of the runtime registered first: no JMX view
        }
    }

    /** Each running loop's snapshot, formatted by {@code format}, under a header naming the loop's thread. */
    static String describeAll(Function<TaskTree, String> format) {
        List<EventLoop> loops;
        synchronized (RUNNING) {
            loops = new ArrayList<>(RUNNING);
        }
        if (loops.isEmpty()) {
            return "no asyncio4j event loop is running\n";
        }
        StringBuilder sb = new StringBuilder();
        for (EventLoop loop : loops) {
            Thread thread = loop.loopThread();
            sb.append("event loop on thread \"").append(thread == null ? "?" : thread.getName()).append("\"");
            sb.append(":\n");
            try {
                sb.append(format.apply(snapshot(loop, sb)));
            } catch (RuntimeException e) {
                sb.append("(no snapshot: the tasks changed while they were read: ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }

    /** The loop's tree taken on its thread; read from here if the loop does not answer in a second. */
    private static TaskTree snapshot(EventLoop loop, StringBuilder note) {
        CompletableFuture<TaskTree> tree = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> tree.complete(loop.taskTree()));
            return tree.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            note.append("(the loop did not answer within a second: read from another thread)\n");
            return loop.taskTree();     // best effort: describeAll reports a failure of this read
        }
    }
}
