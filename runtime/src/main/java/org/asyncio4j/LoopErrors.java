package org.asyncio4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Where one {@link EventLoop}'s errors go: its exception handler (asyncio's {@code loop.set_exception_handler} and
 * {@code call_exception_handler}), the logging default, the failures nobody has retrieved yet, and what the loop
 * reports when it closes. The loop's public error methods are doors to this class.
 *
 * <p>Thread-safety: the handler is called on the loop's thread (or, once the loop is closed, on the thread that
 * reports); the set of unobserved failures is concurrent because the Cleaner thread adds to and removes from it.
 */
final class LoopErrors {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final EventLoop loop;
    private BiConsumer<EventLoop, Map<String, Object>> handler;
    /** Failures nobody has observed yet, reported at {@link EventLoop#close()}; touched by the Cleaner thread too. */
    private final Set<UnobservedFailure> unobserved = ConcurrentHashMap.newKeySet();

    LoopErrors(EventLoop loop) {
        this.loop = loop;
    }

    void setHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
        this.handler = handler;
    }

    /** Passes {@code context} to the exception handler; if the handler itself throws, logs both. */
    void call(Map<String, Object> context) {
        BiConsumer<EventLoop, Map<String, Object>> h = handler;
        if (h == null) {
            log(context);
            return;
        }
        try {
            h.accept(loop, context);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("message", "Unhandled error in exception handler");
            c.put("exception", t);
            c.put("context", context);
            log(c);
        }
    }

    /** The default handler: logs {@code context} at ERROR level through {@link System.Logger}. */
    static void log(Map<String, Object> context) {
        StringBuilder sb = new StringBuilder(String.valueOf(context.getOrDefault("message", "Unhandled error in event loop")));
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append("\n").append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        Object exception = context.get("exception");
        if (exception instanceof Throwable) {
            LOG.log(System.Logger.Level.ERROR, sb.toString(), (Throwable) exception);
        } else {
            LOG.log(System.Logger.Level.ERROR, sb.toString());
        }
    }

    void track(UnobservedFailure u) {
        unobserved.add(u);
    }

    void untrack(UnobservedFailure u) {
        unobserved.remove(u);
    }

    /**
     * At close: reports the tasks still pending ("Task was destroyed but it is pending!", which asyncio reports when
     * such a task is garbage-collected) and the failures nobody retrieved from futures that are still referenced.
     */
    void reportAtClose(List<Task<?>> pending) {
        for (Task<?> t : pending) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Task was destroyed but it is pending!");
            context.put("task", t);
            call(context);
        }
        for (UnobservedFailure u : unobserved.toArray(new UnobservedFailure[0])) {
            unobserved.remove(u);
            Map<String, Object> context = u.claimForClose();
            if (context != null) {
                call(context);
            }
        }
    }
}
