package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime's async context managers and async iterables in {@code @Async} bodies, compiled through the processor
 * and run on a virtual-time loop: {@code async with lock:}, {@code async for} over a queue and over
 * {@code asCompletedAsync}.
 */
class AsyncAdoptionTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import org.asyncio4j.queues.Queue;\n"
            + "import org.asyncio4j.sync.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + body + "\n}\n");
    }

    @Test
    void lockHold_excludesOtherTasks_andIsReleasedOnEveryWayOut() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void worker(List<String> log, Lock lock, String name, boolean fail) {\n"
                + "  try (Held held = await(lock.hold())) {\n"
                + "    log.add(name + \" in at \" + getRunningLoop().time());\n"
                + "    await(sleep(1));\n"
                + "    if (fail) throw new IllegalStateException(name);\n"
                + "    log.add(name + \" out \" + held.held());\n"
                + "  }\n"
                + "}\n"
                + "@Async static boolean run(List<String> log) {\n"
                + "  Lock lock = new Lock();\n"
                + "  Task<Void> a = createTask(DemoAsync.worker(log, lock, \"a\", true));\n"
                + "  Task<Void> b = createTask(DemoAsync.worker(log, lock, \"b\", false));\n"
                + "  Task<Void> c = createTask(DemoAsync.worker(log, lock, \"c\", false));\n"
                + "  await(sleep(1.5));\n"
                + "  c.cancel();\n"
                + "  await(gatherReturnExceptions(a, b, c));\n"
                + "  return lock.locked();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(false, demo.run("demo.DemoAsync", "run", log));
        // a fails inside its block (its hold is released), c is cancelled while in line, b gets the lock after a
        assertEquals(List.of("a in at 0.0", "b in at 1.0", "b out true"), log);
    }

    @Test
    void queueIteration_endsWhenTheQueueIsShutDown() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static void produce(Queue<String> queue) {\n"
                + "  for (String item : List.of(\"x\", \"y\", \"z\")) {\n"
                + "    await(sleep(1));\n"
                + "    await(queue.put(item));\n"
                + "  }\n"
                + "  queue.shutdown();\n"
                + "}\n"
                + "@Async static String run(List<String> log) {\n"
                + "  Queue<String> queue = new Queue<>();\n"
                + "  createTask(DemoAsync.produce(queue));\n"
                + "  for (String item : queue) {\n"
                + "    log.add(item + \" at \" + getRunningLoop().time());\n"
                + "    queue.taskDone();\n"
                + "  }\n"
                + "  return \"shut down at \" + getRunningLoop().time();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("shut down at 3.0", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("x at 1.0", "y at 2.0", "z at 3.0"), log);
    }

    @Test
    void asCompletedAsync_handsOutTheTasksInCompletionOrder() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String after(double s, String v) { await(sleep(s)); return v; }\n"
                + "@Async static List<String> run(List<String> log) {\n"
                + "  Task<String> slow = createTask(DemoAsync.after(2, \"slow\"));\n"
                + "  List<String> order = new ArrayList<>();\n"
                + "  for (Future<String> done : asCompletedAsync(slow, DemoAsync.after(1, \"fast\"))) {\n"
                + "    order.add(done.result() + (done == slow ? \" (the task)\" : \"\") + \" at \""
                + " + getRunningLoop().time());\n"
                + "  }\n"
                + "  return order;\n"
                + "}");
        assertEquals(List.of("fast at 1.0", "slow (the task) at 2.0"),
                demo.run("demo.DemoAsync", "run", new ArrayList<String>()));
    }
}
