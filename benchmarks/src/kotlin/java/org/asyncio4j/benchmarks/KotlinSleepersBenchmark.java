package org.asyncio4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4 in kotlinx.coroutines ({@link KotlinSleepers}), wall-time half, with {@link SleepersBenchmark}'s settings:
 * {@code n} coroutines each {@code delay}ing 1 s on one {@code runBlocking} event loop; ms per run, floor 1,000 ms.
 * Heap per sleeping coroutine is measured by {@link KotlinSleepersMemory}. Built only with {@code -Pkotlin}.
 * Thread safety: JMH gives each benchmark thread its own instance ({@code Scope.Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class KotlinSleepersBenchmark {
    @Param("1000000")
    int n;

    @Benchmark
    public int launchDelay() {
        return KotlinSleepers.run(n, SleepersBenchmark.SECONDS, null);
    }
}
