package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls whose receiver is a name, with an awaited argument: a package or type name is not a value and is never kept
 * across the await (JLS 6.5.2); a variable, even one named like a type, is a value and is read before the await.
 */
class QualifiedNamesTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n"
            + "import static demo.Util.Box;\n";
    private static final String HELPERS =
            "@Async static int num(List<String> log, int n) { await(sleep(1)); log.add(\"n\" + n); return n; }\n"
            + "@Async static String str(List<String> log, String s) { await(sleep(1)); log.add(s); return s; }\n";
    private static final String UTIL = "package demo;\n"
            + "public class Util {\n"
            + "  public static class Box { public static String wrap(String s) { return \"[\" + s + \"]\"; } }\n"
            + "  public static class Base { public static class Inherited { static int twice(int n) { return 2 * n; } } }\n"
            + "}\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo extends Util.Base {\n" + HELPERS + body + "\n}\n", UTIL);
    }

    @Test
    void qualifiedTypeNames_asReceivers_areNotKept_andTheCallsRun() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, int x) {\n"
                + "  List<Integer> listed = java.util.List.of(x, await(DemoAsync.num(log, 2)));\n"
                + "  Object done = java.util.concurrent.CompletableFuture.completedFuture(await(DemoAsync.num(log, 3)))"
                + ".join();\n"
                + "  int hashed = java.util.Objects.hash(x, await(DemoAsync.num(log, 4)));\n"
                + "  return listed + \" \" + done + \" \" + (hashed == java.util.Objects.hash(x, 4));\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("[1, 2] 3 true", demo.run("demo.DemoAsync", "run", log, 1));
        assertEquals(List.of("n2", "n3", "n4"), log);
    }

    @Test
    void nestedImportedAndInheritedTypes_andChainsOnThem_areNotKept() throws Throwable {
        Harness.Compiled demo = compile(
                "static class Inner { static class Deeper { static int m(int a) { return a + 100; } } static int count = 5; }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  int a = demo.Demo.Inner.Deeper.m(await(DemoAsync.num(log, 1))) + Inner.Deeper.m(await(DemoAsync.num(log, 2)));\n"
                + "  String b = Box.wrap(await(DemoAsync.str(log, \"box\"))) + demo.Util.Box.wrap(await(DemoAsync.str(log, \"q\")));\n"
                + "  int c = Inherited.twice(await(DemoAsync.num(log, 3))) - Inner.Deeper.m(await(DemoAsync.num(log, 4)));\n"
                + "  int d = java.util.List.of(7, 8, 9).subList(0, await(DemoAsync.num(log, 2))).size()\n"
                + "      + String.valueOf(Inner.count).concat(await(DemoAsync.str(log, \"0\"))).length();\n"
                + "  return a + \" \" + b + \" \" + c + \" \" + d;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("203 [box][q] -98 4", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("n1", "n2", "box", "q", "n3", "n4", "n2", "0"), log);
    }

    @Test
    void variablesNamedLikeTypes_areValues_readBeforeTheAwait() throws Throwable {
        Harness.Compiled demo = compile(
                "static StringBuilder Math = new StringBuilder(\"first:\");\n"
                + "@Async static String swap(List<String> log) {\n"
                + "  await(sleep(1)); Math = new StringBuilder(\"second:\"); log.add(\"swapped\"); return \"x\";\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  StringBuilder List = new StringBuilder(\"local:\");\n"
                + "  List.append(await(DemoAsync.str(log, \"a\")));\n"
                + "  Math.append(await(DemoAsync.swap(log)));\n"
                + "  return List + \" \" + Math;\n"
                + "}");
        List<String> log = new ArrayList<>();
        // Java reads the field `Math` before the await: the old builder gets the "x", the new one stays empty
        assertEquals("local:a second:", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("a", "swapped"), log);
    }

    @Test
    void outerThisAndItsFields_asReceivers_areValues() throws Throwable {
        Harness.Compiled demo = compile(
                "final List<String> kept = new ArrayList<>();\n"
                + "StringBuilder out = new StringBuilder();\n"
                + "String show() { return kept + \"/\" + out; }\n"
                + "@Async String fill(List<String> log) {\n"
                + "  Demo.this.kept.add(await(DemoAsync.str(log, \"k\")));\n"
                + "  Demo.this.out.append(await(DemoAsync.str(log, \"o\"))).append(await(DemoAsync.num(log, 1)));\n"
                + "  return Demo.this.show().concat(await(DemoAsync.str(log, \"!\")));\n"
                + "}\n"
                + "@Async static String run(List<String> log) { return await(DemoAsync.fill(new Demo(), log)); }");
        List<String> log = new ArrayList<>();
        assertEquals("[k]/o1!", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("k", "o", "n1", "!"), log);
    }
}
