package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Async lambdas ({@code async(() -> { ... })} in an {@code @Async} body) compiled through the processor and run on a
 * virtual-time loop: each body is a state machine of its own that captures what a lambda captures, and the
 * coroutine is typed as javac typed the template.
 */
class AsyncLambdasTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import org.asyncio4j.streams.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + body + "\n}\n");
    }

    @Test
    void aLambdaWithAResult_isATypedCoroutine_forCreateTask() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int run(List<String> log) {\n"
                + "  Task<Integer> t = createTask(async(() -> {\n"
                + "    log.add(\"lambda starts\");\n"
                + "    await(sleep(1));\n"
                + "    log.add(\"lambda resumes\");\n"
                + "    return 5;\n"
                + "  }));\n"
                + "  log.add(\"created\");\n"
                + "  var direct = async(() -> { await(sleep(2)); return \"x\"; });\n"
                + "  String s = await(direct);\n"
                + "  return await(t) + 1 + s.length();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(7, demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("created", "lambda starts", "lambda resumes"), log);
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void capturesParametersLocalsAndThis_alsoLocalsThatLiveAcrossAwaits() throws Throwable {
        Harness.Compiled demo = compile(
                "private final String name;\n"
                + "Demo(String name) { this.name = name; }\n"
                + "@Async String run(List<String> log, int factor) {\n"
                + "  int base = 10;\n"
                + "  await(sleep(1));\n"
                + "  String tag = name + \"-\" + base;\n"
                + "  Coroutine<String> c = async(() -> {\n"
                + "    int local = base * factor;\n"
                + "    await(sleep(1));\n"
                + "    log.add(tag + \" \" + local + \" \" + this.name);\n"
                + "    return tag + local;\n"
                + "  });\n"
                + "  await(sleep(1));\n"
                + "  log.add(\"before \" + base);\n"
                + "  return await(c);\n"
                + "}\n"
                + "@Async static String start(List<String> log) { return await(DemoAsync.run(new Demo(\"d\"), log, 3)); }");
        List<String> log = new ArrayList<>();
        assertEquals("d-1030", demo.run("demo.DemoAsync", "start", log));
        assertEquals(List.of("before 10", "d-10 30 d"), log);
        assertEquals(3.0, demo.loop.time(), 1e-9);
    }

    @Test
    void gatherOverALambdaPerIteration_andVoidLambdas() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static List<String> run(List<String> log) {\n"
                + "  List<Coroutine<String>> all = new ArrayList<>();\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    int k = i;\n"
                + "    all.add(async(() -> {\n"
                + "      await(sleep(3 - k));\n"
                + "      log.add(\"done \" + k);\n"
                + "      return \"r\" + k;\n"
                + "    }));\n"
                + "  }\n"
                + "  List<String> results = await(gather(all));\n"
                + "  await(async(() -> {\n"
                + "    await(sleep(1));\n"
                + "    log.add(\"void lambda\");\n"
                + "  }));\n"
                + "  return results;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(List.of("r0", "r1", "r2"), demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("done 2", "done 1", "done 0", "void lambda"), log);
        assertEquals(4.0, demo.loop.time(), 1e-9);
    }

    @Test
    void nestedAsyncLambdas_captureTheOuterLambdasLocals() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, String prefix) {\n"
                + "  Coroutine<String> outer = async(() -> {\n"
                + "    String mid = prefix + \"-mid\";\n"
                + "    await(sleep(1));\n"
                + "    Task<String> inner = createTask(async(() -> {\n"
                + "      await(sleep(1));\n"
                + "      log.add(\"inner \" + mid);\n"
                + "      return mid + \"-inner\";\n"
                + "    }));\n"
                + "    log.add(\"outer waits\");\n"
                + "    return await(inner);\n"
                + "  });\n"
                + "  return await(outer);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("p-mid-inner", demo.run("demo.DemoAsync", "run", log, "p"));
        assertEquals(List.of("outer waits", "inner p-mid"), log);
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void taskGroupChildren_andAHandlerShapedLambda() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String body(TaskGroup tg, List<String> log) {\n"
                + "  await(sleep(0));\n"
                + "  for (int i = 1; i <= 2; i++) {\n"
                + "    int n = i;\n"
                + "    tg.createTask(async(() -> { await(sleep(n)); log.add(\"child \" + n); return n; }));\n"
                + "  }\n"
                + "  return \"body\";\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  String r = await(TaskGroup.run(tg -> DemoAsync.body(tg, log)));\n"
                + "  ClientHandler handler = async((reader, writer) -> {\n"
                + "    await(sleep(1));\n"
                + "    log.add(\"handled \" + (reader == null) + \" \" + r);\n"
                + "  });\n"
                + "  await(handler.handle(null, null));\n"
                + "  await(handler.handle(null, null));\n"
                + "  return r;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("body", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("child 1", "child 2", "handled true body", "handled true body"), log);
        assertEquals(4.0, demo.loop.time(), 1e-9);
    }

    @Test
    void aFailureInTheLambda_reachesItsAwaiter() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run() {\n"
                + "  Coroutine<Integer> c = async(() -> {\n"
                + "    await(sleep(1));\n"
                + "    if (true) throw new IllegalStateException(\"lambda failed\");\n"
                + "    return 1;\n"
                + "  });\n"
                + "  try {\n"
                + "    return \"no \" + await(c);\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    return e.getMessage();\n"
                + "  }\n"
                + "}");
        assertEquals("lambda failed", demo.run("demo.DemoAsync", "run"));
    }
}
