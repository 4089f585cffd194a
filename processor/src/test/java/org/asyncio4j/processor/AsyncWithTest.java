package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code async with}: try-with-resources over {@code AsyncCloseable}s in an {@code @Async} body, compiled through the
 * processor and run on a virtual-time loop. Every way out of the block awaits the closes, in reverse order, mixed
 * with plain resources; the log shows the order, the loop's time that each close was awaited (1 s each).
 */
class AsyncWithTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.io.IOException;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    /** {@code Res}: an async resource whose close takes 1 s (and fails if asked); {@code Plain}: an AutoCloseable. */
    static final String RESOURCES =
            "static class Res implements AsyncCloseable {\n"
            + "  final List<String> log; final String name; final boolean failClose;\n"
            + "  Res(List<String> log, String name, boolean failClose) {\n"
            + "    this.log = log; this.name = name; this.failClose = failClose; log.add(\"open \" + name);\n"
            + "  }\n"
            + "  Res(List<String> log, String name) { this(log, name, false); }\n"
            + "  @Override public Coroutine<Void> closeAsync() { return DemoAsync.close(log, name, failClose); }\n"
            + "}\n"
            + "static class Replacing extends Res {\n"
            + "  Replacing(List<String> log, String name) { super(log, name); }\n"
            + "  @Override public Coroutine<Void> closeAsync(Throwable failure) {\n"
            + "    return DemoAsync.replace(log, name, failure);\n"
            + "  }\n"
            + "}\n"
            + "static class Plain implements AutoCloseable {\n"
            + "  final List<String> log; final String name;\n"
            + "  Plain(List<String> log, String name) { this.log = log; this.name = name; log.add(\"open \" + name); }\n"
            + "  @Override public void close() { log.add(\"close \" + name); }\n"
            + "}\n"
            + "@Async static void close(List<String> log, String name, boolean fail) {\n"
            + "  log.add(\"closing \" + name);\n"
            + "  await(sleep(1));\n"
            + "  if (fail) throw new IllegalStateException(\"close \" + name);\n"
            + "  log.add(\"closed \" + name);\n"
            + "}\n"
            + "@Async static void replace(List<String> log, String name, Throwable failure) {\n"
            + "  await(sleep(1));\n"
            + "  log.add(\"replacing \" + failure.getMessage());\n"
            + "  throw new IllegalArgumentException(\"replaced \" + failure.getMessage(), failure);\n"
            + "}\n"
            + "@Async static Res open(List<String> log, String name) { await(sleep(1)); return new Res(log, name); }\n"
            + "@Async static String fail(List<String> log, String s) throws IOException {\n"
            + "  await(sleep(1)); log.add(\"fail \" + s); throw new IOException(s);\n"
            + "}\n";

    static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + RESOURCES + body + "\n}\n");
    }

    @Test
    void normalEnd_closesInReverseOrder_mixedWithPlainResources_andAnAwaitedResource() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  try (Res a = new Res(log, \"a\"); Plain p = new Plain(log, \"p\");\n"
                + "       var b = await(DemoAsync.open(log, \"b\"))) {\n"
                + "    log.add(\"body \" + a.name + p.name + b.name);\n"
                + "  }\n"
                + "  log.add(\"after\");\n"
                + "  return \"done\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("done", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("open a", "open p", "open b", "body apb", "closing b", "closed b", "close p",
                "closing a", "closed a", "after"), log);
        assertEquals(3.0, demo.loop.time(), 1e-9);
    }

    @Test
    void returnFromTheBlock_awaitsTheClosesBeforeReturning() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  try (Res a = new Res(log, \"a\"); Res b = new Res(log, \"b\")) {\n"
                + "    if (a.name.equals(\"a\")) return b.name + \" returned\";\n"
                + "    log.add(\"not reached\");\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("b returned", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("open a", "open b", "closing b", "closed b", "closing a", "closed a"), log);
    }

    @Test
    void breakAndContinue_leaveThroughTheCloses() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  for (int i = 0; i < 5; i++) {\n"
                + "    try (Res r = new Res(log, \"r\" + i)) {\n"
                + "      if (i == 0) continue;\n"
                + "      log.add(\"body \" + r.name);\n"
                + "      if (i == 1) break;\n"
                + "    }\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("end", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("open r0", "closing r0", "closed r0", "open r1", "body r1", "closing r1", "closed r1"),
                log);
    }

    @Test
    void exceptionInTheBlock_closesWithTheFailure_andACloseFailureIsSuppressed() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) throws IOException {\n"
                + "  try (Res a = new Res(log, \"a\"); Res b = new Res(log, \"b\", true)) {\n"
                + "    log.add(\"body \" + a.name + b.name);\n"
                + "    await(DemoAsync.fail(log, \"body\"), IOException.class);\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> demo.run("demo.DemoAsync", "run", log));
        assertEquals("body", e.getMessage());
        assertEquals(List.of("close b"), Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
        assertEquals(List.of("open a", "open b", "body ab", "fail body", "closing b", "closing a", "closed a"), log);
    }

    @Test
    void closeFailureAfterANormalEnd_propagates_andTheEarlierResourcesCloseWithIt() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  try (Res a = new Res(log, \"a\", true); Res b = new Res(log, \"b\", true)) {\n"
                + "    log.add(\"body \" + a.name + b.name);\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> demo.run("demo.DemoAsync", "run", log));
        assertEquals("close b", e.getMessage());
        assertEquals(List.of("close a"), Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
        assertEquals(List.of("open a", "open b", "body ab", "closing b", "closing a"), log);
    }

    @Test
    void closeAsyncWithFailure_decidesWhatPropagates() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) throws IOException {\n"
                + "  try (Replacing r = new Replacing(log, \"r\")) {\n"
                + "    log.add(\"body \" + r.name);\n"
                + "    await(DemoAsync.fail(log, \"body\"), IOException.class);\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> demo.run("demo.DemoAsync", "run", log));
        assertEquals("replaced body", e.getMessage());
        assertEquals(IOException.class, e.getCause().getClass());
        assertEquals(List.of("open r", "body r", "fail body", "replacing body"), log);
    }

    @Test
    void nullResource_isNotClosed_andAnExpressionResourceIsClosed() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  Res outer = new Res(log, \"outer\");\n"
                + "  try (Res none = null; outer) {\n"
                + "    log.add(\"body \" + (none == null));\n"
                + "  }\n"
                + "  return \"end\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("end", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("open outer", "body true", "closing outer", "closed outer"), log);
    }

    @Test
    void cancellationMidBody_closesWithTheCancellation_andMidClose_propagatesIt() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void body(List<String> log, double closeCancelAt) {\n"
                + "  try (Res a = new Res(log, \"a\"); Res b = new Res(log, \"b\")) {\n"
                + "    await(sleep(10));\n"
                + "    log.add(\"body \" + a.name + b.name);\n"
                + "  } finally {\n"
                + "    log.add(\"finally\");\n"
                + "  }\n"
                + "}\n"
                + "@Async static String run(List<String> log, double cancelAt) {\n"
                + "  Task<Void> t = createTask(DemoAsync.body(log, cancelAt));\n"
                + "  await(sleep(cancelAt));\n"
                + "  t.cancel();\n"
                + "  try {\n"
                + "    await(t);\n"
                + "    return \"not cancelled\";\n"
                + "  } catch (CancelledError e) {\n"
                + "    return \"cancelled at \" + getRunningLoop().time();\n"
                + "  }\n"
                + "}");
        List<String> midBody = new ArrayList<>();
        assertEquals("cancelled at 7.0", demo.run("demo.DemoAsync", "run", midBody, 5.0));
        assertEquals(List.of("open a", "open b", "closing b", "closed b", "closing a", "closed a", "finally"),
                midBody);
        List<String> midClose = new ArrayList<>();
        assertEquals("cancelled at 11.5", demo.run("demo.DemoAsync", "run", midClose, 10.5));
        // b's close is cancelled at 10.5: the cancellation propagates, and a is still closed (with it as failure)
        assertEquals(List.of("open a", "open b", "body ab", "closing b", "closing a", "closed a", "finally"),
                midClose);
    }

    @Test
    void taskGroup_joinsItsChildrenAtTheEnd_andReplacesAFailureWithTaskGroupError() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String child(List<String> log, String name, double s, boolean fail) {\n"
                + "  await(sleep(s));\n"
                + "  if (fail) throw new IllegalStateException(name);\n"
                + "  log.add(\"child \" + name);\n"
                + "  return name;\n"
                + "}\n"
                + "@Async static String run(List<String> log, boolean fail) {\n"
                + "  Task<String> a;\n"
                + "  try (TaskGroup tg = new TaskGroup().enter()) {\n"
                + "    a = tg.createTask(DemoAsync.child(log, \"a\", 2, false));\n"
                + "    tg.createTask(DemoAsync.child(log, \"b\", 1, fail));\n"
                + "    log.add(\"body\");\n"
                + "  } catch (TaskGroupError e) {\n"
                + "    return \"group failed: \" + e.exceptions().get(0).getMessage();\n"
                + "  }\n"
                + "  return \"joined \" + a.result() + \" at \" + getRunningLoop().time();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("joined a at 2.0", demo.run("demo.DemoAsync", "run", log, false));
        assertEquals(List.of("body", "child b", "child a"), log);
        List<String> failing = new ArrayList<>();
        assertEquals("group failed: b", demo.run("demo.DemoAsync", "run", failing, true));
        assertEquals(List.of("body"), failing);
    }

    @Test
    void timeout_turnsItsCancellationIntoTimeoutError() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, double work) {\n"
                + "  try (Timeout t = timeout(2).enter()) {\n"
                + "    await(sleep(work));\n"
                + "    log.add(\"worked \" + t.expired());\n"
                + "  } catch (TimeoutError e) {\n"
                + "    return \"timed out at \" + getRunningLoop().time();\n"
                + "  }\n"
                + "  return \"in time\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("in time", demo.run("demo.DemoAsync", "run", log, 1.0));
        assertEquals(List.of("worked false"), log);
        assertEquals("timed out at 2.0", demo.run("demo.DemoAsync", "run", new ArrayList<>(), 5.0));
    }
}
