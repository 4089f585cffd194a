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
// A fixed, pre-touched heap for every system: a million sleepers allocate ~200 MB per run, and without
// AlwaysPreTouch each run (and each young collection copying the live sleepers) writes to heap pages the kernel has
// not handed out yet: measured with -Xlog:gc on JDK 17, the first steps of the million tasks took 220-240 ms instead
// of 76-98 ms and the collection 430-530 ms instead of 135-176 ms. JMH, same jar: asyncio4j 1,573 -> 1,226 ms,
// CompletableFuture 2,986 -> 2,542 ms (two forks each).
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
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
