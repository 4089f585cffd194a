package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.asyncio4j.internal.GeneratedCoroutine;

/**
 * Rewrites the stack trace of an exception that leaves a coroutine so that it names the user's code: each frame of
 * a generated state machine reads {@code at demo.Shop.price(Shop.java:16)}, and the await chain (the coroutines
 * awaiting the one that failed, then the tasks awaiting its task) follows it. Runs only on the failure path: the
 * three places where a failure leaves a coroutine ({@code Task.runFrames}, a frame-less call's
 * {@code inlineFailure}, an inline await of a coroutine object) call {@link #left}; nothing here runs when nothing
 * fails.
 *
 * <p>Thread-safety: called on loop threads, possibly several loops at once; its caches are concurrent.
 *
 * <h2>The rewritten trace</h2>
 * Java's order is kept (innermost first): read bottom-up it is Python's traceback ("most recent call last").
 * <ol>
 *   <li>The frames that were on the Java stack when it was thrown, a generated {@code stepBody} as the user's
 *       method. Its line: the frame's own if its class file already names the user's file (the processor maps its
 *       line table to the user's lines); otherwise the line of the state the frame resumed at
 *       ({@link GeneratedCoroutine#lines()}), or none when that is unknown (a frame-less call, or a module that
 *       does not open its package to {@code org.asyncio4j}).</li>
 *   <li>Then the awaiting coroutines that were not on the Java stack (they were suspended and are resumed later
 *       with the failure), each at the line of its {@code await}; then, for each task awaiting this task (first
 *       waiter; through {@code gather}), a marker {@code at asyncio4j.awaitedBy(task NAME)} and that task's chain.
 *       The chain goes where the loop's frames begin: right above {@code Task.runFrames} when the failing frame
 *       was on the stack, else above the first {@code EventLoop} frame, else at the end.</li>
 *   <li>By default ({@code -Dasyncio4j.stackTraces=user}) the runtime's own frames that lie below a user frame
 *       (the loop, {@code Task}, {@code AsyncStateMachine.resume}) and the generated {@code step} and
 *       {@code m$await} frames are left out; frames where the runtime itself threw (above every user frame) stay.
 *       {@code full} keeps every frame (generated ones still rewritten, the chain still added); {@code off}
 *       changes nothing.</li>
 * </ol>
 * The chain is the one at the moment the exception first left a coroutine, whether or not a caller later catches
 * it, as a Java stack trace shows callers that will catch. A trace is rewritten once; causes and suppressed
 * exceptions have their generated frames renamed too.
 */
final class AsyncTraces {
    enum Mode { USER, FULL, OFF }

    static final Mode MODE = mode(System.getProperty("asyncio4j.stackTraces"));

    /**
     * Exceptions already rewritten: the value is the raw trace while only the frames on the stack are rewritten (a
     * frame-less call failed; its chain is added when it leaves the task's frame), {@code null} once complete.
     */
    private static final Map<Throwable, StackTraceElement[]> SEEN = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<String, Generated> GENERATED = new ConcurrentHashMap<>();
    private static final Generated NOT_GENERATED = new Generated(null, null, null, null, null);
    private static final int MAX_CHAIN = 1024;

    private AsyncTraces() {}

    private static Mode mode(String value) {
        if (value == null) {
            return Mode.USER;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Mode.USER;
        }
    }

    /**
     * {@code failure} left a coroutine of {@code task}: {@code frame}, resumed by the task's loop, or a frame-less
     * call or inline await ({@code null}: only the frames on the stack are rewritten, the chain waits for the frame
     * the task resumed). Never throws.
     */
    static void left(Throwable failure, Task<?> task, Coroutine<?> frame) {
        if (MODE == Mode.OFF || failure == null || failure instanceof CancelledError) {
            return;     // a cancellation is control flow: a mass cancellation stays cheap
        }
        try {
            StackTraceElement[] raw;
            synchronized (SEEN) {
                if (SEEN.containsKey(failure)) {
                    raw = SEEN.get(failure);
                    if (raw == null || frame == null) {
                        return;
                    }
                } else {
                    raw = failure.getStackTrace();
                    if (raw.length == 0) {
                        return;     // created without a writable trace
                    }
                }
                SEEN.put(failure, frame == null ? raw : null);
            }
            ClassLoader loader = (frame != null ? frame : task.getCoro()).getClass().getClassLoader();
            failure.setStackTrace(rewrite(raw, loader, task, frame));
            renameCauses(failure, loader, 0);
        } catch (RuntimeException | LinkageError e) {
            // never let a diagnostic break the failure path: the exception keeps the trace it had
        }
    }

