package org.asyncio4j.processor;

import org.asyncio4j.processor.scan.Messages;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pattern variables ({@code o instanceof T v}) whose scope crosses an await: the condition is cut into blocks at
 * the await, and the variable lives on in a field like any other local.
 */
class PatternVariablesTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import java.util.function.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    private static final String HELPERS =
            "@Async static int num(List<String> log, int n) { await(sleep(1)); log.add(\"n\" + n); return n; }\n"
            + "record Circle(int r) {}\n"
            + "record Node(int value, Object next) {}\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + HELPERS + body + "\n}\n");
    }

    @Test
    void bindingInAnAndChain_beforeAnAwait_isUsedAfterIt() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, List<Object> shapes) {\n"
                + "  StringBuilder out = new StringBuilder();\n"
                + "  for (Object s : shapes) {\n"
                + "    if (s instanceof Circle c && c.r() > await(DemoAsync.num(log, 2)) && c.r() < await(DemoAsync.num(log, 9))) {\n"
                + "      out.append(c.r() * await(DemoAsync.num(log, 10)));\n"
                + "    } else {\n"
                + "      out.append('-');\n"
                + "    }\n"
                + "  }\n"
                + "  return out.toString();\n"
                + "}");
        List<String> log = new ArrayList<>();
        List<Object> shapes = List.of("square", newCircle(demo, 1), newCircle(demo, 5));
        assertEquals("--50", demo.run("demo.DemoAsync", "run", log, shapes));
        assertEquals(List.of("n2", "n2", "n9", "n10"), log);
    }

    @Test
    void negatedPatternWithAnEarlyExit_bindsTheRestOfTheBlock_acrossAwaits() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, Object o) {\n"
                + "  if (!(o instanceof String s)) return \"not a string\";\n"
                + "  await(DemoAsync.num(log, 1));\n"
                + "  if (!(o instanceof String t) || t.length() < await(DemoAsync.num(log, 2))) return \"short \" + s;\n"
                + "  Supplier<String> later = () -> s + \"/\" + t;\n"
                + "  await(DemoAsync.num(log, 3));\n"
                + "  return later.get() + \" \" + s.length() + \" \" + t.toUpperCase();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("not a string", demo.run("demo.DemoAsync", "run", log, 42));
        assertEquals("short a", demo.run("demo.DemoAsync", "run", log, "a"));
        assertEquals("abc/abc 3 ABC", demo.run("demo.DemoAsync", "run", log, "abc"));
        assertEquals(List.of("n1", "n2", "n1", "n2", "n3"), log);
    }

    @Test
    void bindingOfAWhileCondition_isRebound_onEveryIteration() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, Object list) {\n"
                + "  Object at = list;\n"
                + "  StringBuilder out = new StringBuilder();\n"
                + "  while (at instanceof Node n && n.value() < await(DemoAsync.num(log, 3))) {\n"
                + "    out.append(n.value());\n"
                + "    at = n.next();\n"
                + "  }\n"
                + "  int last = at instanceof Node n ? n.value() + await(DemoAsync.num(log, 100)) : -1;\n"
                + "  return out + \" \" + last;\n"
                + "}");
        List<String> log = new ArrayList<>();
        Object list = newNode(demo, 1, newNode(demo, 2, newNode(demo, 7, null)));
        assertEquals("12 107", demo.run("demo.DemoAsync", "run", log, list));
        assertEquals(List.of("n3", "n3", "n3", "n100"), log);
    }

    @Test
    void bindingsOfForConditionsInitializersAndDoWhile_areKept() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, Object o) {\n"
                + "  int n = 0;\n"
                + "  for (Object x = o; x instanceof String s && s.length() > await(DemoAsync.num(log, 1)); x = s.substring(1)) {\n"
                + "    n++;\n"
                + "  }\n"
                + "  boolean longer = o instanceof String s && s.length() > await(DemoAsync.num(log, 2));\n"
                + "  int m = 0;\n"
                + "  do { m += await(DemoAsync.num(log, 1)); } while (!(o instanceof String s) || s.length() > m);\n"
                + "  return n + \" \" + longer + \" \" + m;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("2 true 3", demo.run("demo.DemoAsync", "run", log, "abc"));
        assertEquals(List.of("n1", "n1", "n1", "n2", "n1", "n1", "n1"), log);
    }

    @Test
    void sameNameBoundTwice_oneKeptAndOneNot_bothWork() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, Object a, Object b) {\n"
                + "  String first = a instanceof String s ? s : \"?\";\n"
                + "  if (b instanceof String s && s.length() == await(DemoAsync.num(log, 2))) {\n"
                + "    return first + s;\n"
                + "  }\n"
                + "  if (a instanceof Integer s) { return first + (s + 1); }\n"
                + "  return first;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("xyz", demo.run("demo.DemoAsync", "run", log, "x", "yz"));
        assertEquals("?", demo.run("demo.DemoAsync", "run", log, 3.0, "y"));
    }

    @Test
    void recordPatternVariable_usedAfterAnAwait_isReportedWithAFix() {
        Compilation compilation = Harness.compile(PRELUDE + "class Demo {\n" + HELPERS
                + "@Async static int run(List<String> log, Object o) {\n"
                + "  if (o instanceof Circle(int r)) {\n"
                + "    await(DemoAsync.num(log, 1));\n"
                + "    return r;\n"
                + "  }\n"
                + "  return 0;\n"
                + "}\n}\n");
        if (Runtime.version().feature() < 21) {
            // Record patterns are Java 21: javac 17's parser refuses them before any processor runs, and the
            // processor adds nothing to that (no diagnostic of its own, no crash).
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("expected").inFile(compilation.sourceFiles().get(0))
                    .onLineContaining("instanceof Circle(int r)");
            assertTrue(compilation.errors().stream().noneMatch(e -> e.getMessage(null).contains("[")),
                    () -> "only javac's own errors: " + compilation.errors());
            return;
        }
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[" + Messages.PATTERN_VARIABLE_ACROSS_AWAIT.tag() + "]")
                .inFile(compilation.sourceFiles().get(0)).onLineContaining("instanceof Circle(int r)");
    }

    private static Object newCircle(Harness.Compiled demo, int r) throws Exception {
        var constructor = demo.load("demo.Demo$Circle").getDeclaredConstructor(int.class);
        constructor.setAccessible(true);
        return constructor.newInstance(r);
    }

    private static Object newNode(Harness.Compiled demo, int value, Object next) throws Exception {
        var constructor = demo.load("demo.Demo$Node").getDeclaredConstructor(int.class, Object.class);
        constructor.setAccessible(true);
        return constructor.newInstance(value, next);
    }
}
