package org.asyncio4j.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles generated method bodies twice — as {@code @Async} templates through the processor, and as plain Java in
 * which {@code await} returns its argument — runs both, and gives each body a {@link Verdict}.
 *
 * <p>Many bodies share one compilation (one method each). A body that javac or the processor rejects is told apart
 * by the line of its diagnostic and compiled no further; a diagnostic that names no body (in generated code) is
 * narrowed down by bisection. Each run has a time limit, so a coroutine that never finishes is a verdict, not a hung
 * build. Not thread-safe: one runner per test thread; close it to end its runner thread.
 */
final class TwinRunner implements AutoCloseable {
    /** The bytecode sizes of every state machine compiled so far, with their templates'. */
    final List<GeneratedSize> sizes = new ArrayList<>();
    /** The bytecode size of each method of those state machines, in the same order ({@link CodeSizes#of}). */
    final List<Map<String, Integer>> machineMethods = new ArrayList<>();
    /** javac options for the coroutines' compilation, such as the processor's. */
    private List<String> options = List.of();

    /** What happened to one body. */
    static final class Verdict {
        enum Kind {
            /** Both twins did the same. */
            SAME,
            /** Trace, result or exception differ. */
            MISMATCH,
            /** The plain twin is not valid, warning-free Java: a generator bug. */
            INVALID_JAVA,
            /** The processor reported an error or warning on the body. */
            REJECTED,
            /** The processor accepted the body, but its output does not compile cleanly. */
            BROKEN_OUTPUT,
            /** The coroutine did not finish within the time limit. */
            HUNG,
            /** The state machine's bytecode is over {@link GeneratedSize}'s bounds for its template's. */
            TOO_LARGE
        }

        final Kind kind;
        /** The diagnostic, or both outcomes. */
        final String detail;

        Verdict(Kind kind, String detail) {
            this.kind = kind;
            this.detail = detail;
        }

        /** Kind plus the diagnostic's tag or code: two failures with the same key are the same problem. */
        String key() {
            if (kind == Kind.REJECTED || kind == Kind.BROKEN_OUTPUT || kind == Kind.INVALID_JAVA) {
                Matcher tag = Pattern.compile("\\[(\\w+)]").matcher(detail);
                return kind + (tag.find() ? " " + tag.group(1) : "");
            }
            return kind.toString();
        }

