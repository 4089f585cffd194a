package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every place the first version accepts {@code await}, compiled through the processor and run on a virtual-time
 * loop: results, the order of side effects, and the loop time all match what the code says.
 */
class AwaitFormsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + body + "\n}\n");
    }

    @Test
    void awaitStatement_suspendsForTheSleep() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void run(List<String> log) {\n"
                + "  log.add(\"before\");\n"
                + "  await(sleep(1.5));\n"
                + "  log.add(\"after\");\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(null, demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("before", "after"), log);
        assertEquals(1.5, demo.loop.time(), 1e-9);
    }

    @Test
    void localInitializers_explicitAndVar_keepTheirTypes() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String twice(String s) { await(sleep(1)); return s + s; }\n"
                + "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static int length(String s) { return s.length(); }\n"
                + "@Async static String run() {\n"
                + "  String a = await(DemoAsync.twice(\"ab\"));\n"
                + "  var b = await(DemoAsync.twice(a));\n"
                + "  int n = await(DemoAsync.length(b));\n"
                + "  var m = await(DemoAsync.length(a));\n"
                + "  long widened = await(DemoAsync.length(\"xyz\"));\n"
                + "  return b.toUpperCase() + ':' + (n + m) + ':' + widened;\n"
                + "}");
        assertEquals("ABABABAB:12:3", demo.run("demo.DemoAsync", "run"));
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void assignment_toLocalAndToField_afterResuming() throws Throwable {
        Harness.Compiled demo = compile(
                "int total;\n"
                + "@Async static int one() { await(sleep(1)); return 1; }\n"
                + "@Async static int two() { await(sleep(1)); return 2; }\n"
                + "@Async int run() {\n"
                + "  int x = 10;\n"
                + "  x = await(DemoAsync.one());\n"
                + "  total = await(DemoAsync.one());\n"
                + "  this.total = await(DemoAsync.two());\n"
                + "  return x * 100 + total;\n"
                + "}\n"
                + "static Demo make() { return new Demo(); }");
        Object self = demo.call("demo.Demo", "make");
        assertEquals(102, demo.run("demo.DemoAsync", "run", self));
    }

    @Test
    void returnedLambdaOrMethodReference_afterAnAwait_getsTheMethodsReturnType() throws Throwable {
        // Found by the real-code suite in commons-lang3's Failable.asFunction: the step method returns Object, which
        // is no target type for a lambda ("Object is not a functional interface").
        Harness.Compiled demo = compile(
                "@Async static <T, R> java.util.function.Function<T, R> wrap(java.util.function.Function<T, R> f) {\n"
                + "  await(sleep(1));\n"
                + "  return input -> f.apply(input);\n"
                + "}\n"
                + "@Async static java.util.function.Function<String, String> pick(boolean upper) {\n"
                + "  try {\n"
                + "    await(sleep(1));\n"
                + "    return upper ? String::toUpperCase : (s -> s + \"!\");\n"
                + "  } finally {\n"
                + "    await(sleep(1));\n"
                + "  }\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  java.util.function.Function<String, Integer> length = await(DemoAsync.wrap(String::length));\n"
                + "  return length.apply(\"abc\") + await(DemoAsync.pick(true)).apply(\"x\")\n"
                + "      + await(DemoAsync.pick(false)).apply(\"y\");\n"
                + "}");
        assertEquals("3Xy!", demo.run("demo.DemoAsync", "run"));
        assertEquals(5.0, demo.loop.time(), 1e-9);
    }

    @Test
    void returnAwait_returnsTheAwaitedValue() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String inner() { await(sleep(2)); return \"inner\"; }\n"
                + "@Async static String run() { return await(DemoAsync.inner()); }");
        assertEquals("inner", demo.run("demo.DemoAsync", "run"));
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void ifConditionAwait_choosesTheBranch() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static boolean isEven(int n) { await(sleep(0)); return n % 2 == 0; }\n"
                + "@Async static String run(int n, List<String> log) {\n"
                + "  if (await(DemoAsync.isEven(n))) {\n"
                + "    log.add(\"even\");\n"
                + "    await(sleep(1));\n"
                + "  } else {\n"
                + "    log.add(\"odd\");\n"
                + "  }\n"
                + "  log.add(\"end\");\n"
                + "  return log.toString();\n"
                + "}");
        assertEquals("[even, end]", demo.run("demo.DemoAsync", "run", 4, new ArrayList<String>()));
        assertEquals("[odd, end]", demo.run("demo.DemoAsync", "run", 3, new ArrayList<String>()));
    }

    @Test
    void whileConditionAwait_loopsUntilFalse() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static boolean below(int[] box, int limit) { await(sleep(1)); return box[0] < limit; }\n"
                + "@Async static int run() {\n"
                + "  int[] box = {0};\n"
                + "  while (await(DemoAsync.below(box, 3))) {\n"
                + "    box[0]++;\n"
                + "  }\n"
                + "  return box[0];\n"
                + "}");
        assertEquals(3, demo.run("demo.DemoAsync", "run"));
        assertEquals(4.0, demo.loop.time(), 1e-9); // four tests of the condition, one second each
    }

    @Test
    void loops_withAwaitInside_keepCountersAcrossSuspensions() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static List<String> run() {\n"
                + "  List<String> log = new ArrayList<>();\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    await(sleep(1));\n"
                + "    log.add(\"for\" + i);\n"
                + "  }\n"
                + "  int j = 0;\n"
                + "  do {\n"
                + "    await(sleep(1));\n"
                + "    log.add(\"do\" + j);\n"
                + "    j++;\n"
                + "  } while (j < 2);\n"
                + "  while (j > 0) {\n"
                + "    j--;\n"
                + "    if (j == 1) continue;\n"
                + "    await(sleep(0));\n"
                + "    log.add(\"while\" + j);\n"
                + "  }\n"
                + "  return log;\n"
                + "}");
        assertEquals(List.of("for0", "for1", "for2", "do0", "do1", "while0"), demo.run("demo.DemoAsync", "run"));
        assertEquals(5.0, demo.loop.time(), 1e-9);
    }

    @Test
    void forEach_overIterablesAndArrays_includingPrimitiveWidening() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> words, int[] numbers, char[] letters) {\n"
                + "  StringBuilder out = new StringBuilder();\n"
                + "  for (String w : words) { await(sleep(1)); out.append(w); }\n"
                + "  long sum = 0;\n"
                + "  for (long n : numbers) { await(sleep(0)); sum += n; }\n"
                + "  for (var c : letters) { await(sleep(0)); out.append(c); }\n"
                + "  for (int code : letters) { await(sleep(0)); sum += code; }\n"
                + "  return out + \"/\" + sum;\n"
                + "}");
        assertEquals("abxy/" + (6 + 'x' + 'y'), demo.run("demo.DemoAsync", "run",
                List.of("a", "b"), new int[] {1, 2, 3}, new char[] {'x', 'y'}));
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void labelledBreakAndContinue_leaveTheRightLoops() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static List<String> run() {\n"
                + "  List<String> log = new ArrayList<>();\n"
                + "  outer:\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    for (int k = 0; k < 3; k++) {\n"
                + "      await(sleep(0));\n"
                + "      if (k == 1) continue outer;\n"
                + "      if (i == 2) break outer;\n"
                + "      log.add(i + \"\" + k);\n"
                + "    }\n"
                + "  }\n"
                + "  block: {\n"
                + "    await(sleep(0));\n"
                + "    if (log.size() == 2) break block;\n"
                + "    log.add(\"unreachable\");\n"
                + "  }\n"
                + "  while (true) {\n"
                + "    await(sleep(0));\n"
                + "    log.add(\"once\");\n"
                + "    break;\n"
                + "  }\n"
                + "  return log;\n"
                + "}");
        assertEquals(List.of("00", "10", "once"), demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void nestedBlocks_andLoopsWithoutAwait_stayOrdinaryCode() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int run() {\n"
                + "  int total = 0;\n"
                + "  {\n"
                + "    int local = 5;\n"
                + "    await(sleep(1));\n"
                + "    for (int i = 0; i < local; i++) { total += i; }\n"
                + "  }\n"
                + "  {\n"
                + "    String local = \"again\";\n"
                + "    await(sleep(1));\n"
                + "    total += local.length();\n"
                + "  }\n"
                + "  return total;\n"
                + "}");
        assertEquals(15, demo.run("demo.DemoAsync", "run"));
        String generated = demo.generated("demo.DemoAsync");
        // Two different locals named `local` live across awaits: each gets its own field.
        org.junit.jupiter.api.Assertions.assertTrue(generated.contains("private int local;"), generated);
        org.junit.jupiter.api.Assertions.assertTrue(generated.contains("private String local2;"), generated);
        // The await-free loop is copied as a loop, not taken apart into states.
        org.junit.jupiter.api.Assertions.assertTrue(generated.contains("for (int i = 0; i < local; i++)"), generated);
    }

    @Test
    void voidReturn_insideLoweredCode_endsTheCoroutine() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void run(List<String> log, boolean early) {\n"
                + "  await(sleep(1));\n"
                + "  if (early) { log.add(\"early\"); return; }\n"
                + "  await(sleep(1));\n"
                + "  log.add(\"late\");\n"
                + "}");
        List<String> log = new ArrayList<>();
        demo.run("demo.DemoAsync", "run", log, true);
        assertEquals(List.of("early"), log);
        assertEquals(1.0, demo.loop.time(), 1e-9);
    }

    @Test
    void exceptions_fromAwaitedCoroutines_propagateUnwrapped() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int fail() throws java.io.IOException {\n"
                + "  await(sleep(1));\n"
                + "  throw new java.io.IOException(\"disk\");\n"
                + "}\n"
                + "@Async static int run(List<String> log) throws java.io.IOException {\n"
                + "  log.add(\"start\");\n"
                + "  int x = await(DemoAsync.fail());\n"
                + "  log.add(\"never\");\n"
                + "  return x;\n"
                + "}");
        List<String> log = new ArrayList<>();
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> demo.run("demo.DemoAsync", "run", log));
        assertEquals("disk", e.getMessage());
        assertEquals(List.of("start"), log);
    }

    @Test
    void awaitingACompletedFuture_doesNotSuspend() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"AsyncWithoutAwait\")\n"
                + "@Async static void other(List<String> log) { log.add(\"other\"); }\n"
                + "@Async static void run(List<String> log) {\n"
                + "  Future<String> done = getRunningLoop().createFuture();\n"
                + "  done.setResult(\"ready\");\n"
                + "  createTask(DemoAsync.other(log));\n"
                + "  String value = await(done);\n"
                + "  log.add(value);\n"
                + "  await(sleep(0));\n"
                + "  log.add(\"after yield\");\n"
                + "}");
        List<String> log = new ArrayList<>();
        demo.run("demo.DemoAsync", "run", log);
        // No suspension at `await(done)`: the task created before it runs only at the sleep(0).
        assertEquals(List.of("ready", "other", "after yield"), log);
    }

    @Test
    void concurrency_createTaskAndGather_overlapInVirtualTime() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String sayAfter(double delay, String what, List<String> log) {\n"
                + "  await(sleep(delay));\n"
                + "  log.add(what);\n"
                + "  return what;\n"
                + "}\n"
                + "@Async static List<String> run(List<String> log) {\n"
                + "  Task<String> a = createTask(DemoAsync.sayAfter(2, \"2s\", log));\n"
                + "  Task<String> b = createTask(DemoAsync.sayAfter(1, \"1s\", log));\n"
                + "  List<String> both = await(gather(a, b));\n"
                + "  return both;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(List.of("2s", "1s"), demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("1s", "2s"), log);
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void lambdaInALoop_capturesTheValueOfItsIteration_evenWhenTheLocalIsHoisted() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static List<String> run() {\n"
                + "  List<Runnable> later = new ArrayList<>();\n"
                + "  List<String> log = new ArrayList<>();\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    int j = i;\n"
                + "    later.add(() -> log.add(\"lambda\" + j));\n"
                + "    await(sleep(0));\n"
                + "    log.add(\"after\" + j);\n"
                + "  }\n"
                + "  for (Runnable r : later) r.run();\n"
                + "  return log;\n"
                + "}");
        assertEquals(List.of("after0", "after1", "after2", "lambda0", "lambda1", "lambda2"),
                demo.run("demo.DemoAsync", "run"));
    }
}
