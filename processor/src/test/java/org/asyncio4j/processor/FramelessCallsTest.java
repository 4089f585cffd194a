package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code await(OwnerAsync.m(..))} runs {@code m} frame-less (its companion's {@code m$await}): no coroutine object
 * unless it must wait; then its frame is created, published, and adopted by its caller, level by level. Compiled
 * through the processor and run on a virtual-time loop: results, the order of side effects, the loop time, and that
 * the task's chain of frames is whole while it waits ({@code getCoro()} walks it up to the root).
 */
class FramelessCallsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + body + "\n}\n");
    }

    @Test
    void chainThatNeverSuspends_isPlainCalls_andAddsUp() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static long level(int depth) {\n"
                + "  if (depth == 0) return 0;\n"
                + "  long inner = await(DemoAsync.level(depth - 1));\n"
                + "  return inner + depth;\n"
                + "}\n"
                + "@Async static long run() { await(sleep(0)); return await(DemoAsync.level(2000)); }");
        assertEquals(2000L * 2001 / 2, demo.run("demo.DemoAsync", "run"));
        assertEquals(0.0, demo.loop.time(), 1e-9);
        String generated = demo.generated("demo.DemoAsync");
        assertTrue(generated.contains("if (DemoAsync.level$await(task, depth - 1)) {"), generated);
        assertTrue(generated.contains("static boolean level$await(Task<?> task, int depth)"), generated);
    }

    @Test
    void suspensionTwoCallsDeep_linksEveryLevel_andResumesInOrder() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int leaf(List<String> log, int x) {\n"
                + "  log.add(\"leaf \" + x);\n"
                + "  await(sleep(1));\n"
                + "  log.add(\"leaf woke \" + x);\n"
                + "  return x;\n"
                + "}\n"
                + "@Async static int middle(List<String> log, int x) {\n"
                + "  log.add(\"middle \" + x);\n"
                + "  int v = await(DemoAsync.leaf(log, x));\n"
                + "  log.add(\"middle got \" + v);\n"
                + "  return v * 10;\n"
                + "}\n"
                + "@Async static int top(List<String> log) {\n"
                + "  int a = await(DemoAsync.middle(log, 1));\n"
                + "  int b = await(DemoAsync.middle(log, 2));\n"
                + "  return a + b;\n"
                + "}\n"
                + "@Async static int run(List<String> log) {\n"
                + "  Coroutine<Integer> root = DemoAsync.top(log);\n"
                + "  Task<Integer> task = createTask(root);\n"
                + "  await(sleep(0.5));\n"
                + "  log.add(\"observer: root \" + (task.getCoro() == root));\n"
                + "  await(sleep(1));\n"
                + "  log.add(\"observer: root \" + (task.getCoro() == root));\n"
                + "  return await(task);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(30, demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("middle 1", "leaf 1", "observer: root true", "leaf woke 1", "middle got 1",
                "middle 2", "leaf 2", "observer: root true", "leaf woke 2", "middle got 2"), log);
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void cancellingATaskWaitingTwoFramelessCallsDeep_unwindsEveryFinally() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int leaf(List<String> log) {\n"
                + "  try { await(sleep(10)); return 1; } finally { log.add(\"leaf finally\"); }\n"
                + "}\n"
                + "@Async static int middle(List<String> log) {\n"
                + "  try { return await(DemoAsync.leaf(log)); } finally { log.add(\"middle finally\"); }\n"
                + "}\n"
                + "@Async static int top(List<String> log) {\n"
                + "  try { return await(DemoAsync.middle(log)); }\n"
                + "  catch (CancelledError e) { log.add(\"top caught \" + e.getMessage()); return -1; }\n"
                + "}\n"
                + "@Async static int run(List<String> log) {\n"
                + "  Task<Integer> task = createTask(DemoAsync.top(log));\n"
                + "  await(sleep(1));\n"
                + "  task.cancel(\"stop\");\n"
                + "  return await(task);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(-1, demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("leaf finally", "middle finally", "top caught stop"), log);
        assertEquals(1.0, demo.loop.time(), 1e-9);
    }

    @Test
    void failuresOfFramelessCalls_beforeAndAfterSuspending_reachTheCallersCatch() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"AsyncWithoutAwait\")\n"
                + "@Async static int failsNow(int x) throws java.io.IOException {\n"
                + "  if (x > 0) throw new java.io.IOException(\"now \" + x);\n"
                + "  return x;\n"
                + "}\n"
                + "@Async static int failsLater(int x) { await(sleep(1)); throw new IllegalStateException(\"later \" + x); }\n"
                + "@Async static String run() {\n"
                + "  String r = \"\";\n"
                + "  try { await(DemoAsync.failsNow(1), java.io.IOException.class); }\n"
                + "  catch (java.io.IOException e) { r += e.getMessage(); }\n"
                + "  try { await(DemoAsync.failsLater(2)); } catch (IllegalStateException e) { r += \"|\" + e.getMessage(); }\n"
                + "  try { return r + \"|\" + await(DemoAsync.failsNow(0), java.io.IOException.class); }\n"
                + "  catch (java.io.IOException e) { return \"unexpected\"; }\n"
                + "}");
        assertEquals("now 1|later 2|0", demo.run("demo.DemoAsync", "run"));
        assertEquals(1.0, demo.loop.time(), 1e-9);
        String generated = demo.generated("demo.DemoAsync");
        assertTrue(generated.contains("if (DemoAsync.failsNow$await(task, 1)) {"), generated);
    }

    @Test
    void framelessCallThatCreatesItsFrameWithoutSuspending_isStillLinkedWhenItWaitsLater() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static int quick(int x) { return x; }\n"
                + "@Async static int twoPhase(List<String> log, int x) {\n"
                + "  Coroutine<Integer> held = DemoAsync.quick(x);\n"
                + "  int y = await(held);\n"          // a coroutine object: the body creates its frame to run it
                + "  log.add(\"quick \" + y);\n"
                + "  await(sleep(1));\n"              // and suspends later with that frame
                + "  log.add(\"slept\");\n"
                + "  return y + 1;\n"
                + "}\n"
                + "@Async static int top(List<String> log) { return await(DemoAsync.twoPhase(log, 5)) * 2; }\n"
                + "@Async static int run(List<String> log) {\n"
                + "  Coroutine<Integer> root = DemoAsync.top(log);\n"
                + "  Task<Integer> task = createTask(root);\n"
                + "  await(sleep(0.5));\n"
                + "  log.add(\"root \" + (task.getCoro() == root));\n"
                + "  return await(task);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(12, demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("quick 5", "root true", "slept"), log);
        assertEquals(1.0, demo.loop.time(), 1e-9);
    }

    @Test
    void framelessCallsInALoop_someSuspendingSomeNot_keepTheCallersLocals() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int maybeSleep(int i) { if (i % 2 == 1) await(sleep(1)); return i * i; }\n"
                + "@Async static String run() {\n"
                + "  int total = 0;\n"
                + "  StringBuilder seen = new StringBuilder();\n"
                + "  for (int i = 0; i < 6; i++) {\n"
                + "    int square = await(DemoAsync.maybeSleep(i));\n"
                + "    total += square;\n"
                + "    seen.append(square).append(',');\n"
                + "  }\n"
                + "  return seen + \"=\" + total;\n"
                + "}");
        assertEquals("0,1,4,9,16,25,=55", demo.run("demo.DemoAsync", "run"));
        assertEquals(3.0, demo.loop.time(), 1e-9);
    }

    @Test
    void instanceGenericAndVarargsMethods_haveFramelessEntries_withTheirSignatures() throws Throwable {
        Harness.Compiled demo = compile(
                "final String prefix;\n"
                + "Demo(String prefix) { this.prefix = prefix; }\n"
                + "@Async String tag(String s) { await(sleep(1)); return prefix + s; }\n"
                + "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static <T> List<T> pair(T a, T b) { return List.of(a, b); }\n"
                + "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static int sum(int... xs) {\n"
                + "  int s = 0; for (int x : xs) s += x; return s;\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  Demo d = new Demo(\"#\");\n"
                + "  List<String> p = await(DemoAsync.<String>pair(\"a\", \"b\"));\n"
                + "  String t = await(DemoAsync.tag(d, p.get(1)));\n"
                + "  return t + await(DemoAsync.sum(1, 2, 3)) + await(DemoAsync.pair(1, 2)).get(0);\n"
                + "}");
        assertEquals("#b61", demo.run("demo.DemoAsync", "run"));
        assertEquals(1.0, demo.loop.time(), 1e-9);
        String generated = demo.generated("demo.DemoAsync");
        assertTrue(generated.contains("static <T> boolean pair$await(Task<?> task, T a, T b)"), generated);
        assertTrue(generated.contains("static boolean tag$await(Task<?> task, Demo self, String s)"), generated);
        assertTrue(generated.contains("static boolean sum$await(Task<?> task, int... xs)"), generated);
        assertTrue(generated.contains("DemoAsync.<String>pair$await(task, \"a\", \"b\")"), generated);
    }
}
