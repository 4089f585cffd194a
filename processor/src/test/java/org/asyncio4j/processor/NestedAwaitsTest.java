package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code await} nested inside larger expressions: every await suspends in Java's evaluation order, and the
 * expression sees each result typed as the user's {@code await(...)} call was.
 */
class NestedAwaitsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    private static final String HELPERS =
            "@Async static String tick(List<String> log, String s) { await(sleep(1)); log.add(s); return s; }\n"
            + "@Async static int num(List<String> log, int n) { await(sleep(1)); log.add(\"n\" + n); return n; }\n"
            + "@Async static Coroutine<String> later(List<String> log, String s) {\n"
            + "  await(sleep(1)); log.add(\"made \" + s); return DemoAsync.tick(log, s);\n"
            + "}\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + HELPERS + body + "\n}\n");
    }

    @Test
    void severalAwaitsInOneExpression_runInEvaluationOrder_withTheirTypes() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  int sum = await(DemoAsync.num(log, 1)) + await(DemoAsync.num(log, 2)) * 10;\n"
                + "  String text = \"sum=\" + sum + \" \" + await(DemoAsync.tick(log, \"a\")).toUpperCase();\n"
                + "  log.add(String.join(\"+\", await(DemoAsync.tick(log, \"x\")), await(DemoAsync.tick(log, \"y\"))));\n"
                + "  return text;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("sum=21 A", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("n1", "n2", "a", "x", "y", "x+y"), log);
        assertEquals(5.0, demo.loop.time(), 1e-9);
    }

    /**
     * Found by the real-code suite in Guava ({@code Joiner.join}): an annotated explicit type argument is a type, not
     * a value to evaluate before the await; it was saved as one ({@code saved1 = @Nullable Object;}).
     */
    @Test
    void annotatedAndWildcardTypeArguments_beforeAnAwait_areTypesNotValues() throws Throwable {
        Harness.Compiled demo = compile(
                "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface Nullable {}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  List<?> parts = Arrays.<@Nullable Object>asList(await(DemoAsync.tick(log, \"a\")), null);\n"
                + "  List<? extends @Nullable CharSequence> more = Collections.<@Nullable String>singletonList(\n"
                + "      await(DemoAsync.tick(log, \"b\")));\n"
                + "  Map<String, @Nullable Integer> m = new HashMap<String, @Nullable Integer>(Map.of(\n"
                + "      await(DemoAsync.tick(log, \"c\")), 1));\n"
                + "  return parts + \" \" + more + \" \" + m;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("[a, null] [b] {c=1}", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void nestedAwaitOfAnAwaitedCoroutine_andAwaitsInConditionsAndLoops() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int run(List<String> log) {\n"
                + "  String s = await(await(DemoAsync.later(log, \"inner\")));\n"
                + "  int count = 0;\n"
                + "  while (await(DemoAsync.num(log, count)) < 2) {\n"
                + "    count++;\n"
                + "  }\n"
                + "  if (!await(DemoAsync.tick(log, \"t\")).isEmpty() && count == 2) {\n"
                + "    count += await(DemoAsync.num(log, 40));\n"
                + "  }\n"
                + "  for (int i = 0; i < await(DemoAsync.num(log, 1)); i++) {\n"
                + "    log.add(s + i);\n"
                + "  }\n"
                + "  return count;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(42, demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("made inner", "inner", "n0", "n1", "n2", "t", "n40", "n1", "inner0", "n1"), log);
    }

    @Test
    void awaitsAsCallArgumentsAndReceivers_andInThrowAndReturn() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, List<String> out) {\n"
                + "  out.add(await(DemoAsync.tick(log, \"first\")));\n"
                + "  Math.max(await(DemoAsync.num(log, 3)), 4);\n"
                + "  int[] counts = new int[3];\n"
                + "  counts[await(DemoAsync.num(log, 2))] = await(DemoAsync.num(log, 7));\n"
                + "  out.add(\"counts \" + counts[2]);\n"
                + "  if (out.size() > 5) throw new IllegalStateException(await(DemoAsync.tick(log, \"never\")));\n"
                + "  return await(DemoAsync.tick(log, \"last\")).length() + \"/\" + out.get(0);\n"
                + "}");
        List<String> log = new ArrayList<>();
        List<String> out = new ArrayList<>();
        assertEquals("4/first", demo.run("demo.DemoAsync", "run", log, out));
        assertEquals(List.of("first", "counts 7"), out);
        assertEquals(List.of("first", "n3", "n2", "n7", "last"), log);
    }

    @Test
    void computedReceiverOfACallWithAnAwaitedArgument_isEvaluatedFirst_andKept() throws Throwable {
        Harness.Compiled demo = compile(
                "static List<String> pick(List<String> log, List<String> a) { log.add(\"receiver\"); return a; }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  List<String> a = new ArrayList<>();\n"
                + "  List<String> b = new ArrayList<>();\n"
                + "  List<String> target = a;\n"
                + "  pick(log, target).add(await(DemoAsync.tick(log, \"x\")));\n"
                + "  StringBuilder out = new StringBuilder(\"<\");\n"
                + "  out.append('[').append(await(DemoAsync.num(log, 2)) + await(DemoAsync.num(log, 3))).append(']');\n"
                + "  (log.isEmpty() ? b : a).add(await(DemoAsync.tick(log, \"y\")));\n"
                + "  return a + \" \" + b + \" \" + out;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("[x, y] [] <[5]", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("receiver", "x", "n2", "n3", "y"), log);
        assertEquals(4.0, demo.loop.time(), 1e-9);
    }

    @Test
    void constantsAndFinalFields_beforeAnAwait_areFine_asInSwitchSelectorsAndForEach() throws Throwable {
        Harness.Compiled demo = compile(
                "static final String PREFIX = \"p:\";\n"
                + "@Async static String run(List<String> log) {\n"
                + "  System.out.println(await(DemoAsync.tick(log, \"printed\")));\n"
                + "  String s = PREFIX + await(DemoAsync.tick(log, \"s\"));\n"
                + "  switch (await(DemoAsync.num(log, 2))) {\n"
                + "    case 1: return \"one\";\n"
                + "    case 2: s += \"/two\"; break;\n"
                + "    default: return \"other\";\n"
                + "  }\n"
                + "  for (String part : await(DemoAsync.tick(log, \"a,b\")).split(\",\")) {\n"
                + "    s += \"/\" + part;\n"
                + "  }\n"
                + "  return s;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("p:s/two/a/b", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("printed", "s", "n2", "a,b"), log);
    }

    @Test
    void failureOfALaterAwait_happensAfterTheEarlierOnesRan() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int fail(List<String> log) { await(sleep(1)); log.add(\"fail\"); "
                + "throw new IllegalStateException(\"x\"); }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  try {\n"
                + "    return await(DemoAsync.tick(log, \"a\")) + await(DemoAsync.fail(log)) + await(DemoAsync.tick(log, \"b\"));\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    return \"caught \" + e.getMessage();\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("caught x", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("a", "fail"), log);
    }

    private static final String HEAD = PRELUDE + "class Demo {\n";

    private static void assertError(String body, String message, int line) {
        JavaFileObject file = Harness.source(HEAD + body + "}\n");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor()).compile(file);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
    }

    @Test
    void callsFieldsAndNewBeforeAnAwait_areEvaluatedFirst_andKeepTheirValuesAndTypes() throws Throwable {
        Harness.Compiled demo = compile(
                "int counter;\n"
                + "byte small = 7;\n"
                + "String text(List<String> log, String s) { log.add(\"call \" + s); counter++; return s; }\n"
                + "static void show(List<String> log, int n, String s) { log.add(\"int \" + n + \" \" + s); }\n"
                + "static void show(List<String> log, Integer n, String s) { log.add(\"Integer \" + n + \" \" + s); }\n"
                + "@Async int run(List<String> log) {\n"
                + "  String joined = text(log, \"a\") + await(DemoAsync.tick(log, \"t1\")) + text(log, \"b\");\n"
                + "  show(log, counter, await(DemoAsync.tick(log, \"t2\")));\n"
                + "  counter = 100;\n"
                + "  show(log, Integer.valueOf(counter), await(DemoAsync.tick(log, \"t3\")));\n"
                + "  int mixed = small + new StringBuilder(joined).length() * await(DemoAsync.num(log, 10));\n"
                + "  log.add(joined + \" \" + mixed + \" \" + ((Object) log).getClass().getSimpleName()\n"
                + "      + await(DemoAsync.tick(log, \"t4\")));\n"
                + "  return counter;\n"
                + "}\n"
                + "@Async static int start(List<String> log) { return await(DemoAsync.run(new Demo(), log)); }");
        List<String> log = new ArrayList<>();
        assertEquals(100, demo.run("demo.DemoAsync", "start", log));
        assertEquals(List.of("call a", "t1", "call b", "t2", "int 2 t2", "t3", "Integer 100 t3", "n10", "t4",
                "at1b 47 ArrayListt4"), log);
    }

    @Test
    void aFieldChangedDuringTheAwait_isSeenWithTheValueItHadBefore() throws Throwable {
        Harness.Compiled demo = compile(
                "static int shared = 1;\n"
                + "@Async static int bump() { await(sleep(1)); shared = 50; return 2; }\n"
                + "@Async static int run(List<String> log) {\n"
                + "  return shared + await(DemoAsync.bump()) + shared;\n"
                + "}");
        assertEquals(1 + 2 + 50, demo.run("demo.DemoAsync", "run", new ArrayList<>()));
    }

    @Test
    void compoundAssignment_readsItsTargetBeforeTheAwait_fieldsAndLocals() throws Throwable {
        Harness.Compiled demo = compile(
                "static int total = 1;\n"
                + "static byte small = 120;\n"
                + "long count = 5;\n"
                + "@Async long counted(List<String> log) { this.count += await(DemoAsync.num(log, 2)); return count; }\n"
                + "@Async static int bump(int to) { await(sleep(1)); total = to; return 10; }\n"
                + "@SuppressWarnings(\"lossy-conversions\") @Async static String run(List<String> log) {\n"
                + "  total += await(DemoAsync.bump(50));\n"
                + "  small += await(DemoAsync.num(log, 10));\n"
                + "  int v = 7;\n"
                + "  v -= (v++ + await(DemoAsync.num(log, 1)));\n"
                + "  String s = \"a\";\n"
                + "  s += await(DemoAsync.tick(log, \"b\")) + s;\n"
                + "  return total + \" \" + small + \" \" + v + \" \" + s;\n"
                + "}");
        // Java: total = 1 + 10 (read before bump set it to 50); small = (byte) 130; v = 7 - (7 + 1); s = "a" + "ba"
        assertEquals("11 -126 -1 aba", demo.run("demo.DemoAsync", "run", new ArrayList<>()));
        java.lang.reflect.Constructor<?> make = demo.load("demo.Demo").getDeclaredConstructor();
        make.setAccessible(true);
        assertEquals(7L, demo.run("demo.DemoAsync", "counted", make.newInstance(), new ArrayList<>()));
    }

    @Test
    void compoundAssignmentToAnArrayElement_evaluatesArrayIndexAndOldValueFirst() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"lossy-conversions\") @Async static String run(List<String> log) {\n"
                + "  short[] a = {1, 2, 3};\n"
                + "  int i = 0;\n"
                + "  a[i++] += await(DemoAsync.num(log, 40)) + a[0] + i;\n"
                + "  a[i] *= a[i] - await(DemoAsync.num(log, 5));\n"
                + "  return java.util.Arrays.toString(a) + \" \" + i;\n"
                + "}");
        // a[0] = 1 + (40 + 1 + 1) = 43; then a[1] = 2 * (2 - 5) = -6
        assertEquals("[43, -6, 3] 1", demo.run("demo.DemoAsync", "run", new ArrayList<>()));
    }

    @Test
    void compoundAssignmentToAFieldOfALocal_keepsTheReceiverAndTheOldValue() throws Throwable {
        Harness.Compiled demo = compile(
                "static final class Counter { int hits = 1; double ratio = 0.5; }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  Counter c = new Counter();\n"
                + "  Counter keep = c;\n"
                + "  c.hits += await(DemoAsync.num(log, 4)) + c.hits;\n"
                + "  c.ratio *= await(DemoAsync.num(log, 3));\n"
                + "  return keep.hits + \" \" + keep.ratio;\n"
                + "}");
        assertEquals("6 1.5", demo.run("demo.DemoAsync", "run", new ArrayList<>()));
    }

    @Test
    void compoundAssignmentToComputedTargets_evaluatesThemOnce_beforeTheAwait() throws Throwable {
        Harness.Compiled demo = compile(
                "static final class Box { byte small = 120; String text = \"a\"; Integer boxed = 1; }\n"
                + "static int[] pick(List<String> log, int[] a) { log.add(\"pick\"); return a; }\n"
                + "static Box box(List<String> log, Box b) { log.add(\"box\"); return b; }\n"
                + "@SuppressWarnings(\"lossy-conversions\") @Async static String run(List<String> log) {\n"
                + "  int[] a = {1, 2};\n"
                + "  Box b = new Box();\n"
                + "  pick(log, a)[1] += await(DemoAsync.num(log, 40)) + a[1];\n"
                + "  box(log, b).small += await(DemoAsync.num(log, 10));\n"
                + "  box(log, b).text += await(DemoAsync.tick(log, \"b\"));\n"
                + "  box(log, b).boxed *= await(DemoAsync.num(log, 3));\n"
                + "  return a[1] + \" \" + b.small + \" \" + b.text + \" \" + b.boxed;\n"
                + "}");
        List<String> log = new ArrayList<>();
        // Java: a[1] = 2 + (40 + 2); b.small = (byte) 130; "a" + "b"; 1 * 3
        assertEquals("44 -126 ab 3", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("pick", "n40", "box", "n10", "box", "b", "box", "n3"), log);
    }

    @Test
    void conditionalOperator_awaitsOnlyOnTheChosenSide_andKeepsItsType() throws Throwable {
        Harness.Compiled demo = compile(
                "static void show(List<String> log, int n) { log.add(\"int \" + n); }\n"
                + "static void show(List<String> log, String n) { log.add(\"String \" + n); }\n"
                + "@Async static String run(List<String> log, boolean b) {\n"
                + "  show(log, b ? await(DemoAsync.num(log, 1)) : 0);\n"
                + "  String s = b ? \"plain\" : await(DemoAsync.tick(log, \"awaited\")) + \"!\";\n"
                + "  int n = (b ? await(DemoAsync.num(log, 2)) : await(DemoAsync.num(log, 3))) * 10;\n"
                + "  return s + n;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("plain20", demo.run("demo.DemoAsync", "run", log, true));
        assertEquals(List.of("n1", "int 1", "n2"), log);
        log.clear();
        assertEquals("awaited!30", demo.run("demo.DemoAsync", "run", log, false));
        assertEquals(List.of("int 0", "awaited", "n3"), log);
    }

    @Test
    void switchExpressions_awaitInTheSelectorAndInArrowCases_onlyTheMatchingOne() throws Throwable {
        Harness.Compiled demo = compile(
                "enum Mode { FAST, SLOW, BROKEN }\n"
                + "@Async static String run(List<String> log, Mode mode, int k) {\n"
                + "  int n = switch (await(DemoAsync.num(log, k))) {\n"
                + "    case 1 -> await(DemoAsync.num(log, 10));\n"
                + "    case 2, 3 -> k * 100;\n"
                + "    default -> -1;\n"
                + "  };\n"
                + "  String s = switch (mode) {\n"
                + "    case FAST -> \"fast\";\n"
                + "    case SLOW -> await(DemoAsync.tick(log, \"slow\")) + \"!\";\n"
                + "    case BROKEN -> throw new IllegalStateException(await(DemoAsync.tick(log, \"broken\")));\n"
                + "  };\n"
                + "  return s + n;\n"
                + "}");
        List<String> log = new ArrayList<>();
        Object[] modes = demo.load("demo.Demo$Mode").getEnumConstants();
        assertEquals("fast10", demo.run("demo.DemoAsync", "run", log, modes[0], 1));
        assertEquals("slow!300", demo.run("demo.DemoAsync", "run", log, modes[1], 3));
        assertEquals(List.of("n1", "n10", "n3", "slow"), log);
        log.clear();
        IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> demo.run("demo.DemoAsync", "run", log, modes[2], 7));
        assertEquals("broken", failure.getMessage());
        assertEquals(List.of("n7", "broken"), log);
    }

    @Test
    void switchExpressions_blockCasesWithoutAwait_yieldTheirValue() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, int k) {\n"
                + "  return \"<\" + switch (k) {\n"
                + "    case 1 -> await(DemoAsync.tick(log, \"one\"));\n"
                + "    case 2 -> {\n"
                + "      log.add(\"block\");\n"
                + "      if (k > 1) yield \"two\";\n"
                + "      yield \"never\";\n"
                + "    }\n"
                + "    default -> \"other\";\n"
                + "  } + \">\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("<one>", demo.run("demo.DemoAsync", "run", log, 1));
        assertEquals("<two>", demo.run("demo.DemoAsync", "run", log, 2));
        assertEquals("<other>", demo.run("demo.DemoAsync", "run", log, 3));
        assertEquals(List.of("one", "block"), log);
    }

    @Test
    void switchExpressionBlocksAndClassicCases_yieldAfterAwaiting_evenThroughFinally() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"fallthrough\") @Async static String run(List<String> log, int k) {\n"
                + "  String first = \"<\" + switch (k) {\n"
                + "    case 1 -> {\n"
                + "      int v = await(DemoAsync.num(log, 10));\n"
                + "      if (v > 5) yield \"big \" + v;\n"
                + "      yield \"small\";\n"
                + "    }\n"
                + "    case 2 -> {\n"
                + "      try {\n"
                + "        yield await(DemoAsync.tick(log, \"in try\"));\n"
                + "      } finally {\n"
                + "        log.add(\"finally\");\n"
                + "      }\n"
                + "    }\n"
                + "    default -> \"other\";\n"
                + "  } + \">\";\n"
                + "  int second = switch (k) {\n"
                + "    case 1:\n"
                + "      log.add(\"one\");\n"
                + "    case 2:\n"
                + "      yield await(DemoAsync.num(log, 2)) + 1;\n"
                + "    default:\n"
                + "      yield 0;\n"
                + "  };\n"
                + "  return first + second;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("<big 10>3", demo.run("demo.DemoAsync", "run", log, 1));
        assertEquals(List.of("n10", "one", "n2"), log);
        log.clear();
        assertEquals("<in try>3", demo.run("demo.DemoAsync", "run", log, 2));
        assertEquals(List.of("in try", "finally", "n2"), log);
        log.clear();
        assertEquals("<other>0", demo.run("demo.DemoAsync", "run", log, 3));
        assertEquals(List.of(), log);
    }


    @Test
    void shortCircuitOperators_awaitTheirRightSideOnlyWhenJavaWouldEvaluateIt() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static boolean yes(List<String> log, String s) { await(sleep(1)); log.add(s); return true; }\n"
                + "@Async static String run(List<String> log, boolean a) {\n"
                + "  String out = \"\";\n"
                + "  if (a && await(DemoAsync.yes(log, \"and\"))) out += \"and \";\n"
                + "  if (a || await(DemoAsync.yes(log, \"or\"))) out += \"or \";\n"
                + "  boolean both = await(DemoAsync.yes(log, \"left\")) && (a || !await(DemoAsync.yes(log, \"inner\")));\n"
                + "  while (!a && out.length() < 10 && await(DemoAsync.yes(log, \"loop\"))) out += \"+\";\n"
                + "  return out + both;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("and or true", demo.run("demo.DemoAsync", "run", log, true));
        assertEquals(List.of("and", "left"), log);
        log.clear();
        assertEquals("or +++++++false", demo.run("demo.DemoAsync", "run", log, false));
        assertEquals(List.of("or", "left", "inner", "loop", "loop", "loop", "loop", "loop", "loop", "loop"), log);
    }
}
