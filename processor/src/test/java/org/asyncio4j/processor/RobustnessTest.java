package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Legal but unusual templates: each must compile cleanly through the processor and behave as written. These are
 * the shapes a random program generator does not produce (names that could be captured or shadowed, copied code
 * with its own jumps and classes, unusual declarations).
 */
class RobustnessTest {
    private static final String HEAD = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import java.util.function.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    @Test
    void userNamesThatMatchGeneratedOnes_areNotCaptured() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "class Demo {\n"
                + "  int state = 40;\n"
                + "  @Async int run(int self, int dispatch) {\n"
                + "    int SUSPENDED = 1;\n"
                + "    int iterator = 0;\n"
                + "    for (int x : new int[] {1, 2}) { await(sleep(0)); iterator += x; }\n"
                + "    await(sleep(0));\n"
                + "    return state + self + dispatch + SUSPENDED + iterator;\n"
                + "  }\n"
                + "  static Demo make() { return new Demo(); }\n"
                + "}\n");
        assertEquals(40 + 1 + 2 + 1 + 3, demo.run("demo.DemoAsync", "run", demo.call("demo.Demo", "make"), 1, 2));
    }

    @Test
    void copiedSwitchAndTryWithTheirOwnJumps_keepThem_andLeaveLoweredLoopsCorrectly() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "class Demo {\n"
                + "  @Async static List<String> run() {\n"
                + "    List<String> log = new ArrayList<>();\n"
                + "    outer:\n"
                + "    for (int i = 0; i < 4; i++) {\n"
                + "      await(sleep(0));\n"
                + "      switch (i) {\n"
                + "        case 0: log.add(\"zero\"); break;\n"
                + "        case 1: continue outer;\n"
                + "        case 2: try { log.add(\"two\"); break outer; } finally { log.add(\"finally\"); }\n"
                + "        default: log.add(\"never\");\n"
                + "      }\n"
                + "      log.add(\"after switch \" + i);\n"
                + "    }\n"
                + "    return log;\n"
                + "  }\n"
                + "}\n");
        assertEquals(List.of("zero", "after switch 0", "two", "finally"), demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void anonymousAndLocalClassesAndRecords_inCopiedCode() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "class Demo {\n"
                + "  int count = 5;\n"
                + "  @Async String run() {\n"
                + "    int base = 10;\n"
                + "    await(sleep(0));\n"
                + "    record Pair(int a, int b) { int sum() { return a + b; } }\n"
                + "    Supplier<Integer> counter = new Supplier<>() {\n"
                + "      int count = 100;\n"
                + "      public Integer get() { return count + base + this.count; }\n"
                + "    };\n"
                + "    String text = new Pair(1, 2).sum() + \"/\" + counter.get() + \"/\" + count;\n"
                + "    await(sleep(0));\n"
                + "    return text + \"/\" + base;\n"
                + "  }\n"
                + "  static Demo make() { return new Demo(); }\n"
                + "}\n");
        assertEquals("3/210/5/10", demo.run("demo.DemoAsync", "run", demo.call("demo.Demo", "make")));
    }

    @Test
    void defaultPackage_interfaceStaticMethod_andArrayInitializers() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("import org.asyncio4j.*;\n"
                + "import static org.asyncio4j.Asyncio.*;\n"
                + "interface Tools {\n"
                + "  @Async static int sum() {\n"
                + "    int[] values = {1, 2, 3};\n"
                + "    int[][] grid = {{4}, {5, 6}};\n"
                + "    await(sleep(1));\n"
                + "    return values[2] + grid[1][1];\n"
                + "  }\n"
                + "}\n");
        assertEquals(9, demo.run("ToolsAsync", "sum"));
    }

    @Test
    void staticImportsAndSameNamedMethods_resolveAsInTheTemplate() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "import static java.lang.Math.max;\n"
                + "class Demo {\n"
                + "  static int twice(int x) { return 2 * x; }\n"
                + "  int twice(String s) { return s.length() * 2; }\n"
                + "  @Async int run(List<Integer> values) {\n"
                + "    int best = 0;\n"
                + "    for (Integer value : values) {\n"
                + "      await(sleep(0));\n"
                + "      best = max(best, twice(value));\n"
                + "    }\n"
                + "    return best + twice(\"abc\");\n"
                + "  }\n"
                + "  static Demo make() { return new Demo(); }\n"
                + "}\n");
        assertEquals(14 + 6, demo.run("demo.DemoAsync", "run", demo.call("demo.Demo", "make"), List.of(3, 7, 1)));
    }

    @Test
    void overloadedAsyncMethods_getDistinctStateMachines() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "class Demo {\n"
                + "  @Async static String show(int x) { await(sleep(0)); return \"int \" + x; }\n"
                + "  @Async static String show(String x) { await(sleep(0)); return \"string \" + x; }\n"
                + "  @Async static String run() {\n"
                + "    String a = await(DemoAsync.show(1));\n"
                + "    String b = await(DemoAsync.show(\"b\"));\n"
                + "    return a + \", \" + b;\n"
                + "  }\n"
                + "}\n");
        assertEquals("int 1, string b", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void genericCaptures_andWildcardLocals_acrossAwaits() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "class Demo {\n"
                + "  @Async static int run(List<? extends Number> numbers, Map<String, List<Integer>> index) {\n"
                + "    var first = numbers.get(0);\n"
                + "    var entries = index.entrySet();\n"
                + "    List<? super Integer> sink = new ArrayList<Number>();\n"
                + "    await(sleep(0));\n"
                + "    for (var entry : entries) { await(sleep(0)); sink.add(entry.getValue().size()); }\n"
                + "    return first.intValue() + sink.size();\n"
                + "  }\n"
                + "}\n");
        List<Number> numbers = new ArrayList<>(List.of(41));
        assertEquals(42, demo.run("demo.DemoAsync", "run", numbers, java.util.Map.of("k", List.of(1, 2))));
    }
}
