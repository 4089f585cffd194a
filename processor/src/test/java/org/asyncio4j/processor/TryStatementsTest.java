package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code try}/{@code catch}/{@code finally} and {@code throw} with {@code await} inside, compiled through the
 * processor and run on a virtual-time loop: the order of everything the code logs is the order Java would run it
 * in if each await returned at once.
 */
class TryStatementsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.io.IOException;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    /** Awaitables: {@code tick(log, s)} logs s after suspending; {@code fail(log, s)} fails after suspending. */
    private static final String HELPERS =
            "@Async static String tick(List<String> log, String s) { await(sleep(1)); log.add(s); return s; }\n"
            + "@Async static String fail(List<String> log, String s) throws IOException {\n"
            + "  await(sleep(1)); log.add(\"fail \" + s); throw new IOException(s);\n"
            + "}\n"
            + "@Async static String boom(List<String> log, String s) {\n"
            + "  await(sleep(1)); log.add(\"boom \" + s); throw new IllegalStateException(s);\n"
            + "}\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + HELPERS + body + "\n}\n");
    }

    private static Object run(Harness.Compiled demo, List<String> log, Object... more) throws Throwable {
        Object[] arguments = new Object[more.length + 1];
        arguments[0] = log;
        System.arraycopy(more, 0, arguments, 1, more.length);
        return demo.run("demo.DemoAsync", "run", arguments);
    }

    @Test
    void catchesAnAwaitedFailure_andAwaitsInTheCatchBody() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  String result;\n"
                + "  try {\n"
                + "    log.add(\"try\");\n"
                + "    result = await(DemoAsync.fail(log, \"a\"), IOException.class);\n"
                + "    log.add(\"not reached\");\n"
                + "  } catch (IOException e) {\n"
                + "    log.add(\"caught \" + e.getMessage());\n"
                + "    result = await(DemoAsync.tick(log, \"in catch\"));\n"
                + "    log.add(\"still \" + e.getMessage());\n"
                + "  }\n"
                + "  return result;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("in catch", run(demo, log));
        assertEquals(List.of("try", "fail a", "caught a", "in catch", "still a"), log);
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void catchClauses_areTestedInOrder_andMultiCatchBindsTheCommonType() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, int which) {\n"
                + "  try {\n"
                + "    if (which == 0) await(DemoAsync.fail(log, \"io\"));\n"
                + "    if (which == 1) await(DemoAsync.boom(log, \"state\"));\n"
                + "    if (which == 2) throw new UnsupportedOperationException(\"unsupported\");\n"
                + "    await(DemoAsync.tick(log, \"fine\"));\n"
                + "    return \"none\";\n"
                + "  } catch (IllegalStateException | UnsupportedOperationException e) {\n"
                + "    RuntimeException r = e;\n"
                + "    await(DemoAsync.tick(log, \"runtime\"));\n"
                + "    return \"runtime \" + r.getMessage();\n"
                + "  } catch (Exception e) {\n"
                + "    return \"exception \" + e.getMessage();\n"
                + "  }\n"
                + "}");
        assertEquals("exception io", run(demo, new ArrayList<>(), 0));
        assertEquals("runtime state", run(demo, new ArrayList<>(), 1));
        assertEquals("runtime unsupported", run(demo, new ArrayList<>(), 2));
        assertEquals("none", run(demo, new ArrayList<>(), 3));
    }

    @Test
    void uncaughtFailure_propagatesUnwrapped_throughFinally() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) throws IOException {\n"
                + "  try {\n"
                + "    try {\n"
                + "      await(DemoAsync.fail(log, \"deep\"));\n"
                + "    } catch (IllegalStateException e) {\n"
                + "      log.add(\"wrong catch\");\n"
                + "    } finally {\n"
                + "      log.add(\"inner finally\");\n"
                + "      await(DemoAsync.tick(log, \"awaited in finally\"));\n"
                + "    }\n"
                + "  } finally {\n"
                + "    log.add(\"outer finally\");\n"
                + "  }\n"
                + "  return \"not reached\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        IOException failure = assertThrows(IOException.class, () -> run(demo, log));
        assertEquals("deep", failure.getMessage());
        assertEquals(List.of("fail deep", "inner finally", "awaited in finally", "outer finally"), log);
    }

    @Test
    void returnBreakAndContinue_runEveryFinallyOnTheWay_innermostFirst() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  outer:\n"
                + "  for (int i = 0; i < 5; i++) {\n"
                + "    try {\n"
                + "      for (int j = 0; j < 3; j++) {\n"
                + "        try {\n"
                + "          await(DemoAsync.tick(log, i + \".\" + j));\n"
                + "          if (j == 1) continue outer;\n"
                + "          if (i == 1) break;\n"
                + "          if (i == 2) return \"returned \" + i + \".\" + j;\n"
                + "        } finally {\n"
                + "          log.add(\"inner finally \" + i + \".\" + j);\n"
                + "        }\n"
                + "      }\n"
                + "      log.add(\"after inner loop \" + i);\n"
                + "    } finally {\n"
                + "      log.add(\"outer finally \" + i);\n"
                + "      await(DemoAsync.tick(log, \"tick \" + i));\n"
                + "    }\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("returned 2.0", run(demo, log));
        assertEquals(List.of(
                "0.0", "inner finally 0.0", "0.1", "inner finally 0.1", "outer finally 0", "tick 0",
                "1.0", "inner finally 1.0", "after inner loop 1", "outer finally 1", "tick 1",
                "2.0", "inner finally 2.0", "outer finally 2", "tick 2"), log);
    }

    @Test
    void returnOfAnAwait_insideTryFinally_returnsAfterTheFinally() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  try {\n"
                + "    return await(DemoAsync.tick(log, \"value\"));\n"
                + "  } finally {\n"
                + "    log.add(\"finally\");\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("value", run(demo, log));
        assertEquals(List.of("value", "finally"), log);
    }

    @Test
    void exceptionInCatchBody_goesToFinally_andReplacesNothingElse() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void run(List<String> log) {\n"
                + "  try {\n"
                + "    await(DemoAsync.boom(log, \"first\"));\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    await(DemoAsync.tick(log, \"handling \" + e.getMessage()));\n"
                + "    throw new IllegalArgumentException(\"second\", e);\n"
                + "  } finally {\n"
                + "    log.add(\"finally\");\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> run(demo, log));
        assertEquals("first", failure.getCause().getMessage());
        assertEquals(List.of("boom first", "handling first", "finally"), log);
    }

    @Test
    void throwOfAnAwaitedException_andCatchingThrowable() throws Throwable {
        Harness.Compiled demo = compile(
                "@SuppressWarnings(\"AsyncWithoutAwait\") @Async static RuntimeException make(String s) {\n"
                + "  return new IllegalStateException(s);\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  try {\n"
                + "    throw await(DemoAsync.make(\"made\"));\n"
                + "  } catch (Throwable t) {\n"
                + "    return t.getClass().getSimpleName() + \" \" + t.getMessage();\n"
                + "  }\n"
                + "}");
        assertEquals("IllegalStateException made", run(demo, new ArrayList<>()));
    }

    @Test
    void cancellation_runsFinallyBlocks_andIsNotCaughtByCatchException() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void worker(List<String> log) {\n"
                + "  try {\n"
                + "    await(sleep(10));\n"
                + "  } catch (Exception e) {\n"
                + "    log.add(\"wrongly caught\");\n"
                + "  } finally {\n"
                + "    log.add(\"cleanup\");\n"
                + "  }\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  Task<Void> task = createTask(DemoAsync.worker(log));\n"
                + "  await(sleep(1));\n"
                + "  task.cancel();\n"
                + "  try {\n"
                + "    await(task);\n"
                + "    return \"not cancelled\";\n"
                + "  } catch (CancelledError e) {\n"
                + "    return \"cancelled\";\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("cancelled", run(demo, log));
        assertEquals(List.of("cleanup"), log);
        assertEquals(1.0, demo.loop.time(), 1e-9);
    }

    @Test
    void awaitFreeTryInsideLoweredCode_keepsItsOwnSemantics() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int run(List<String> log) {\n"
                + "  int n = 0;\n"
                + "  while (n < 3) {\n"
                + "    await(DemoAsync.tick(log, \"n\" + n));\n"
                + "    try {\n"
                + "      if (n == 1) break;\n"
                + "      n++;\n"
                + "    } finally {\n"
                + "      log.add(\"plain finally \" + n);\n"
                + "    }\n"
                + "  }\n"
                + "  return n;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(1, run(demo, log));
        assertEquals(List.of("n0", "plain finally 1", "n1", "plain finally 1"), log);
    }

    @Test
    void theSameExceptionObject_reachesTheCatchClause() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String rethrow(RuntimeException e) { await(sleep(1)); throw e; }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  IllegalStateException original = new IllegalStateException(\"x\");\n"
                + "  try {\n"
                + "    return await(DemoAsync.rethrow(original));\n"
                + "  } catch (RuntimeException e) {\n"
                + "    return e == original ? \"same\" : \"different\";\n"
                + "  }\n"
                + "}");
        assertEquals("same", run(demo, new ArrayList<>()));
    }

    private static final String RESOURCE =
            "static final class Res implements AutoCloseable {\n"
            + "  final List<String> log; final String name; final boolean failClose;\n"
            + "  Res(List<String> log, String name, boolean failClose) {\n"
            + "    this.log = log; this.name = name; this.failClose = failClose; log.add(\"open \" + name);\n"
            + "  }\n"
            + "  @Override public void close() {\n"
            + "    log.add(\"close \" + name);\n"
            + "    if (failClose) throw new IllegalStateException(\"close \" + name);\n"
            + "  }\n"
            + "}\n"
            + "@Async static Res open(List<String> log, String name, boolean failClose) {\n"
            + "  await(sleep(1)); return new Res(log, name, failClose);\n"
            + "}\n";

    @Test
    void tryWithResources_awaitedResources_closeInReverseOrder_onEveryWayOut() throws Throwable {
        Harness.Compiled demo = compile(RESOURCE
                + "@Async static String run(List<String> log, int mode) {\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    try (Res a = await(DemoAsync.open(log, \"a\" + i, false));\n"
                + "         Res b = new Res(log, \"b\" + i, false)) {\n"
                + "      await(DemoAsync.tick(log, \"use \" + a.name + b.name));\n"
                + "      if (mode == 0 && i == 1) break;\n"
                + "      if (mode == 1) return \"returned \" + i;\n"
                + "      if (mode == 2) await(DemoAsync.boom(log, \"x\"));\n"
                + "    } finally {\n"
                + "      log.add(\"finally \" + i);\n"
                + "    }\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("end", run(demo, log, 0));
        assertEquals(List.of("open a0", "open b0", "use a0b0", "close b0", "close a0", "finally 0",
                "open a1", "open b1", "use a1b1", "close b1", "close a1", "finally 1"), log);
        log.clear();
        assertEquals("returned 0", run(demo, log, 1));
        assertEquals(List.of("open a0", "open b0", "use a0b0", "close b0", "close a0", "finally 0"), log);
        log.clear();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> run(demo, log, 2));
        assertEquals("x", failure.getMessage());
        assertEquals(List.of("open a0", "open b0", "use a0b0", "boom x", "close b0", "close a0", "finally 0"),
                log);
    }

    @Test
    void tryWithResources_aFailingClose_isSuppressedIntoTheBodysFailure_orThrownItself() throws Throwable {
        Harness.Compiled demo = compile(RESOURCE
                + "@Async static String run(List<String> log, boolean bodyFails) {\n"
                + "  try (Res a = await(DemoAsync.open(log, \"a\", true))) {\n"
                + "    if (bodyFails) await(DemoAsync.boom(log, \"body \" + a.name));\n"
                + "    return \"ok\";\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    await(DemoAsync.tick(log, \"caught \" + e.getMessage()));\n"
                + "    return e.getMessage() + \" suppressed=\" + e.getSuppressed().length\n"
                + "        + (e.getSuppressed().length > 0 ? \" \" + e.getSuppressed()[0].getMessage() : \"\");\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("body a suppressed=1 close a", run(demo, log, true));
        assertEquals(List.of("open a", "boom body a", "close a", "caught body a"), log);
        log.clear();
        assertEquals("close a suppressed=0", run(demo, log, false));
        assertEquals(List.of("open a", "close a", "caught close a"), log);
    }

    @Test
    void tryWithResources_aResourceThatFailsToOpen_isNotClosed_butTheEarlierOnesAre() throws Throwable {
        Harness.Compiled demo = compile(RESOURCE
                + "@Async static Res failOpen(List<String> log) { await(sleep(1)); throw new IllegalStateException(\"open\"); }\n"
                + "@Async static String run(List<String> log) {\n"
                + "  Res first = new Res(log, \"first\", false);\n"
                + "  try (first; Res second = await(DemoAsync.failOpen(log))) {\n"
                + "    log.add(\"body \" + second.name);\n"
                + "    return \"not reached\";\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    return \"caught \" + e.getMessage();\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("caught open", run(demo, log));
        assertEquals(List.of("open first", "close first"), log);
    }
}
