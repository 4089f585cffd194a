package org.asyncio4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5 in kotlinx.coroutines ({@link KotlinChain}), with {@link ChainBenchmark}'s settings: µs per chain of
 * {@value ChainBenchmark#DEPTH} nested suspend functions that never suspend, each chain one {@code runBlocking}.
 * Built only with {@code -Pkotlin}. Thread safety: stateless; each invocation runs its own coroutine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KotlinChainBenchmark {
    @Benchmark
    public int suspendFunctions() {
        return KotlinChain.run(ChainBenchmark.DEPTH);
    }
}
