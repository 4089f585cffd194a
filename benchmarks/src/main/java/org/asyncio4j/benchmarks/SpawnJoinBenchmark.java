package org.asyncio4j.benchmarks;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3 ({@link SpawnJoin}): spawn {@code n} tasks and gather them. The score is invocations per second; multiply by
 * {@code n} for tasks per second ({@code ResultsTable} adds that column). {@code n} is a parameter, so it cannot
 * be a constant {@code @OperationsPerInvocation}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// 300,000 tasks alive per invocation (about 40 MB): with a growing heap, G1 takes several iterations to size its
// young generation, and throughput still climbed during the last measured ones. A fixed heap and a longer
// warm-up, the same for every system, measure the steady state.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SpawnJoinBenchmark {
    @Param("300000")
    int n;

    EventLoop loop;
    ExecutorService executor;

    @Setup
    public void setUp() {
        loop = new EventLoop();
        executor = Executors.newSingleThreadExecutor();
    }

    @TearDown
    public void tearDown() {
        loop.close();
        executor.shutdown();
    }

    @Benchmark
    public List<Integer> asyncio4j() {
        return SpawnJoin.asyncio4j(loop, n);
    }

    @Benchmark
    public List<Integer> completableFutureSingleThread() {
        return SpawnJoin.completableFuture(executor, n);
    }

    @Benchmark
    public List<Integer> virtualThreads() throws InterruptedException {
        return VirtualThreads.AVAILABLE ? SpawnJoin.virtualThreads(n) : List.of();
    }
}
