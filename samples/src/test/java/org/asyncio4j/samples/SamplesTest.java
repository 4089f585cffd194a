package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each sample on a virtual-time loop: the printed lines, in order, and the exact loop time it took.
 * The expected lines are the Python originals' output.
 */
class SamplesTest {
    private static final double EXACT = 1e-9;

    private static void assertRun(SampleRun run, double seconds, String... lines) {
        assertEquals(List.of(lines), run.lines());
        assertEquals(seconds, run.seconds(), EXACT, "loop time");
    }

    @Test
    void helloWorld() {
        assertRun(SampleRun.of(HelloWorld::run), 1.0, "Hello ...", "... World!");
    }

    @Test
    void myCoroutine() {
        assertRun(SampleRun.of(MyCoroutine::run), 0.0, "My Coroutine");
    }

    @Test
    void say() {
        assertRun(SampleRun.of(Say::run), 1.0, "hello world");
    }

    @Test
    void sayForeverStopsAfterTheLastGreeting() {
        assertRun(SampleRun.of(SayForever::run), 2.0, "second hello", "first hello");
    }

    @Test
    void sayAfterSequentialTakesThreeSeconds() {
        assertRun(SampleRun.of(SayAfter::run), 3.0, "start", "2s", "1s", "end");
    }

    @Test
    void sayAfterWithTasksTakesTwoSeconds() {
        assertRun(SampleRun.of(SayAfterTasks::run), 2.0, "start", "1s", "2s", "end");
    }

    @Test
    void sayAfterGatherKeepsArgumentOrder() {
        assertRun(SampleRun.of(SayAfterGather::run), 2.0, "start", "1s", "2s", "end, r1='2s', r2='1s'");
    }

    @Test
    void sayAfterGatherOfCoroutines() {
        assertRun(SampleRun.of(SayAfterGatherCoroutines::run), 2.0,
                "start", "1s", "2s", "end, r1='2s', r2='1s'");
    }

    @Test
    void sayAfterGatherOverAList() {
        assertRun(SampleRun.of(SayAfterGatherList::run), 3.0, "start", "1s", "2s", "3s", "end, [1s, 2s, 3s]");
    }

    @Test
    void sayAfterTaskGroup_withAsyncLambdas() {
        assertRun(SampleRun.of(SayAfterTaskGroup::run), 2.0 + 3.0, "started", "hello", "world",
                "both done: hello world", "a", "cc", "bbb", "sizes [1, 3, 2]");
    }

    @Test
    void awaitCoroutineOrTask() {
        assertRun(SampleRun.of(AwaitCoroutineOrTask::run), 0.2,
                "just await: the sleep runs inside this task",
                "using create task: a second task runs the sleep, this one waits for it",
                "done");
    }

    @Test
    void myCoroRunAsATask() {
        String[] result = new String[1];
        assertRun(SampleRun.of(loop -> result[0] = MyCoro.run(loop)), 1.0, "Starting 3", "Finishing 3");
        assertEquals("3", result[0]);
    }

    @Test
    void myCoroGatheredResultsInArgumentOrder() {
        List<?>[] result = new List<?>[1];
        assertRun(SampleRun.of(loop -> result[0] = MyCoroGather.run(loop)), 1.0,
                "Running many:",
                "Starting 3", "Starting 4", "Starting 5",
                "Finishing 3", "Finishing 4", "Finishing 5",
                "[3, 4, 5]");
        assertEquals(List.of("3", "4", "5"), result[0]);
    }

    @Test
    void coroutinesCallingCoroutines() {
        assertRun(SampleRun.of(CoroutinesCallingCoroutines::run), 1.0,
                "Start f1", "Start f2", "Stop f2", "Stop f1");
    }

    @Test
    void callSoonRunsCallbacksOnceTheCoroutineAwaits() {
        assertRun(SampleRun.of(CallSoon::run), 0.1,
                "entering event loop",
                "registering callbacks",
                "sleeping",
                "callback invoked with 1 and default",
                "callback invoked with 2 and not default",
                "closing event loop");
    }

    @Test
    void callLaterRunsCallbacksByDueTime() {
        assertRun(SampleRun.of(CallLater::run), 0.4,
                "entering event loop",
                "registering callbacks",
                "sleeping",
                "callback 3 invoked",
                "callback 2 invoked",
                "callback 1 invoked",
                "closing event loop");
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        assertRun(SampleRun.of(AsCompleted::run), 3.0,
                "got fast (1 s)", "got medium (2 s)", "got slow (3 s)", "all done");
    }

    @Test
    void cpuBoundTaskDelaysTheTicker() {
        // The ticker's second tick was due at 0.1 s, but comes only after every busy step: the busy task never
        // awaits, so the loop cannot switch to the ticker. (CPU work takes no virtual time, hence 0.3 s in all.)
        assertRun(SampleRun.of(CpuBoundBlocks::run), 0.3,
                "tick 1",
                "busy: step 1 of 5",
                "busy: step 2 of 5",
                "busy: step 3 of 5",
                "busy: step 4 of 5",
                "busy: step 5 of 5",
                "tick 2",
                "tick 3",
                "tick 2 was due at 0.1 s, but it had to wait for all 5 busy steps");
    }

    @Test
    void mainOfASampleThatNeverSleeps() {
        // main() uses a real-time loop; this sample never sleeps, so the test takes no wall time.
        assertRun(SampleRun.of(loop -> {
            loop.close();
            MyCoroutine.main(new String[0]);
        }), 0.0, "My Coroutine");
    }
}