        @Override
        public String toString() {
            return kind + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private static final long TIME_LIMIT_SECONDS = 20;

    private final String plainHelpers;
    private ExecutorService runner = newRunner();

    TwinRunner() {
        this(FuzzWorld.PLAIN_HELPERS);
    }

    /** A runner whose plain twin uses {@code plainHelpers}: a wrong reference, to test the test. */
    TwinRunner(String plainHelpers) {
        this.plainHelpers = plainHelpers;
    }

    /** This runner, compiling the coroutines with these more javac options ({@code -Aasyncio4j.splitAbove=0}). */
    TwinRunner withOptions(String... options) {
        this.options = List.of(options);
        return this;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    /** Compiles and runs every body both ways; one verdict per body, in order. */
    List<Verdict> check(List<String> bodies) {
        Verdict[] verdicts = new Verdict[bodies.size()];
        Plain plain = compilePlain(bodies, verdicts);
        checkAsync(bodies, plain.valid, verdicts, plain);
        return Arrays.asList(verdicts);
    }

    /** The plain twins that compile cleanly, compiled together. */
    static final class Plain {
        final List<Integer> valid;
        final Harness.Compiled compiled;
        final Map<Integer, String> methods;
        /** The bodies that are instance methods: they use {@code this} or the instance members. */
        final Set<Integer> instance;

        Plain(List<Integer> valid, Harness.Compiled compiled, Map<Integer, String> methods, Set<Integer> instance) {
            this.valid = valid;
            this.compiled = compiled;
            this.methods = methods;
            this.instance = instance;
        }

        /** Runs one valid body's plain twin: its trace and result, as compared with the coroutine's. */
        String outcome(TwinRunner runner, int index) {
            String method = methods.get(index);
            return runner.outcome((trace, deferred) -> instance.contains(index)
                    ? callOnNewReceiver(compiled, method, trace, deferred)
                    : compiled.call("plain.P", method, trace, deferred));
        }
    }

    /** Compiles the plain twins, dropping each body javac rejects or warns about (its verdict is set). */
    Plain compilePlain(List<String> bodies, Verdict[] verdicts) {
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            remaining.add(i);
        }
        while (!remaining.isEmpty()) {
            Source source = new Source("plain", plainHelpers, false, bodies, remaining);
            Compilation compilation = javac().withOptions("-Xlint:all").compile(Harness.source(source.text));
            Map<Integer, String> rejected = source.attribute(compilation);
            if (rejected.isEmpty()) {
                if (compilation.status() != Compilation.Status.SUCCESS) {
                    throw new AssertionError("the plain twins did not compile: " + noise(compilation));
                }
                Harness.Compiled compiled = withAssertions(new Harness.Compiled(compilation), "plain.P");
                Integer unverifiable = unverifiable(compiled, source, verdicts);
                if (unverifiable == null) {
                    return new Plain(remaining, compiled, source.methods, source.instance);
                }
                remaining.remove(unverifiable);
                continue;
            }
            rejected.forEach((index, message) -> verdicts[index] = new Verdict(Verdict.Kind.INVALID_JAVA, message));
            remaining.removeAll(rejected.keySet());
        }
        return new Plain(remaining, null, Map.of(), Set.of());
    }

    /**
     * The body whose plain twin javac compiled into bytecode the JVM's verifier rejects, with its verdict set, or
     * null when class {@code P} links. javac 17 does that to some long templates (fuzz seed 300144: "Inconsistent
     * stackmap frames" in a 28 KB method); without this check the whole batch's class fails to load and every body
     * in it counts as a mismatch. Such a body is a failure of its own, named for what it is.
     */
    private static Integer unverifiable(Harness.Compiled compiled, Source source, Verdict[] verdicts) {
        try {
            Class.forName("plain.P", true, compiled.load("plain.P").getClassLoader());
            return null;
        } catch (VerifyError e) {
            Matcher method = Pattern.compile("plain/P\\.(\\w+)\\(").matcher(String.valueOf(e.getMessage()));
            Integer index = null;
            if (method.find()) {
                for (Map.Entry<Integer, String> entry : source.methods.entrySet()) {
                    if (entry.getValue().equals(method.group(1))) {
                        index = entry.getKey();
                    }
                }
            }
            if (index == null) {
                throw new AssertionError("javac's plain twins do not pass the JVM's verifier", e);
            }
            verdicts[index] = new Verdict(Verdict.Kind.INVALID_JAVA, "[JavacUnverifiable] javac compiled this template (the plain "
                    + "twin, no processor) into a method the JVM's verifier rejects, a javac bug: " + e.getMessage());
            return index;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private void checkAsync(List<String> bodies, List<Integer> indexes, Verdict[] verdicts, Plain plain) {
        if (indexes.isEmpty()) {
            return;
        }
        Source source = new Source("fuzz", FuzzWorld.ASYNC_HELPERS, true, bodies, indexes);
        Compilation compilation = Harness.compileWith(options, source.text);
        Map<Integer, String> rejected = source.attribute(compilation);
        if (!rejected.isEmpty()) {
            rejected.forEach((index, message) -> verdicts[index] = new Verdict(Verdict.Kind.REJECTED, message));
            List<Integer> rest = new ArrayList<>(indexes);
            rest.removeAll(rejected.keySet());
            checkAsync(bodies, rest, verdicts, plain);
            return;
        }
        String noise = noise(compilation);
        if (!noise.isEmpty()) {
            if (indexes.size() == 1) {
                // compile-testing hides generated sources of a failed compilation; the diagnostic quotes the line.
                verdicts[indexes.get(0)] = new Verdict(Verdict.Kind.BROKEN_OUTPUT, noise
                        + (compilation.status() == Compilation.Status.SUCCESS
                                ? "\ngenerated:\n" + Harness.generatedSources(compilation) : ""));
                return;
            }
            int half = indexes.size() / 2;
            checkAsync(bodies, indexes.subList(0, half), verdicts, plain);
            checkAsync(bodies, indexes.subList(half, indexes.size()), verdicts, plain);
            return;
        }
        Harness.Compiled async = withAssertions(new Harness.Compiled(compilation), "fuzz.P");
        for (int index : indexes) {
            String method = source.methods.get(index);
            GeneratedSize size = GeneratedSize.of(async, "fuzz.P", method);
            sizes.add(size);
            machineMethods.add(CodeSizes.of(async.classes.get("fuzz.PAsync$"
                    + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Coroutine")));
            verdicts[index] = size.withinBounds() ? run(plain.outcome(this, index), async, method,
                    source.instance.contains(index)) : new Verdict(Verdict.Kind.TOO_LARGE, size.toString());
        }
    }

    private Verdict run(String expected, Harness.Compiled async, String asyncMethod, boolean instance) {
        if (expected == null) {
            return new Verdict(Verdict.Kind.INVALID_JAVA, "the plain twin did not finish: the generator is broken");
        }
        String actual = outcome((trace, deferred) -> instance
                ? async.run("fuzz.PAsync", asyncMethod, newReceiver(async, "fuzz.P"), trace, deferred)
                : async.run("fuzz.PAsync", asyncMethod, trace, deferred));
        if (actual == null) {
            return new Verdict(Verdict.Kind.HUNG, "expected (await returning at once): " + expected
                    + "\nactual (coroutine): did not finish within " + TIME_LIMIT_SECONDS + " s");
        }
        return expected.equals(actual) ? new Verdict(Verdict.Kind.SAME, expected)
                : new Verdict(Verdict.Kind.MISMATCH, "\nexpected (await returning at once): " + expected
                        + "\nactual (coroutine):                 " + actual);
    }

    /** A fresh {@code P}: every run starts from the same instance state. */
    private static Object newReceiver(Harness.Compiled compiled, String className) throws ReflectiveOperationException {
        Constructor<?> constructor = compiled.load(className).getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    /** Runs the plain twin of an instance-method body on a fresh {@code P}. */
    private static Object callOnNewReceiver(Harness.Compiled compiled, String name, List<String> trace,
            List<Runnable> deferred) throws Throwable {
        Method method = compiled.load("plain.P").getDeclaredMethod(name, List.class, List.class);
        method.setAccessible(true);
        try {
            return method.invoke(newReceiver(compiled, "plain.P"), trace, deferred);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Call {
        Object call(List<String> trace, List<Runnable> deferred) throws Throwable;
    }

    /**
     * Runs a generated method on the runner thread; the outcome is its trace (deferred lambdas run after it) and its
     * result or exception. Null if it did not finish in time (the stuck thread is abandoned).
     */
    private String outcome(Call call) {
        java.util.concurrent.Future<String> result = runner.submit(() -> {
            List<String> trace = new ArrayList<>();
            List<Runnable> deferred = new ArrayList<>();
            String ending;
            try {
                ending = "returned " + call.call(trace, deferred);
            } catch (Throwable t) {
                ending = "threw " + describe(t);
            }
            deferred.forEach(Runnable::run);
            return trace + " " + ending;
        });
        try {
            return result.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            runner.shutdownNow();
            runner = newRunner();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(t.getClass().getName() + ": " + t.getMessage());
        if (t.getCause() != null) {
            text.append(" (cause ").append(describe(t.getCause())).append(')');
        }
        for (Throwable suppressed : t.getSuppressed()) {
            text.append(" (suppressed ").append(describe(suppressed)).append(')');
        }
        return text.toString();
    }

    /**
     * Turns {@code assert} on for the compiled classes, as for the user's code under test: surefire's
     * {@code enableAssertions} covers only its own class loader. Classes read their status when they are
     * initialized, which none of these has been yet.
     */
    private static Harness.Compiled withAssertions(Harness.Compiled compiled, String anyClass) {
        compiled.load(anyClass).getClassLoader().setDefaultAssertionStatus(true);
        return compiled;
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-runner");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String noise(Compilation compilation) {
        return compilation.diagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** One class holding some of the bodies as methods, with the line range of each. */
    static final class Source {
        final String text;
        /** Body index to method name. */
        final Map<Integer, String> methods = new LinkedHashMap<>();
        /** The bodies written as instance methods. */
        final Set<Integer> instance = new HashSet<>();
        private final Map<Integer, int[]> lines = new LinkedHashMap<>();

        Source(String pkg, String helpers, boolean async, List<String> bodies, List<Integer> indexes) {
            StringBuilder source = new StringBuilder("package " + pkg + ";\n"
                    + (async ? "import org.asyncio4j.*;\n" : "")
                    + "import java.io.IOException;\n"
                    + "import java.util.*;\n"
                    + "import java.net.InetSocketAddress;\n"
                    + (async ? "import static org.asyncio4j.Asyncio.*;\n" : "")
                    // A random body may await nothing, and case groups fall through on purpose.
                    + "@SuppressWarnings({\"AsyncWithoutAwait\", \"fallthrough\"})\n"
                    + "class P {\n" + helpers);
            for (int index : indexes) {
                String name = "m" + index;
                methods.put(index, name);
                int first = lineCount(source);
                boolean onInstance = INSTANCE_MEMBERS.matcher(bodies.get(index)).find();
                if (onInstance) {
                    instance.add(index);
                }
                String body = FuzzGenerators.forSource(bodies.get(index), name, async, onInstance);
                source.append("  ").append(async ? "@Async " : "").append(onInstance ? "" : "static ")
                        .append("int ").append(name)
                        .append("(List<String> trace, List<Runnable> deferred)")
                        .append(async ? "" : " throws Exception").append(" {\n")
                        .append(async && index % 2 == 0 ? awaitingDirectly(body)
                                : async ? body : FuzzAsyncStatements.plain(body))
                        .append("  }\n");
                lines.put(index, new int[] {first + 1, lineCount(source)});
            }
            // The plain twin's file also holds what the body may call as `PAsync.xImpl(..)`.
            this.text = source.append("}\n").append(async ? "" : FuzzWorld.PLAIN_COMPANION).toString();
        }

        /**
         * Half the coroutines await the helpers' companion entries directly ({@code await(PAsync.laterImpl(x))}),
         * which run frame-less until they suspend; the other half await the coroutine objects the helpers return.
         */
        static String awaitingDirectly(String body) {
            java.util.regex.Matcher call = DIRECT_HELPERS.matcher(body);
            StringBuilder out = new StringBuilder();
            while (call.find()) {
                String helper = call.group(1);
                call.appendReplacement(out, "PAsync." + (helper.equals("yieldThen") ? "yield" : helper) + "Impl(");
            }
            return call.appendTail(out).toString();
        }

        private static final java.util.regex.Pattern DIRECT_HELPERS = java.util.regex.Pattern.compile(
                "(?<![\\w.])(later|yieldThen|direct|laterB|boom|boomNow|checkedBoom|obj|excLater|openLater|laterV)\\(");

        /** A body naming these is an instance method of {@code P} ({@link FuzzFeature#INSTANCE_FIELDS}). */
        private static final Pattern INSTANCE_MEMBERS = Pattern.compile("\\b(this|[mM]y[A-Z]\\w*)\\b");

        private static int lineCount(CharSequence text) {
            return (int) text.chars().filter(c -> c == '\n').count();
        }

        /** Errors and warnings on the bodies' lines of this file, by body index (only the first per body). */
        Map<Integer, String> attribute(Compilation compilation) {
            Map<Integer, String> found = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
                if (diagnostic.getKind() == Diagnostic.Kind.NOTE || diagnostic.getSource() == null
                        || !diagnostic.getSource().getName().endsWith("/P.java")) {
                    continue;
                }
                long line = diagnostic.getLineNumber();
                boolean mapped = false;
                for (Map.Entry<Integer, int[]> entry : lines.entrySet()) {
                    int[] range = entry.getValue();
                    if (line >= range[0] && line <= range[1]) {
                        mapped = true;
                        found.putIfAbsent(entry.getKey(), diagnostic.getKind().toString().toLowerCase(Locale.ROOT)
                                + " at body line " + (line - range[0]) + ": " + diagnostic.getMessage(Locale.ROOT));
                    }
                }
                if (!mapped) {
                    throw new AssertionError("a diagnostic outside the generated bodies: the fuzz harness is broken: "
                            + diagnostic + "\n" + text);
                }
            }
            return found;
        }
    }
}
