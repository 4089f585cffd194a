package org.asyncio4j.benchmarks;

import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.Deferred;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 in kotlinx.coroutines ({@link KotlinAwaitCompleted}), with {@link AwaitCompletedBenchmark}'s settings: ns per
 * await of an already-completed {@code Deferred}, {@value AwaitCompletedBenchmark#AWAITS} awaits per invocation,
 * each invocation one {@code runBlocking} on the benchmark thread. Built only with {@code -Pkotlin}.
 * Thread safety: JMH gives each benchmark thread its own instance ({@code Scope.Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KotlinAwaitCompletedBenchmark {
    Deferred<Integer>[] deferreds;

    @Setup
    public void setUp() {
        deferreds = KotlinAwaitCompleted.completedDeferreds();
    }

    @Benchmark
    @OperationsPerInvocation(AwaitCompletedBenchmark.AWAITS)
    public long completedDeferredAwait() {
        return KotlinAwaitCompleted.run(deferreds, AwaitCompletedBenchmark.AWAITS);
    }
}
