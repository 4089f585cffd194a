package org.asyncio4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2 in kotlinx.coroutines ({@link KotlinPingPong}), with {@link PingPongBenchmark}'s settings: ns per hop,
 * {@value PingPongBenchmark#HOPS} hops per invocation, each invocation one {@code runBlocking} on the benchmark
 * thread. Built only with {@code -Pkotlin}. Thread safety: stateless; each invocation runs its own coroutines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KotlinPingPongBenchmark {
    /** The like-for-like row: asyncio4j's protocol, a fresh CompletableDeferred per hop. */
    @Benchmark
    @OperationsPerInvocation(PingPongBenchmark.HOPS)
    public int completableDeferredPerHop() {
        return KotlinPingPong.completableDeferredPerHop(PingPongBenchmark.ROUNDS);
    }

    /** The idiomatic Kotlin row: two rendezvous Channels. */
    @Benchmark
    @OperationsPerInvocation(PingPongBenchmark.HOPS)
    public int rendezvousChannel() {
        return KotlinPingPong.rendezvousChannel(PingPongBenchmark.ROUNDS);
    }
}
