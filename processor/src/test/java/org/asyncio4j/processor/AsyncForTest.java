package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code async for}: for-each loops over an {@code AsyncIterable} in an {@code @Async} body, compiled through the
 * processor and run on a virtual-time loop. Each element is awaited (1 s); the iterator is closed (1 s, logged
 * "aclose") on every way out of the loop.
 */
class AsyncForTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    /** {@code Nums}: 1..n, one per second; {@code Source}: hands out a new {@code Nums} from a method. */
    static final String ITERABLES =
            "static class Nums implements AsyncIterator<Integer> {\n"
            + "  final List<String> log; final int n; int i;\n"
            + "  Nums(List<String> log, int n) { this.log = log; this.n = n; }\n"
            + "  @Override public Coroutine<Boolean> hasNextAsync() { return DemoAsync.more(this); }\n"
            + "  @Override public Integer next() { return i; }\n"
            + "  @Override public Coroutine<Void> closeAsync() { return DemoAsync.aclose(log); }\n"
            + "}\n"
            + "static class Source {\n"
            + "  final List<String> log;\n"
            + "  Source(List<String> log) { this.log = log; }\n"
            + "  AsyncIterable<Integer> upTo(int n) { return new Nums(log, n); }\n"
            + "}\n"
            + "@Async static boolean more(Nums it) {\n"
            + "  await(sleep(1));\n"
            + "  if (it.i == -1) throw new IllegalStateException(\"source failed\");\n"
            + "  it.i++;\n"
            + "  return it.i <= it.n;\n"
            + "}\n"
            + "@Async static void aclose(List<String> log) { await(sleep(1)); log.add(\"aclose\"); }\n";

    static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + ITERABLES + body + "\n}\n");
    }

    @Test
    void wholeLoop_awaitsEachElement_andClosesAtTheEnd() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int run(List<String> log, Nums nums) {\n"
                + "  int sum = 0;\n"
                + "  for (int x : nums) {\n"
                + "    log.add(\"x\" + x);\n"
                + "    sum += x;\n"
                + "  }\n"
                + "  log.add(\"after\");\n"
                + "  return sum;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(6, demo.run("demo.DemoAsync", "run", log, newNums(demo, log, 3)));
        assertEquals(List.of("x1", "x2", "x3", "aclose", "after"), log);
        assertEquals(5.0, demo.loop.time(), 1e-9);
    }

    @Test
    void loopOverAMethodsResult_withAwaitsInTheBody_andVarElements() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  Source source = new Source(log);\n"
                + "  StringBuilder seen = new StringBuilder();\n"
                + "  for (var x : source.upTo(2)) {\n"
                + "    await(sleep(0.5));\n"
                + "    seen.append(x).append(' ');\n"
                + "  }\n"
                + "  return seen + \"at \" + getRunningLoop().time();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("1 2 at 5.0", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("aclose"), log);
    }

    @Test
    void breakReturnAndLabelledJumps_closeTheIterator() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, Nums nums, int how) {\n"
                + "  outer:\n"
                + "  for (int round = 0; round < 2; round++) {\n"
                + "    inner:\n"
                + "    for (Integer x : nums) {\n"
                + "      log.add(\"x\" + x);\n"
                + "      if (x == 1) continue;\n"
                + "      if (how == 0) break;\n"
                + "      if (how == 1) return \"returned \" + x;\n"
                + "      if (how == 2) break outer;\n"
                + "      if (how == 3) continue outer;\n"
                + "      if (how == 4) break inner;\n"
                + "    }\n"
                + "    log.add(\"after inner\");\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        String[] expected = {
            "[x1, x2, aclose, after inner, x3, aclose, after inner] end",
            "[x1, x2, aclose] returned 2",
            "[x1, x2, aclose] end",
            "[x1, x2, aclose, x3, aclose] end",
            "[x1, x2, aclose, after inner, x3, aclose, after inner] end",
        };
        for (int how = 0; how < expected.length; how++) {
            List<String> log = new ArrayList<>();
            Object result = demo.run("demo.DemoAsync", "run", log, newNums(demo, log, 5), how);
            assertEquals(expected[how], log + " " + result, "how = " + how);
        }
    }

    @Test
    void exceptionInTheBody_orFromTheIterator_closesIt_andPropagates() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, Nums nums, boolean bodyFails) {\n"
                + "  for (int x : nums) {\n"
                + "    log.add(\"x\" + x);\n"
                + "    if (bodyFails) throw new IllegalArgumentException(\"body failed\");\n"
                + "    nums.i = -1;\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        IllegalArgumentException body = assertThrows(IllegalArgumentException.class,
                () -> demo.run("demo.DemoAsync", "run", log, newNums(demo, log, 3), true));
        assertEquals("body failed", body.getMessage());
        assertEquals(List.of("x1", "aclose"), log);
        List<String> sourceLog = new ArrayList<>();
        IllegalStateException source = assertThrows(IllegalStateException.class,
                () -> demo.run("demo.DemoAsync", "run", sourceLog, newNums(demo, sourceLog, 3), false));
        assertEquals("source failed", source.getMessage());
        assertEquals(List.of("x1", "aclose"), sourceLog);
    }

    @Test
    void cancellationWhileWaitingForAnElement_closesTheIterator() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void loop(List<String> log, Nums nums) {\n"
                + "  try {\n"
                + "    for (int x : nums) log.add(\"x\" + x);\n"
                + "  } catch (CancelledError e) {\n"
                + "    log.add(\"cancelled at \" + getRunningLoop().time());\n"
                + "    throw e;\n"
                + "  }\n"
                + "}\n"
                + "@Async static boolean run(List<String> log, Nums nums) {\n"
                + "  Task<Void> t = createTask(DemoAsync.loop(log, nums));\n"
                + "  await(sleep(2.5));\n"
                + "  t.cancel();\n"
                + "  try { await(t); } catch (CancelledError e) { log.add(\"awaited\"); }\n"
                + "  return t.cancelled();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(true, demo.run("demo.DemoAsync", "run", log, newNums(demo, log, 5)));
        assertEquals(List.of("x1", "x2", "aclose", "cancelled at 3.5", "awaited"), log);
    }

    private static Object newNums(Harness.Compiled demo, List<String> log, int n) throws Exception {
        var constructor = demo.load("demo.Demo$Nums").getDeclaredConstructor(List.class, int.class);
        constructor.setAccessible(true);
        return constructor.newInstance(log, n);
    }
}
