package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncGenerator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * Async generators ({@code @Async AsyncGenerator<T> m(..)} with {@code emit(x)}) compiled through the processor and
 * run on a virtual-time loop: the producer's and the consumer's steps interleave as asyncio's do, failures reach the
 * consumer, closing early runs the generator's finally blocks (awaits included), and {@code Asyncio.run} closes
 * what is left.
 */
class AsyncGeneratorsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + body + "\n}\n");
    }

    /** A generator whose finally blocks await, and a consumer that leaves it early and closes it. */
    private static final String NATURALS =
            "@Async static AsyncGenerator<Integer> naturals(List<String> log) {\n"
                + "  int i = 0;\n"
                + "  try {\n"
                + "    try {\n"
                + "      for (;;) {\n"
                + "        emit(i);\n"
                + "        i++;\n"
                + "      }\n"
                + "    } catch (Exception e) {\n"
                + "      log.add(\"not for GeneratorExit\");\n"
                + "    } finally {\n"
                + "      log.add(\"inner finally at \" + i);\n"
                + "      await(sleep(1));\n"
                + "      log.add(\"inner cleaned\");\n"
                + "    }\n"
                + "  } finally {\n"
                + "    log.add(\"outer finally\");\n"
                + "  }\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  AsyncGenerator<Integer> g = DemoAsync.naturals(log);\n"
                + "  int sum = 0;\n"
                + "  while (await(g.hasNextAsync())) {\n"
                + "    int n = g.next();\n"
                + "    sum += n;\n"
                + "    if (n == 2) break;\n"
                + "  }\n"
                + "  log.add(\"closing\");\n"
                + "  await(g.closeAsync());\n"
                + "  log.add(\"closed \" + g.isDone());\n"
                + "  await(g.closeAsync());\n"
                + "  return \"sum \" + sum + \", more: \" + await(g.hasNextAsync());\n"
                + "}";

    /** A consumer that drains {@code g} by hand, as a for-each over it in an @Async body does. */
    private static final String DRAIN =
            "@Async static String drain(List<String> log, AsyncGenerator<?> g) {\n"
            + "  int n = 0;\n"
            + "  while (await(g.hasNextAsync())) {\n"
            + "    log.add(\"got \" + g.next());\n"
            + "    n++;\n"
            + "  }\n"
            + "  log.add(\"end\");\n"
            + "  return n + \" elements\";\n"
            + "}\n";

    @Test
    void producerAndConsumer_alternateStepByStep() throws Throwable {
        Harness.Compiled demo = compile(DRAIN
                + "@Async static AsyncGenerator<Integer> count(List<String> log, int n) {\n"
                + "  log.add(\"start\");\n"
                + "  for (int i = 0; i < n; i++) {\n"
                + "    log.add(\"produce \" + i);\n"
                + "    emit(i);\n"
                + "    log.add(\"resume \" + i);\n"
                + "  }\n"
                + "  log.add(\"exhausted\");\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  AsyncGenerator<Integer> g = DemoAsync.count(log, 2);\n"
                + "  log.add(\"created\");\n"
                + "  return await(DemoAsync.drain(log, g));\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("2 elements", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("created", "start", "produce 0", "got 0", "resume 0", "produce 1", "got 1", "resume 1",
                "exhausted", "end"), log);
    }

    @Test
    void awaitsBetweenEmits_suspendTheConsumersTask() throws Throwable {
        Harness.Compiled demo = compile(DRAIN
                + "@Async static AsyncGenerator<String> slow(List<String> log, String... items) {\n"
                + "  int i = 0;\n"
                + "  for (String item : items) {\n"
                + "    await(sleep(1));\n"
                + "    log.add(\"at \" + getRunningLoop().time());\n"
                + "    emit(item + i++);\n"
                + "  }\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  Task<String> other = createTask(DemoAsync.other(log));\n"
                + "  String r = await(DemoAsync.drain(log, DemoAsync.slow(log, \"a\", \"b\")));\n"
                + "  await(other);\n"
                + "  return r;\n"
                + "}\n"
                + "@Async static String other(List<String> log) {\n"
                + "  await(sleep(1.5));\n"
                + "  log.add(\"other\");\n"
                + "  return \"\";\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("2 elements", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("at 1.0", "got a0", "other", "at 2.0", "got b1", "end"), log);
        assertEquals(2.0, demo.loop.time(), 1e-9);
    }

    @Test
    void aFailureOfTheBody_reachesTheConsumerAtHasNext() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static AsyncGenerator<Integer> failing(List<String> log) {\n"
                + "  emit(1);\n"
                + "  await(sleep(1));\n"
                + "  throw new IllegalStateException(\"broken\");\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  AsyncGenerator<Integer> g = DemoAsync.failing(log);\n"
                + "  try {\n"
                + "    while (await(g.hasNextAsync())) {\n"
                + "      log.add(\"got \" + g.next());\n"
                + "    }\n"
                + "    return \"no failure\";\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    log.add(\"caught \" + e.getMessage() + \" done=\" + g.isDone());\n"
                + "    return await(g.hasNextAsync()) ? \"more\" : \"finished\";\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("finished", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("got 1", "caught broken done=true"), log);
    }

    @Test
    void closingEarly_runsTheFinallyBlocks_withTheirAwaits() throws Throwable {
        Harness.Compiled demo = compile(NATURALS);
        List<String> log = new ArrayList<>();
        assertEquals("sum 3, more: false", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("closing", "inner finally at 2", "inner cleaned", "outer finally", "closed true"), log);
        assertEquals(1.0, demo.loop.time(), 1e-9);
    }

    /**
     * A for-each over the companion's call, or over a {@code var} holding it, in the class that declares the
     * generator: the companion is generated in the same round, so the loop's type comes from the template. Both
     * were reported as {@code AsyncForUnknownType} ("declare it in a local first"), found by the fuzzer's generator
     * consumers.
     */
    @Test
    void forEachOverTheCompanionsCall_orAVarHoldingIt_isAnAsyncFor() throws Throwable {
        Harness.Compiled demo = compile(NATURALS
                + "@Async static int overCall(List<String> log) {\n"
                + "  int sum = 0;\n"
                + "  for (int n : DemoAsync.naturals(log)) {\n"
                + "    sum += n;\n"
                + "    if (n == 2) break;\n"
                + "  }\n"
                + "  log.add(\"after loop\");\n"
                + "  return sum;\n"
                + "}\n"
                + "@Async static int overVar(List<String> log) {\n"
                + "  var g = DemoAsync.naturals(log);\n"
                + "  int sum = 0;\n"
                + "  for (var n : g) {\n"
                + "    sum += n;\n"
                + "    if (n == 3) break;\n"
                + "  }\n"
                + "  log.add(\"after loop \" + g.isDone());\n"
                + "  return sum;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(3, demo.run("demo.DemoAsync", "overCall", log));
        assertEquals(List.of("inner finally at 2", "inner cleaned", "outer finally", "after loop"), log);
        log.clear();
        assertEquals(6, demo.run("demo.DemoAsync", "overVar", log));
        assertEquals(List.of("inner finally at 3", "inner cleaned", "outer finally", "after loop true"), log);
    }

    /**
     * The same generator with its state machine split into one method per state (issue #14's split, forced): the
     * element hand-out goes back through the split dispatcher as from one method.
     */
    @Test
    void closingEarly_whenTheStateMachineIsSplit_behavesTheSame() throws Throwable {
        com.google.testing.compile.Compilation compilation = Harness.compileWith(
                List.of("-Aasyncio4j.splitAbove=0", "-Aasyncio4j.splitPartSize=1"),
                PRELUDE + "class Demo {\n" + NATURALS + "\n}\n");
        assertEquals(com.google.testing.compile.Compilation.Status.SUCCESS, compilation.status(),
                () -> compilation.diagnostics() + Harness.generatedSources(compilation));
        assertTrue(Harness.generatedSources(compilation).contains("stepPart"), "split");
        Harness.Compiled demo = new Harness.Compiled(compilation);
        List<String> log = new ArrayList<>();
        assertEquals("sum 3, more: false", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("closing", "inner finally at 2", "inner cleaned", "outer finally", "closed true"), log);
        assertEquals(1.0, demo.loop.time(), 1e-9);
    }

    @Test
    void aGeneratorThatEmitsWhileClosing_failsTheClose() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static AsyncGenerator<String> stubborn() {\n"
                + "  try {\n"
                + "    emit(\"a\");\n"
                + "  } catch (GeneratorExit e) {\n"
                + "    emit(\"again\");\n"
                + "  }\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  AsyncGenerator<String> g = DemoAsync.stubborn();\n"
                + "  await(g.hasNextAsync());\n"
                + "  try {\n"
                + "    await(g.closeAsync());\n"
                + "    return \"closed\";\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    return e.getMessage().substring(0, 38) + \" \" + g.isDone();\n"
                + "  }\n"
                + "}");
        assertEquals("async generator ignored GeneratorExit: true", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void asyncioRun_closesGeneratorsLeftOpen_awaitingInTheirFinally() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static AsyncGenerator<Integer> ticks(List<String> log) {\n"
                + "  try {\n"
                + "    for (int i = 0;; i++) {\n"
                + "      emit(i);\n"
                + "    }\n"
                + "  } finally {\n"
                + "    log.add(\"finalising\");\n"
                + "    await(sleep(5));\n"
                + "    log.add(\"finalised at \" + getRunningLoop().time());\n"
                + "  }\n"
                + "}\n"
                + "@Async static AsyncGenerator<Integer> unstarted(List<String> log) {\n"
                + "  try {\n"
                + "    emit(1);\n"
                + "  } finally {\n"
                + "    log.add(\"never started, never finalised\");\n"
                + "  }\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static Integer firstOf(List<String> log) {\n"
                + "  AsyncGenerator<Integer> g = DemoAsync.ticks(log);\n"
                + "  AsyncGenerator<Integer> unused = DemoAsync.unstarted(log);\n"
                + "  log.add(\"unstarted done=\" + unused.isDone());\n"
                + "  await(g.hasNextAsync());\n"
                + "  await(g.hasNextAsync());\n"
                + "  log.add(\"main done\");\n"
                + "  return g.next();\n"
                + "}");
        List<String> log = new ArrayList<>();
        Object first = Asyncio.run((org.asyncio4j.Coroutine<?>) demo.call("demo.DemoAsync", "firstOf", log),
                EventLoop.virtualTime());
        assertEquals(0, first);
        assertEquals(List.of("unstarted done=false", "main done", "finalising", "finalised at 5.0"), log);
    }

    @Test
    void cancellingTheConsumer_throwsIntoTheAwaitingBody() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static AsyncGenerator<Integer> slow(List<String> log) {\n"
                + "  try {\n"
                + "    emit(1);\n"
                + "    await(sleep(10));\n"
                + "    emit(2);\n"
                + "  } finally {\n"
                + "    log.add(\"generator finally\");\n"
                + "  }\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String consume(List<String> log, AsyncGenerator<Integer> g) {\n"
                + "  while (await(g.hasNextAsync())) {\n"
                + "    log.add(\"got \" + g.next());\n"
                + "  }\n"
                + "  return \"all\";\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  AsyncGenerator<Integer> g = DemoAsync.slow(log);\n"
                + "  Task<String> t = createTask(DemoAsync.consume(log, g));\n"
                + "  await(sleep(1));\n"
                + "  t.cancel();\n"
                + "  try {\n"
                + "    return await(t);\n"
                + "  } catch (CancelledError e) {\n"
                + "    return \"cancelled, done=\" + g.isDone();\n"
                + "  }\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("cancelled, done=true", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("got 1", "generator finally"), log);
    }

    @Test
    void generators_compose_areGeneric_andEmitAwaitedValues() throws Throwable {
        Harness.Compiled demo = compile(DRAIN
                + "final String prefix;\n"
                + "Demo(String prefix) { this.prefix = prefix; }\n"
                + "@Async static String tick(List<String> log, String s) { await(sleep(1)); log.add(\"tick \" + s);"
                + " return s; }\n"
                + "@Async <T> AsyncGenerator<T> repeat(T value, int times) {\n"
                + "  for (int i = 0; i < times; i++) emit(value);\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async AsyncGenerator<String> labelled(List<String> log, AsyncGenerator<Integer> source) {\n"
                + "  while (await(source.hasNextAsync())) {\n"
                + "    int n = source.next();\n"
                + "    if (n % 2 == 1) continue;\n"
                + "    emit(prefix + await(DemoAsync.tick(log, String.valueOf(n))));\n"
                + "  }\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static AsyncGenerator<Integer> upTo(int n) {\n"
                + "  for (int i = 0; i <= n; i++) emit(i);\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  Demo d = new Demo(\"#\");\n"
                + "  String a = await(DemoAsync.drain(log, DemoAsync.labelled(d, log, DemoAsync.upTo(4))));\n"
                + "  String b = await(DemoAsync.drain(log, DemoAsync.repeat(d, 'x', 2)));\n"
                + "  return a + \", \" + b;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("3 elements, 2 elements", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("tick 0", "got #0", "tick 2", "got #2", "tick 4", "got #4", "end", "got x", "got x",
                "end"), log);
        assertEquals(3.0, demo.loop.time(), 1e-9);
    }

    @Test
    void handDrivenFromPlainCode_onTheLoop() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static AsyncGenerator<String> words() {\n"
                + "  emit(\"a\");\n"
                + "  await(sleep(1));\n"
                + "  emit(\"b\");\n"
                + "  return endGenerator();\n"
                + "}");
        @SuppressWarnings("unchecked")
        AsyncGenerator<String> g = (AsyncGenerator<String>) demo.call("demo.DemoAsync", "words");
        EventLoop loop = EventLoop.virtualTime();
        try {
            List<String> words = new ArrayList<>();
            while (loop.runUntilComplete(g.hasNextAsync())) {
                words.add(g.next());
            }
            assertEquals(List.of("a", "b"), words);
            assertEquals(1.0, loop.time(), 1e-9);
            assertTrue(g.isDone());
            assertThrows(java.util.NoSuchElementException.class, g::next);
        } finally {
            loop.close();
        }
    }

    @Test
    void twoStepsAtOnce_failWithAlreadyRunning() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static AsyncGenerator<String> slow() {\n"
                + "  await(sleep(1));\n"
                + "  emit(\"a\");\n"
                + "  return endGenerator();\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  AsyncGenerator<String> g = DemoAsync.slow();\n"
                + "  Task<Boolean> first = createTask(g.hasNextAsync());\n"
                + "  await(sleep(0.5));\n"
                + "  try {\n"
                + "    await(g.hasNextAsync());\n"
                + "    return \"no error\";\n"
                + "  } catch (IllegalStateException e) {\n"
                + "    return await(first) + \" \" + g.next() + \" / \" + e.getMessage().substring(0, e.getMessage().indexOf(\": AsyncGenerator\"));\n"
                + "  }\n"
                + "}");
        assertEquals("true a / hasNextAsync(): asynchronous generator is already running",
                demo.run("demo.DemoAsync", "run"));
    }
}