    /** The user's view of an exception's frames; see the class Javadoc. */
    private static StackTraceElement[] rewrite(StackTraceElement[] raw, ClassLoader loader, Task<?> task,
            Coroutine<?> frame) {
        int runFrames = -1;
        boolean frameOnStack = false;
        if (frame != null) {
            String frameClass = frame.getClass().getName();
            for (int i = 0; i < raw.length && runFrames < 0; i++) {
                if (isRunFrames(raw[i])) {
                    runFrames = i;
                } else if (raw[i].getClassName().equals(frameClass)) {
                    frameOnStack = true;
                }
            }
            frameOnStack &= runFrames >= 0;
        }
        // the element of the frame the loop resumed: its line may come from the frame's state
        int frameElement = -1;
        if (frameOnStack) {
            for (int i = runFrames - 1; i >= 0 && frameElement < 0; i--) {
                if (raw[i].getClassName().equals(frame.getClass().getName())
                        && !raw[i].getMethodName().equals("step")) {
                    frameElement = i;
                }
            }
        }
        List<StackTraceElement> out = new ArrayList<>(raw.length + 8);
        int insertAt = -1;
        boolean seenUser = false;
        for (int i = 0; i < raw.length; i++) {
            StackTraceElement e = raw[i];
            if (frame != null && insertAt < 0 && (frameOnStack ? i == runFrames : isLoop(e))) {
                insertAt = out.size();
            }
            Generated g = generated(e.getClassName(), loader);
            if (g != NOT_GENERATED) {
                if (e.getMethodName().equals("step")) {     // the machinery: dropped, or kept as it is
                    if (MODE == Mode.FULL) {
                        out.add(e);
                    }
                    continue;
                }
                int line = e.getLineNumber();
                if (!g.file.equals(e.getFileName())) {
                    line = i == frameElement ? g.line(frame) : -1;
                }
                out.add(g.element(e, line));
                seenUser = true;
            } else if (isRuntime(e.getClassName()) || isAwaitEntry(e)) {
                if (MODE == Mode.FULL || !seenUser && !isAwaitEntry(e)) {
                    out.add(e);
                }
            } else {
                out.add(e);
                seenUser = true;
            }
        }
        if (frame != null) {
            List<StackTraceElement> chain = chain(frameOnStack ? frame.caller : frame, task, true);
            out.addAll(insertAt < 0 ? out.size() : insertAt, chain);
        }
        return out.toArray(new StackTraceElement[0]);
    }

    /**
     * The await chain from {@code first} up to its task's root, then (if {@code acrossTasks}) through the tasks
     * awaiting that task.
     */
    static List<StackTraceElement> chain(Coroutine<?> first, Task<?> task, boolean acrossTasks) {
        List<StackTraceElement> out = new ArrayList<>();
        Coroutine<?> f = first;
        Task<?> t = task;
        for (int n = 0; n < MAX_CHAIN; n++) {
            for (; f != null && n < MAX_CHAIN; f = f.caller, n++) {
                StackTraceElement e = element(f);
                if (e != null) {
                    out.add(e);
                }
            }
            Task<?> awaiting = acrossTasks ? t.firstAwaitingTask() : null;
            if (awaiting == null || awaiting == task) {
                break;
            }
            out.add(new StackTraceElement("asyncio4j", "awaitedBy", "task " + awaiting.getName(), -1));
            t = awaiting;
            f = awaiting.currentFrame();
        }
        return out;
    }

    /** A suspended frame as an element: the user's method at its await, or the coroutine's class. */
    static StackTraceElement element(Coroutine<?> f) {
        Generated g = generated(f.getClass().getName(), f.getClass().getClassLoader());
        if (g != NOT_GENERATED) {
            int line = g.line(f);
            return new StackTraceElement(g.userClass, g.method, g.file, line);
        }
        if (MODE == Mode.USER && isRuntime(f.getClass().getName())) {
            return null;
        }
        return new StackTraceElement(f.getClass().getName(), "resume", null, -1);
    }

    /** {@link Task#printStack(java.io.PrintStream)}: asyncio's {@code print_stack()} layout, Java's frame lines. */
    static void printStack(Task<?> task, List<StackTraceElement> stack, Throwable exception, java.io.PrintStream out) {
        StringBuilder sb = new StringBuilder(stack.isEmpty() ? "No stack for " : exception != null
                ? "Traceback for " : "Stack for ").append(task).append(" (most recent call first):\n");
        for (StackTraceElement e : stack) {
            sb.append("\tat ").append(e).append('\n');
        }
        if (exception != null) {
            sb.append(exception).append('\n');
        }
        out.print(sb);
    }

    private static void renameCauses(Throwable failure, ClassLoader loader, int depth) {
        if (depth > 16) {
            return;
        }
        List<Throwable> related = new ArrayList<>();
        if (failure.getCause() != null && failure.getCause() != failure) {
            related.add(failure.getCause());
        }
        Collections.addAll(related, failure.getSuppressed());
        for (Throwable r : related) {
            synchronized (SEEN) {
                if (SEEN.containsKey(r)) {
                    continue;
                }
                SEEN.put(r, null);
            }
            StackTraceElement[] raw = r.getStackTrace();
            if (raw.length > 0) {
                r.setStackTrace(rewrite(raw, loader, null, null));
            }
            renameCauses(r, loader, depth + 1);
        }
    }

