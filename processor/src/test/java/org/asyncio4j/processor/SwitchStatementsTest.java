package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} statements with {@code await} in their cases, and {@code synchronized}/labelled blocks: compiled
 * through the processor and run on a virtual-time loop.
 */
class SwitchStatementsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    private static final String HELPERS =
            "enum Color { RED, GREEN, BLUE }\n"
            + "static final int TWO = 2;\n"
            + "@Async static String tick(List<String> log, String s) { await(sleep(1)); log.add(s); return s; }\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + HELPERS + body + "\n}\n");
    }

    @Test
    void classicSwitchOnInt_fallsThrough_andBreaksOutOfTheSwitchOnly() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"fallthrough\") @Async static void run(List<String> log, int n) {\n"
                + "  for (int i = 0; i < 2; i++) {\n"
                + "    switch (n + i) {\n"
                + "      case 1:\n"
                + "        int shared = 10;\n"
                + "        await(DemoAsync.tick(log, \"one\"));\n"
                + "      case TWO:\n"
                + "        shared = 20;\n"
                + "        await(DemoAsync.tick(log, \"two \" + shared));\n"
                + "        break;\n"
                + "      case 3: case 4:\n"
                + "        log.add(\"three or four\");\n"
                + "      default:\n"
                + "        await(DemoAsync.tick(log, \"default\"));\n"
                + "    }\n"
                + "    log.add(\"after \" + i);\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        demo.run("demo.DemoAsync", "run", log, 1);
        assertEquals(List.of("one", "two 20", "after 0", "two 20", "after 1"), log);
        log.clear();
        demo.run("demo.DemoAsync", "run", log, 3);
        assertEquals(List.of("three or four", "default", "after 0", "three or four", "default", "after 1"), log);
        log.clear();
        demo.run("demo.DemoAsync", "run", log, 7);
        assertEquals(List.of("default", "after 0", "default", "after 1"), log);
    }

    @Test
    void arrowSwitchOnString_runsOneCase_withoutFallThrough() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, String command) {\n"
                + "  String result = \"?\";\n"
                + "  switch (command) {\n"
                + "    case \"get\", \"fetch\" -> result = await(DemoAsync.tick(log, \"got\"));\n"
                + "    case \"put\" -> {\n"
                + "      await(DemoAsync.tick(log, \"putting\"));\n"
                + "      result = \"put\";\n"
                + "    }\n"
                + "    case \"fail\" -> throw new IllegalArgumentException(command);\n"
                + "    default -> log.add(\"unknown \" + command);\n"
                + "  }\n"
                + "  return result;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("got", demo.run("demo.DemoAsync", "run", log, "fetch"));
        assertEquals("put", demo.run("demo.DemoAsync", "run", log, "put"));
        assertEquals("?", demo.run("demo.DemoAsync", "run", log, "other"));
        assertEquals(List.of("got", "putting", "unknown other"), log);
        IllegalArgumentException failure = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> demo.run("demo.DemoAsync", "run", log, "fail"));
        assertEquals("fail", failure.getMessage());
    }

    @Test
    void switchOnEnum_withReturnAndContinueToAnEnclosingLoop() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, List<Color> colors) {\n"
                + "  for (Color c : colors) {\n"
                + "    switch (c) {\n"
                + "      case RED:\n"
                + "        await(DemoAsync.tick(log, \"red\"));\n"
                + "        continue;\n"
                + "      case GREEN:\n"
                + "        await(DemoAsync.tick(log, \"green\"));\n"
                + "        break;\n"
                + "      case BLUE:\n"
                + "        return await(DemoAsync.tick(log, \"blue\"));\n"
                + "    }\n"
                + "    log.add(\"after \" + c);\n"
                + "  }\n"
                + "  return \"none\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        Class<?> color = demo.load("demo.Demo$Color");
        Object[] values = color.getEnumConstants();
        assertEquals("blue", demo.run("demo.DemoAsync", "run", log, List.of(values[0], values[1], values[2], values[0])));
        assertEquals(List.of("red", "green", "after GREEN", "blue"), log);
    }

    @Test
    void switchInsideTryFinally_breakLeavesTheSwitchNotTheTry() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void run(List<String> log, int n) {\n"
                + "  try {\n"
                + "    switch (n) {\n"
                + "      case 1:\n"
                + "        await(DemoAsync.tick(log, \"one\"));\n"
                + "        break;\n"
                + "      default:\n"
                + "        log.add(\"default\");\n"
                + "    }\n"
                + "    log.add(\"in try\");\n"
                + "  } finally {\n"
                + "    await(DemoAsync.tick(log, \"finally\"));\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        demo.run("demo.DemoAsync", "run", log, 1);
        assertEquals(List.of("one", "in try", "finally"), log);
    }

    @Test
    void labelledBlock_breakSkipsTheRestOfIt() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void run(List<String> log, boolean skip) {\n"
                + "  work: {\n"
                + "    await(DemoAsync.tick(log, \"first\"));\n"
                + "    if (skip) break work;\n"
                + "    await(DemoAsync.tick(log, \"second\"));\n"
                + "  }\n"
                + "  log.add(\"end\");\n"
                + "}");
        List<String> log = new ArrayList<>();
        demo.run("demo.DemoAsync", "run", log, true);
        demo.run("demo.DemoAsync", "run", log, false);
        assertEquals(List.of("first", "end", "first", "second", "end"), log);
    }

    @Test
    void assertWithAnAwaitedCondition_runsOnlyWithAssertionsEnabled() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static boolean check(List<String> log, boolean ok) { await(sleep(1)); log.add(\"checked\"); "
                + "return ok; }\n"
                + "@Async static String run(List<String> log, boolean ok) {\n"
                + "  assert await(DemoAsync.check(log, ok)) : \"not ok: \" + await(DemoAsync.tick(log, \"why\")) + log.size();\n"
                + "  return \"passed\";\n"
                + "}");
        ClassLoader loader = demo.load("demo.DemoAsync").getClassLoader();
        loader.setClassAssertionStatus("demo.Demo", true);
        List<String> log = new ArrayList<>();
        assertEquals("passed", demo.run("demo.DemoAsync", "run", log, true));
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> demo.run("demo.DemoAsync", "run", log, false));
        assertEquals("not ok: why3", failure.getMessage());
        assertEquals(List.of("checked", "checked", "why"), log);
        loader.setClassAssertionStatus("demo.Demo", false);
        log.clear();
        assertEquals(false, demo.load("demo.Demo").desiredAssertionStatus());
        assertEquals("passed", demo.run("demo.DemoAsync", "run", log, false));
        assertEquals(List.of(), log);
    }
}
