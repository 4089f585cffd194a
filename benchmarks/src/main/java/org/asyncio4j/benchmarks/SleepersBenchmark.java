package org.asyncio4j.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * W4 ({@link Sleepers}), wall-time half: {@code n} tasks each sleeping 1 s; milliseconds per run, floor 1,000 ms.
 * Heap per sleeping task is measured by {@link SleepersMemory}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SleepersBenchmark {
    static final double SECONDS = 1.0;

    @Param("1000000")
    int n;

    ExecutorService executor;

    @Setup
    public void setUp() {
        executor = Executors.newSingleThreadExecutor();
    }

    @TearDown
    public void tearDown() {
        executor.shutdown();
    }

    @Benchmark
    public int asyncio4j() {
        return Sleepers.asyncio4j(n, SECONDS, null);
    }

    @Benchmark
    public int completableFutureDelayedExecutor() {
        return Sleepers.completableFuture(n, SECONDS, executor, null);
    }

    @Benchmark
    public int virtualThreads() throws InterruptedException {
        return VirtualThreads.AVAILABLE ? Sleepers.virtualThreads(n, SECONDS, null) : 0;
    }
}
