package org.asyncio4j.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void primitiveResults_passUnboxed_andReadAsJavaWould() throws Throwable {
        String leaf = "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static ";
        Harness.Compiled demo = compile(
                leaf + "int i(int x) { return x * 1000; }\n"
                + leaf + "long j(long x) { return x << 40; }\n"
                + leaf + "double d(double x) { return x / 4; }\n"
                + leaf + "float f(float x) { return x / 8; }\n"
                + leaf + "boolean z(int x) { return x > 2; }\n"
                + leaf + "char c(int x) { if (x == 0) return 65; return (char) ('a' + x); }\n"
                + leaf + "short s(int x) { if (x == 0) return -2; return (short) (x * 300); }\n"
                + leaf + "byte b(int x) { if (x == 0) return -1; return (byte) x; }\n"
                + "@Async static int later(int x) { await(sleep(1)); return x + 1; }\n"
                + "@Async static int maybeLater(int x) { if (x > 0) await(sleep(1)); return x + 2; }\n"
                + "@Async static int forward(int x) { return await(DemoAsync.i(x)); }\n"
                + "@Async static long widened(int x) { return await(DemoAsync.i(x)); }\n"
                + "@Async static String run() {\n"
                + "  StringBuilder out = new StringBuilder();\n"
                + "  int a = await(DemoAsync.i(7));\n"
                + "  long l = await(DemoAsync.i(8));\n"
                + "  double w = await(DemoAsync.f(1f));\n"
                + "  out.append(a).append(' ').append(l).append(' ').append(w);\n"
                + "  long jj = await(DemoAsync.j(3)); out.append(' ').append(jj);\n"
                + "  double dd = await(DemoAsync.d(3)); out.append(' ').append(dd);\n"
                + "  float ff = await(DemoAsync.f(3)); out.append(' ').append(ff);\n"
                + "  if (await(DemoAsync.z(3))) out.append(\" z\");\n"
                + "  while (!await(DemoAsync.z(3))) out.append(\" never\");\n"
                + "  char c0 = await(DemoAsync.c(0)); char c1 = await(DemoAsync.c(1)); out.append(' ').append(c0).append(c1);\n"
                + "  int ci = await(DemoAsync.c(2)); out.append(' ').append(ci);\n"
                + "  short s0 = await(DemoAsync.s(0)); int s1 = await(DemoAsync.s(5)); out.append(' ').append(s0).append(' ').append(s1);\n"
                + "  byte b0 = await(DemoAsync.b(0)); long b1 = await(DemoAsync.b(9)); out.append(' ').append(b0).append(' ').append(b1);\n"
                + "  Object boxedC = await(DemoAsync.c(1)); Object boxedB = await(DemoAsync.b(2));\n"
                + "  Object boxedS = await(DemoAsync.s(1)); Object boxedZ = await(DemoAsync.z(1));\n"
                + "  Object boxedJ = await(DemoAsync.j(1)); Object boxedF = await(DemoAsync.f(1));\n"
                + "  out.append(' ').append(boxedC.getClass().getSimpleName()).append(boxedB.getClass().getSimpleName())\n"
                + "     .append(boxedS.getClass().getSimpleName()).append(boxedZ.getClass().getSimpleName())\n"
                + "     .append(boxedJ.getClass().getSimpleName()).append(boxedF.getClass().getSimpleName());\n"
                + "  Integer boxed = await(DemoAsync.i(300)); out.append(' ').append(boxed);\n"
                + "  out.append(' ').append(await(DemoAsync.i(2)) + await(DemoAsync.i(3)));\n"
                + "  int later = await(DemoAsync.later(4)); out.append(' ').append(later);\n"
                + "  int m0 = await(DemoAsync.maybeLater(0)); int m1 = await(DemoAsync.maybeLater(1));\n"
                + "  out.append(' ').append(m0).append(' ').append(m1);\n"
                + "  out.append(' ').append(await(DemoAsync.forward(5))).append(' ').append(await(DemoAsync.widened(6)));\n"
                + "  int assigned = 0; assigned = await(DemoAsync.i(9)); out.append(' ').append(assigned);\n"
                + "  return out.toString();\n"
                + "}\n"
                + "@Async static int outer() { return await(DemoAsync.i(11)); }");
        assertEquals("7000 8000 0.125 3298534883328 0.75 0.375 z Ab 99 -2 1500 -1 9 CharacterByteShortBooleanLongFloat"
                + " 300000 5000 5 2 3 5000 6000 9000", demo.run("demo.DemoAsync", "run"));
        assertEquals(2.0, demo.loop.time(), 1e-9);
        assertEquals(11000, demo.run("demo.DemoAsync", "outer"), "run as a task's root frame: the result boxed");
        String generated = demo.generated("demo.DemoAsync");
        assertTrue(generated.contains("return resultInt(frame, task, x * 1000);"), generated);
        assertTrue(generated.contains("return resultChar(frame, task, 65);"), generated);
        assertTrue(generated.contains("a = awaitedInt(task);"), generated);
        assertTrue(generated.contains("return resultInt(frame, task, awaitedInt(task));"), generated);
    }

    @Test
    void unboxedReturnThatAFinallyBlockOverrides_leavesNoStaleResult() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static int thrown(int x) {\n"
                + "  try { return x * 7; } finally { if (x > 0) throw new IllegalStateException(\"finally \" + x); }\n"
                + "}\n"
                + "@SuppressWarnings({\"AsyncWithoutAwait\", \"finally\"}) @Async static int replaced(int x) {\n"
                + "  try { return x * 7; } finally { if (x > 0) return x * 11; }\n"
                + "}\n"
                + "@Async static int later(int x) { await(sleep(1)); return x + 1; }\n"
                + "@Async static String run() {\n"
                + "  String r;\n"
                + "  try { int v = await(DemoAsync.thrown(1)); r = \"got \" + v; }\n"
                + "  catch (IllegalStateException e) { r = e.getMessage(); }\n"
                + "  int next = await(DemoAsync.later(5));\n"
                + "  Object boxed = await(DemoAsync.later(6));\n"
                + "  int zero = await(DemoAsync.thrown(0));\n"
                + "  int replaced = await(DemoAsync.replaced(2));\n"
                + "  return r + \" \" + next + \" \" + boxed + \" \" + zero + \" \" + replaced;\n"
                + "}");
        assertEquals("finally 1 6 7 0 22", demo.run("demo.DemoAsync", "run"));
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

    @Test
    void staticImportsNamedLikeTheStateMachinesMembers_stillMeanTheImportedMethods() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n"
                        + "public final class Util {\n"
                        + "  public static String stepBody(String s) { return \"[\" + s + \"]\"; }\n"
                        + "  public static String suspendOn(int n) { return \"<\" + n + \">\"; }\n"
                        + "  public static String awaitedValue(String s) { return s + \"!\"; }\n"
                        + "}\n",
                "package demo;\n"
                        + "import org.asyncio4j.*;\n"
                        + "import static org.asyncio4j.Asyncio.*;\n"
                        + "import static demo.Util.stepBody;\n"
                        + "import static demo.Util.*;\n"
                        + "class Demo {\n"
                        + "  @Async static String run() {\n"
                        + "    String a = stepBody(\"a\");\n"
                        + "    await(sleep(1));\n"
                        + "    return a + suspendOn(2) + awaitedValue(\"c\");\n"
                        + "  }\n"
                        + "}\n");
        assertEquals("[a]<2>c!", demo.run("demo.DemoAsync", "run"));
        String generated = demo.generated("demo.DemoAsync");
        assertTrue(generated.contains("a = demo.Util.stepBody(\"a\");"), generated);
        assertTrue(generated.contains("return a + demo.Util.suspendOn(2) + demo.Util.awaitedValue(\"c\");"), generated);
    }

    @Test
    void companionsCompiledEarlier_areCalledFramelessOnlyIfTheyDeclareTheEntry(@TempDir Path classes)
            throws Throwable {
        // A library compiled earlier with this processor: its companion declares twice$await.
        writeClasses(javac().withProcessors(new AsyncProcessor()).compile(Harness.source("package lib;\n"
                + "import org.asyncio4j.*;\n"
                + "import static org.asyncio4j.Asyncio.*;\n"
                + "public class Lib { @Async public static int twice(int x) { await(sleep(1)); return 2 * x; } }\n")),
                classes);
        // One compiled with an older processor, whose companion has only the coroutine entry (written by hand).
        writeClasses(javac().withOptions("-proc:none").compile(
                Harness.source("package old;\npublic class Old { @org.asyncio4j.Async public static int three() "
                        + "{ return 3; } }\n"),
                Harness.source("package old;\n"
                        + "import org.asyncio4j.Coroutine;\n"
                        + "public final class OldAsync {\n"
                        + "  public static Coroutine<Integer> three() { return new ThreeCoroutine(); }\n"
                        + "  static final class ThreeCoroutine extends org.asyncio4j.internal.AsyncStateMachine<Integer> {\n"
                        + "    @Override protected Object step() { return 3; }\n"
                        + "  }\n"
                        + "}\n")), classes);
        Compilation app = javac().withProcessors(new AsyncProcessor())
                .withClasspath(List.of(classes.toFile(), runtimeLocation()))
                .compile(Harness.source("package app;\n"
                        + "import org.asyncio4j.*;\n"
                        + "public class App {\n"
                        + "  @Async static int run() {\n"
                        + "    return Asyncio.await(lib.LibAsync.twice(20)) + Asyncio.await(old.OldAsync.three());\n"
                        + "  }\n"
                        + "}\n"));
        assertEquals(Compilation.Status.SUCCESS, app.status(), () -> app.diagnostics().toString());
        String generated = new Harness.Compiled(app).generated("app.AppAsync");
        assertTrue(generated.contains("lib.LibAsync.twice$await(task, 20)"), generated);
        assertTrue(generated.contains("suspendOn(frame, task, old.OldAsync.three())"), generated);
        writeClasses(app, classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                FramelessCallsTest.class.getClassLoader())) {
            java.lang.reflect.Method entry = loader.loadClass("app.AppAsync").getDeclaredMethod("run");
            entry.setAccessible(true);
            Coroutine<?> run = (Coroutine<?>) entry.invoke(null);
            EventLoop loop = EventLoop.virtualTime();
            try {
                assertEquals(43, loop.runUntilComplete(run));
                assertEquals(1.0, loop.time(), 1e-9);
            } finally {
                loop.close();
            }
        }
    }

    /** Where the runtime's classes are, for a class path that replaces the default one. */
    private static File runtimeLocation() throws Exception {
        return new File(Coroutine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void writeClasses(Compilation compilation, Path root) throws IOException {
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> compilation.diagnostics().toString());
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                Path target = root.resolve(file.toUri().getPath().replaceFirst("^/(CLASS_OUTPUT/)?", ""));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
