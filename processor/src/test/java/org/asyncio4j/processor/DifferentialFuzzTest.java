package org.asyncio4j.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the whole pipeline: random {@code @Async} methods ({@link ProgramGenerator}) run as
 * coroutines on the event loop must do exactly what the same code does when {@code await} returns its argument:
 * same trace of side effects, same result, same exception.
 *
 * <p>A fixed-seed batch runs with the suite. Any count and seed run on demand:
 * {@code mvn -B -pl runtime,processor test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.count=10000 -Dfuzz.seed=42}. A mismatch prints the method, its seed and both outcomes.
 */
class DifferentialFuzzTest {
    private static final int BATCH = 50;

    private static final String ASYNC_HELPERS = ""
            + "  static Future<Integer> now(int x) { Future<Integer> f = getRunningLoop().createFuture();"
            + " f.setResult(x); return f; }\n"
            + "  static Future<Boolean> nowB(boolean b) { Future<Boolean> f = getRunningLoop().createFuture();"
            + " f.setResult(b); return f; }\n"
            + "  static Coroutine<Integer> later(int x) { return PAsync.laterImpl(x); }\n"
            + "  static Coroutine<Integer> yieldThen(int x) { return PAsync.yieldImpl(x); }\n"
            + "  static Coroutine<Boolean> laterB(boolean b) { return PAsync.laterBImpl(b); }\n"
            + "  static Coroutine<Integer> boom(int x) { return PAsync.boomImpl(x); }\n"
            + "  @Async static int laterImpl(int x) { await(sleep(0.5)); return x; }\n"
            + "  @Async static int yieldImpl(int x) { await(sleep(0)); return x; }\n"
            + "  @Async static boolean laterBImpl(boolean b) { await(sleep(0.25)); return b; }\n"
            + "  @Async static int boomImpl(int x) { await(sleep(0.25)); throw new IllegalStateException(\"boom\" + x); }\n";

    private static final String PLAIN_HELPERS = ""
            + "  static <T> T await(T value) { return value; }\n"
            + "  static int now(int x) { return x; }\n"
            + "  static boolean nowB(boolean b) { return b; }\n"
            + "  static int later(int x) { return x; }\n"
            + "  static int yieldThen(int x) { return x; }\n"
            + "  static boolean laterB(boolean b) { return b; }\n"
            + "  static int boom(int x) { throw new IllegalStateException(\"boom\" + x); }\n";

    @Test
    void fixedSeedBatch_coroutinesBehaveLikeTheSameCodeRunDirectly() throws Throwable {
        int count = Integer.getInteger("fuzz.count", 300);
        long seed = Long.getLong("fuzz.seed", 20261123L);
        for (int start = 0; start < count; start += BATCH) {
            runBatch(seed, start, Math.min(BATCH, count - start));
        }
    }

    private static void runBatch(long seed, int first, int size) throws Throwable {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            bodies.add(ProgramGenerator.body(seed + first + i));
        }
        Harness.Compiled async = Harness.compileClean(source("fuzz", ASYNC_HELPERS, "@Async ", bodies));
        Compilation plainCompilation = javac().compile(Harness.source(source("plain", PLAIN_HELPERS, "", bodies)));
        if (plainCompilation.status() != Compilation.Status.SUCCESS) {
            fail("the reference did not compile: " + plainCompilation.diagnostics());
        }
        Harness.Compiled plain = new Harness.Compiled(plainCompilation);
        for (int i = 0; i < size; i++) {
            String method = "m" + i;
            String expected = outcome((trace, deferred) -> plain.call("plain.P", method, trace, deferred));
            String actual = outcome((trace, deferred) -> async.run("fuzz.PAsync", method, trace, deferred));
            if (!expected.equals(actual)) {
                fail("mismatch for seed " + (seed + first + i) + " (method m" + i + "):\n" + bodies.get(i)
                        + "\nexpected (await returning at once): " + expected + "\nactual (coroutine):  " + actual
                        + "\nreplay just this one: mvn -B -pl runtime,processor test -Dtest=DifferentialFuzzTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.count=1 -Dfuzz.seed=" + (seed + first + i));
            }
        }
    }

    private interface Call {
        Object call(List<String> trace, List<Runnable> deferred) throws Throwable;
    }

    /** Runs a generated method; the outcome is its trace (deferred lambdas run after it) and its result. */
    private static String outcome(Call call) {
        List<String> trace = new ArrayList<>();
        List<Runnable> deferred = new ArrayList<>();
        String result;
        try {
            result = "returned " + call.call(trace, deferred);
        } catch (Throwable t) {
            result = "threw " + t.getClass().getName() + ": " + t.getMessage();
        }
        deferred.forEach(Runnable::run);
        return trace + " " + result;
    }

    private static String source(String pkg, String helpers, String modifier, List<String> bodies) {
        StringBuilder source = new StringBuilder("package " + pkg + ";\n"
                + "import org.asyncio4j.*;\n"
                + "import java.util.*;\n"
                + (modifier.isEmpty() ? "" : "import static org.asyncio4j.Asyncio.*;\n")
                // A random body may await nothing: a legitimate input, so that warning is off for the class.
                + (modifier.isEmpty() ? "" : "@SuppressWarnings(\"AsyncWithoutAwait\")\n")
                + "class P {\n" + helpers);
        for (int i = 0; i < bodies.size(); i++) {
            source.append("  ").append(modifier).append("static int m").append(i)
                    .append("(List<String> trace, List<Runnable> deferred) {\n")
                    .append(bodies.get(i)).append("  }\n");
        }
        return source.append("}\n").toString();
    }
}
