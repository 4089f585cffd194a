package org.asyncio4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every workload once with a tiny size and checks what it computed: the benchmark code is correct, for
 * asyncio4j and for every baseline. Nothing here is timed.
 */
class WorkloadsTest {
    private EventLoop loop;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        loop = new EventLoop();
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        loop.close();
        executor.shutdown();
    }

    @Test
    void w1AwaitCompletedSumsTheSameValuesEverywhere() {
        int n = 200;    // more than 64: the round-robin wraps around
        long expected = AwaitCompleted.expectedSum(n);
        assertEquals(64 * 65 / 2 * 3 + 8 * 9 / 2, expected);
        AwaitCompleted.Futures futures = AwaitCompleted.completedFutures(loop);
        assertEquals(expected, AwaitCompleted.asyncio4j(loop, futures, n));
        assertEquals(expected, AwaitCompleted.asyncio4j(loop, futures, n), "the loop and futures are reusable");
        assertEquals(expected, AwaitCompleted.handWritten(loop, futures, n));
        assertEquals(expected, AwaitCompleted.handRolledFloor(AwaitCompleted.handFutures(), n));
        assertEquals(expected, AwaitCompleted.completableFutureJoin(AwaitCompleted.completableFutures(), n));
        assertEquals(expected, AwaitCompleted.completableFutureThenCompose(AwaitCompleted.completableFutures(), n));
        assertEquals(expected, AwaitCompleted.plainCalls(AwaitCompleted.values(), n));
        assertEquals(0, AwaitCompleted.asyncio4j(loop, futures, 0));
    }

    @Test
    void w2PingPongEndsWithTwoTokensPerRound() throws InterruptedException {
        int rounds = 50;
        int expected = PingPong.expected(rounds);
        assertEquals(expected, PingPong.asyncio4j(loop, rounds));
        assertEquals(expected, PingPong.asyncio4j(loop, rounds), "the loop is reusable");
        assertEquals(expected, PingPong.handWritten(new ArrayDeque<>(), rounds));
        assertEquals(expected, PingPong.completableFuture(executor, rounds));
        assertEquals(2, PingPong.asyncio4j(loop, 1));
        assertEquals(2, PingPong.handWritten(new ArrayDeque<>(), 1));
        assertEquals(2, PingPong.completableFuture(executor, 1));
        if (VirtualThreads.AVAILABLE) {
            assertEquals(expected, PingPong.virtualThreads(rounds));
        }
    }

    @Test
    void w3SpawnJoinGathersEveryIndexInOrder() throws InterruptedException {
        int n = 1_000;
        checkGathered(n, SpawnJoin.asyncio4j(loop, n));
        checkGathered(n, SpawnJoin.completableFuture(executor, n));
        if (VirtualThreads.AVAILABLE) {
            checkGathered(n, SpawnJoin.virtualThreads(n));
        }
    }

    private static void checkGathered(int n, List<Integer> results) {
        assertEquals(n, results.size());
        long sum = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(i, results.get(i));
            sum += results.get(i);
        }
        assertEquals(SpawnJoin.expectedSum(n), sum);
    }

    @Test
    void w4EverySleeperWakesUp() throws InterruptedException {
        int n = 500;
        double seconds = 0.05;
        int[] asleepCalls = new int[1];
        assertEquals(n, Sleepers.asyncio4j(n, seconds, () -> asleepCalls[0]++));
        assertEquals(1, asleepCalls[0]);
        assertEquals(n, Sleepers.completableFuture(n, seconds, executor, null));
        if (VirtualThreads.AVAILABLE) {
            assertEquals(n, Sleepers.virtualThreads(n, seconds, null));
        }
    }

    @Test
    void w4SleepersMemoryReportsAPositiveSize() throws InterruptedException {
        // Tiny n: only checks that the measurement runs and yields a number; the value itself means nothing here.
        double bytes = SleepersMemory.bytesPerTask("asyncio4j", 2_000, 0.05);
        assertEquals(false, Double.isNaN(bytes));
    }

    @Test
    void w5ChainReturnsItsDepth() {
        int depth = 1_000;
        assertEquals(depth, Chain.asyncio4j(loop, depth));
        assertEquals(depth, Chain.plainCalls(depth));
        assertEquals(depth, Chain.completableFuture(depth));
        assertEquals(0, Chain.asyncio4j(loop, 0));
    }

    @Test
    void w6EveryEchoComesBackIntact() throws Exception {
        // A message count, not a deadline: 5 connections x 20 round trips, each reply checked byte for byte.
        int connections = 5;
        long perConnection = 20;
        List<String> systems = VirtualThreads.AVAILABLE
                ? List.of("asyncio4j", "netty", "virtualThreads") : List.of("asyncio4j", "netty");
        for (String system : systems) {
            Echo.Result r = EchoBenchmark.phase(system, connections, perConnection, 60);
            assertEquals(connections * perConnection, r.messages, system);
            assertEquals(false, Double.isNaN(r.percentileMicros(99)), system);
        }
    }

    @Test
    void w6EchoCheckRejectsAWrongReply() {
        byte[] sent = Echo.message(3, 7);
        Echo.check(sent, Echo.message(3, 7));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Echo.check(sent, Echo.message(3, 8)));
        assertEquals(true, e.getMessage().startsWith("echo mismatch: sent "));
    }

    @Test
    void w7CorpusCompilesWithAndWithoutTheProcessor() throws java.io.IOException {
        CompileTime.Corpus corpus = CompileTime.writeCorpus(60);     // two classes: 50 + 10 methods
        try {
            assertEquals(2, corpus.sources.size());
            CompileTime.compile(corpus, false);
            CompileTime.compile(corpus, true);
            assertEquals(2, CompileTime.countClassFiles(corpus, false));
            // With the processor: the two classes, their two companions, one state machine per method.
            assertEquals(2 + 2 + 60, CompileTime.countClassFiles(corpus, true));
            // The floor: the same classes from the corpus and the generated companions, without the processor.
            CompileTime.generateCompanions(corpus);
            assertEquals(2, corpus.generated.size());
            CompileTime.compileWithGeneratedSources(corpus);
            assertEquals(2 + 2 + 60, CompileTime.countClassFiles(corpus, "out-floor"));
        } finally {
            corpus.delete();
        }
    }

    @Test
    void virtualThreadsAreAvailableExactlyFromJdk21() {
        assertEquals(Runtime.version().feature() >= 21, VirtualThreads.AVAILABLE);
        if (!VirtualThreads.AVAILABLE) {
            // JDK 17-20: the virtual-thread baselines must refuse clearly (run.sh leaves them out there).
            assertThrows(UnsupportedOperationException.class, () -> VirtualThreads.start(() -> { }));
            return;
        }
        int[] ran = new int[1];
        try {
            VirtualThreads.start(() -> ran[0] = 1).join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, ran[0]);
    }
}
