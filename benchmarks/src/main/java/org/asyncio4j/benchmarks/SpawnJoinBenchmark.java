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
// young generation, and throughput still climbed during the last measured ones. A fixed, pre-touched heap and a
// longer warm-up, the same for every system, measure the steady state rather than the kernel handing out pages.
//
// G1HeapRegionSize=4m: every system here builds lists of 300,000 references (the workload's list of tasks or
// futures, gather's results): 1.2 MB arrays. With a 2 GB heap G1's regions are 1 MB, so each such array is a
// humongous object, allocated in the old generation; JDK 17's G1 frees a dead one only after a concurrent mark,
// and until then it is a root of every young collection: each collection copied and promoted the 300,000 tasks of
// earlier invocations (logs showed "Pause Young 740M->740M"). 4 MB regions make the lists ordinary young objects.
// Measured with JMH on JDK 17 (same jar, one fork): asyncio4j 16.9 -> 52.9 ops/s, CompletableFuture 7.4 -> 12.7.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m"})
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
