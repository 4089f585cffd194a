package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shapes of async lambdas beyond a block without parameters: expression bodies ({@code async(() -> expr)},
 * typed as javac typed the template: a value, or {@code Void} for a void call) and one parameter
 * ({@code async(p -> ...)}, a {@code Function<P, Coroutine<T>>} that gives a fresh coroutine per call), at the call
 * sites users write them (streams, {@code TaskGroup.run}, a method taking a {@code Function}). Compiled through the
 * processor and run on a virtual-time loop.
 */
class AsyncLambdaShapesTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import org.asyncio4j.streams.*;\n"
            + "import java.util.*;\n"
            + "import java.util.function.Function;\n"
            + "import java.util.stream.Collectors;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    /** Sleeps {@code x} seconds, then returns {@code x}. */
    private static final String LATER = "@Async static int later(int x) { await(sleep(x)); return x; }\n"
            + "static void note(List<String> log, Object x) { log.add(\"note \" + x); }\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + LATER + body + "\n}\n");
    }

    @Test
    void expressionBodies_areTypedAsJavacTypedThem_valueOrVoid() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  Coroutine<Integer> a = async(() -> await(DemoAsync.later(1)) + 1);\n"
                + "  Coroutine<Integer> b = async(() -> await(DemoAsync.later(1)));\n"
                + "  var c = async(() -> await(DemoAsync.later(1)) > 0 ? \"big\" : \"small\");\n"
                + "  Coroutine<String> d = async(() -> switch (await(DemoAsync.later(1))) {\n"
                + "    case 1 -> \"one\";\n"
                + "    default -> { log.add(\"default\"); yield \"other\"; }\n"
                + "  });\n"
                + "  Coroutine<Void> e = async(() -> await(sleep(1)));\n"                // a Callable<Void>
                + "  Coroutine<Void> v = async(() -> note(log, await(DemoAsync.later(1))));\n"   // an AsyncRunnable
                + "  Coroutine<Boolean> added = async(() -> log.add(\"added \" + await(DemoAsync.later(1))));\n"
                + "  Coroutine<Integer> direct = async(() -> 40 + 2);\n"
                + "  log.add(\"created\");\n"
                + "  return await(a) + \" \" + await(b) + \" \" + await(c) + \" \" + await(d) + \" \" + await(e)\n"
                + "      + \" \" + await(v) + \" \" + await(added) + \" \" + await(direct);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("2 1 big one null null true 42", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("created", "note 1", "added 1"), log);
        assertEquals(7.0, demo.loop.time(), 1e-9);
    }

    @Test
    void anExpressionBodyWithSeveralAwaits_keepsJavasEvaluationOrder() throws Throwable {
        Harness.Compiled demo = compile(
                "static int tr(List<String> log, String tag, int v) { log.add(tag); return v; }\n"
                + "@Async static int run(List<String> log, int k) {\n"
                + "  Coroutine<Integer> c = async(() -> tr(log, \"first\", k)\n"
                + "      + await(DemoAsync.later(1)) * tr(log, \"middle\", 10)\n"
                + "      + (k > 0 ? await(DemoAsync.later(2)) : tr(log, \"never\", 0)));\n"
                + "  log.add(\"created\");\n"
                + "  return await(c);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(5 + 10 + 2, (int) demo.run("demo.DemoAsync", "run", log, 5));
        assertEquals(List.of("created", "first", "middle"), log);
        assertEquals(3.0, demo.loop.time(), 1e-9);
    }

    @Test
    void oneParameter_isAFunctionGivingAFreshCoroutinePerCall_inStreamsAndGather() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static List<Integer> run(List<String> log, List<Integer> xs) {\n"
                + "  int base = 100;\n"
                + "  List<Coroutine<Integer>> cs = xs.stream()\n"
                + "      .map(async(x -> await(DemoAsync.later(x)) * 10 + base))\n"
                + "      .collect(Collectors.toList());\n"
                + "  log.add(\"mapped\");\n"
                + "  List<Integer> results = new ArrayList<>(await(gather(cs)));\n"
                + "  Function<Integer, Coroutine<Integer>> twice = async(x -> {\n"
                + "    log.add(\"twice \" + x);\n"
                + "    return await(DemoAsync.later(x)) * 2;\n"
                + "  });\n"
                + "  Coroutine<Integer> first = twice.apply(1);\n"
                + "  Coroutine<Integer> second = twice.apply(2);\n"
                + "  results.addAll(await(gather(second, first)));\n"
                + "  return results;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(List.of(130, 110, 120, 4, 2), demo.run("demo.DemoAsync", "run", log, List.of(3, 1, 2)));
        assertEquals(List.of("mapped", "twice 2", "twice 1"), log);
        assertEquals(3.0 + 2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void oneParameter_withTaskGroupRun_typedOrVoid_andExplicitlyTyped() throws Throwable {
        Harness.Compiled demo = compile(
                "static <X, Y> Coroutine<Y> applied(Function<X, Coroutine<Y>> f, X x) { return f.apply(x); }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  int total = await(TaskGroup.run(async(tg -> {\n"
                + "    Task<Integer> t = tg.createTask(DemoAsync.later(2));\n"
                + "    log.add(\"group body\");\n"
                + "    return await(DemoAsync.later(1)) + await(t);\n"
                + "  })));\n"
                + "  await(TaskGroup.run(async(tg -> {\n"
                + "    tg.createTask(async(() -> { await(sleep(1)); log.add(\"child\"); return 1; }));\n"
                + "    log.add(\"void group body\");\n"
                + "  })));\n"
                + "  Function<String, Coroutine<Integer>> length = async((String s) -> {\n"
                + "    await(sleep(1));\n"
                + "    return s.length();\n"
                + "  });\n"
                + "  Function<String, Coroutine<Void>> noted = async((String s) -> note(log, s + await(sleep(1))));\n"
                + "  var lengthOf = async((String s) -> s.length() + await(DemoAsync.later(1)));\n"
                + "  int viaMethod = await(applied(async(n -> n + await(DemoAsync.later(1))), 41));\n"
                + "  await(noted.apply(\"s\"));\n"
                + "  return total + \" \" + await(length.apply(\"abcd\")) + \" \" + await(lengthOf.apply(\"ab\"))\n"
                + "      + \" \" + viaMethod;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("3 4 3 42", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("group body", "void group body", "child", "note snull"), log);
        assertEquals(2.0 + 1.0 + 1.0 + 1.0 + 1.0 + 1.0, demo.loop.time(), 1e-9);
    }

    @Test
    void capturesThisPrivateMembersAndLocals_andNestsInOtherShapes() throws Throwable {
        Harness.Compiled demo = compile(
                "private int secret = 7;\n"
                + "private int bump(int d) { secret += d; return secret; }\n"
                + "@Async int run(List<String> log, int k) {\n"
                + "  int base = 100;\n"
                + "  await(sleep(1));\n"
                + "  Function<Integer, Coroutine<Integer>> f =\n"
                + "      async(x -> bump(x) + secret + base + k + await(DemoAsync.later(1)));\n"
                + "  int first = await(f.apply(1));\n"                       // 8 + 8 + 100 + 3 + 1
                + "  Function<Integer, Coroutine<Integer>> nested =\n"
                + "      async(x -> await(async(() -> await(DemoAsync.later(x)) * this.secret)));\n"
                + "  return first * 1000 + await(nested.apply(2)) + await(async(() -> secret));\n"
                + "}\n"
                + "@Async static int start(List<String> log) { return await(DemoAsync.run(new Demo(), log, 3)); }");
        List<String> log = new ArrayList<>();
        assertEquals(120 * 1000 + 16 + 8, (int) demo.run("demo.DemoAsync", "start", log));
        assertEquals(1.0 + 1.0 + 2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void parametersOfWildcardAndTypeVariableTypes_andAHandlerWithAnExpressionBody() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static <T extends Number> List<Integer> run(List<String> log, List<? extends Number> xs,\n"
                + "    List<T> ts) {\n"
                + "  List<Coroutine<Integer>> cs = xs.stream()\n"
                + "      .map(async(x -> await(DemoAsync.later(x.intValue())) * 10))\n"     // x: capture of ?
                + "      .collect(Collectors.toList());\n"
                + "  List<Coroutine<Integer>> ds = ts.stream()\n"
                + "      .map(async((T t) -> t.intValue() + await(DemoAsync.later(1))))\n"
                + "      .collect(Collectors.toList());\n"
                + "  ClientHandler handler = async((reader, writer) -> note(log, reader == null));\n"
                + "  await(handler.handle(null, null));\n"
                + "  List<Integer> all = new ArrayList<>(await(gather(cs)));\n"
                + "  all.addAll(await(gather(ds)));\n"
                + "  return all;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(List.of(10, 20, 4), demo.run("demo.DemoAsync", "run", log, List.of(1, 2.5), List.of(3L)));
        assertEquals(List.of("note true"), log);
        assertEquals(2.0 + 1.0, demo.loop.time(), 1e-9);
    }
}
