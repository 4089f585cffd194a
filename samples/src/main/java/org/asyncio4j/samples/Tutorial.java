package org.asyncio4j.samples;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.asyncio4j.EventLoop;

/**
 * The demo: runs every tutorial sample in order, each on a fresh event loop, with a header before it and the time
 * its loop took after it. {@code main} uses real loops (about 20 seconds in all, most of it sleeping, as in
 * Python); the test runs the same list on virtual-time loops.
 */
public final class Tutorial {
    private Tutorial() {}

    /** One sample: its class name, what it shows, and how to run it on a given loop (which it closes). */
    record Sample(String name, String shows, Consumer<EventLoop> runner) {}

    static final List<Sample> SAMPLES = List.of(
            new Sample("HelloWorld", "asyncio.run(main()): print, await sleep(1), print", HelloWorld::run),
            new Sample("MyCoroutine", "loop.run_until_complete of a coroutine that never awaits",
                    MyCoroutine::run),
            new Sample("Say", "say(what, when) with run_until_complete", Say::run),
            new Sample("SayForever", "two create_task + run_forever: the shorter sleep prints first",
                    SayForever::run),
            new Sample("SayAfter", "awaiting say_after twice in a row: 3 s", SayAfter::run),
            new Sample("SayAfterTasks", "create_task first, then await: 2 s", SayAfterTasks::run),
            new Sample("SayAfterGather", "gather(task1, task2): results in argument order", SayAfterGather::run),
            new Sample("SayAfterGatherCoroutines", "gather of coroutines wraps them in tasks",
                    SayAfterGatherCoroutines::run),
            new Sample("SayAfterGatherList", "gather over a list built at run time", SayAfterGatherList::run),
            new Sample("AwaitCoroutineOrTask", "await a coroutine vs await create_task(coroutine)",
                    AwaitCoroutineOrTask::run),
            new Sample("MyCoro", "ensure_future/create_task, then run_until_complete(task)", MyCoro::run),
            new Sample("MyCoroGather", "gather(mycoro(3), mycoro(4), mycoro(5))", MyCoroGather::run),
            new Sample("CoroutinesCallingCoroutines", "f1 awaits f2", CoroutinesCallingCoroutines::run),
            new Sample("CallSoon", "loop.call_soon of plain functions (pymotw)", CallSoon::run),
            new Sample("CallLater", "loop.call_later runs callbacks by due time (pymotw)", CallLater::run),
            new Sample("AsCompleted", "as_completed: each result as soon as it arrives", AsCompleted::run),
            new Sample("CpuBoundBlocks", "a task that never awaits blocks the others", CpuBoundBlocks::run));

    /** Runs every sample, each on a new loop from {@code newLoop}, printing a header before it. */
    public static void runAll(Supplier<EventLoop> newLoop) {
        System.out.println("asyncio4j tutorial: " + SAMPLES.size()
                + " asyncio examples ported to Java (org.asyncio4j.samples)");
        int number = 0;
        for (Sample sample : SAMPLES) {
            number++;
            System.out.println();
            System.out.println("== " + number + "/" + SAMPLES.size() + " " + sample.name() + ": " + sample.shows());
            EventLoop loop = newLoop.get();
            double start = loop.time();
            sample.runner().accept(loop);
            double took = loop.time() - start;
            System.out.println(String.format(Locale.ROOT, "   (the loop ran %.1f s)", took));
        }
    }

    public static void main(String[] args) {
        runAll(EventLoop::new);
    }
}
