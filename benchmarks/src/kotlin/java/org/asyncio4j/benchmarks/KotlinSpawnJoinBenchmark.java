package org.asyncio4j.benchmarks;

import java.util.List;
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
 * W3 in kotlinx.coroutines ({@link KotlinSpawnJoin}), with {@link SpawnJoinBenchmark}'s settings: {@code async}
 * {@code n} coroutines in one {@code runBlocking} and {@code awaitAll} them; invocations per second
 * ({@code ResultsTable} adds the row times {@code n}). Built only with {@code -Pkotlin}.
 * Thread safety: JMH gives each benchmark thread its own instance ({@code Scope.Thread}).
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
public class KotlinSpawnJoinBenchmark {
    @Param("300000")
    int n;

    @Benchmark
    public List<Integer> asyncAwaitAll() {
        return KotlinSpawnJoin.run(n);
    }
}