    private static boolean isRunFrames(StackTraceElement e) {
        return e.getMethodName().equals("runFrames") && e.getClassName().equals("org.asyncio4j.Task");
    }

    private static boolean isLoop(StackTraceElement e) {
        return e.getClassName().equals("org.asyncio4j.EventLoop");
    }

    /** A generated companion's frame-less entry {@code <Owner>Async.m$await}. */
    private static boolean isAwaitEntry(StackTraceElement e) {
        return e.getMethodName().endsWith("$await") && e.getClassName().endsWith("Async");
    }

    /** Whether {@code className} is in one of the runtime's packages (not {@code org.asyncio4j.samples}, say). */
    static boolean isRuntime(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        switch (pkg) {
            case "org.asyncio4j":
            case "org.asyncio4j.internal":
            case "org.asyncio4j.sync":
            case "org.asyncio4j.queues":
            case "org.asyncio4j.streams":
            case "org.asyncio4j.subprocess":
                return true;
            default:
                return false;
        }
    }

    /** The {@link GeneratedCoroutine} facts of a class, looked up by name (cached), or {@link #NOT_GENERATED}. */
    static Generated generated(String className, ClassLoader loader) {
        Generated g = GENERATED.get(className);
        if (g != null) {
            return g;
        }
        int dollar = className.lastIndexOf('$');
        if (dollar <= 0 || !className.substring(0, dollar).endsWith("Async")) {
            return NOT_GENERATED;   // not a state machine's name: nothing to load
        }
        for (ClassLoader l : new ClassLoader[] {loader, Thread.currentThread().getContextClassLoader()}) {
            try {
                g = Generated.of(Class.forName(className, false, l));
                GENERATED.put(className, g);
                return g;
            } catch (ClassNotFoundException | LinkageError e) {
                // not visible from this loader: try the next one, and ask again next time
            }
        }
        return NOT_GENERATED;
    }

    /** What a generated state machine says about the user's method. */
    static final class Generated {
        final String userClass;
        final String method;
        final String file;
        final int[] lines;
        final Class<?> type;

        Generated(String userClass, String method, String file, int[] lines, Class<?> type) {
            this.userClass = userClass;
            this.method = method;
            this.file = file;
            this.lines = lines;
            this.type = type;
        }

        static Generated of(Class<?> type) {
            GeneratedCoroutine a = type.getAnnotation(GeneratedCoroutine.class);
            if (a == null) {
                return NOT_GENERATED;
            }
            String signature = a.method();     // Owner.method(Types)
            int paren = signature.indexOf('(');
            String head = paren < 0 ? signature : signature.substring(0, paren);
            String method = head.substring(head.lastIndexOf('.') + 1);
            String owner = a.owner().isEmpty() ? userClass(type, head) : a.owner();
            return new Generated(owner, method, a.file(), a.lines(), type);
        }

        /**
         * For state machines written before the processor recorded {@link GeneratedCoroutine#owner()}: the user's
         * class guessed from the companion {@code pkg.Outer_InnerAsync} of {@code pkg.Outer.Inner} (the processor
         * writes nested owners with {@code _}), checked by loading it; the annotation's simple owner name otherwise.
         */
        private static String userClass(Class<?> type, String head) {
            String companion = type.getName().substring(0, type.getName().lastIndexOf('$'));
            String stem = companion.substring(0, companion.length() - "Async".length());
            int dot = stem.lastIndexOf('.');
            String pkg = dot < 0 ? "" : stem.substring(0, dot + 1);
            String nested = stem.substring(dot + 1);
            if (nested.indexOf('_') >= 0) {
                String candidate = pkg + nested.replace('_', '$');
                try {
                    Class.forName(candidate, false, type.getClassLoader());
                    return candidate;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a name with an underscore of its own
                }
            }
            String owner = head.substring(0, Math.max(0, head.lastIndexOf('.')));
            return owner.isEmpty() || nested.endsWith(owner) ? pkg + nested : pkg + owner;
        }

        /** The user's line of {@code frame}'s current state, or -1. */
        int line(Coroutine<?> frame) {
            if (frame == null || frame.getClass() != type) {
                return -1;
            }
            int state = LoopDiagnostics.stateOf(frame);
            return state >= 0 && state < lines.length && lines[state] > 0 ? lines[state] : -1;
        }

        StackTraceElement element(StackTraceElement e, int line) {
            return new StackTraceElement(null, e.getModuleName(), e.getModuleVersion(),
                    userClass, method, file, line);
        }
    }
}
