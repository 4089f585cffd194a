package org.asyncio4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** W5 ({@link Chain}): µs per chain of {@value #DEPTH} nested coroutines that never suspend. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ChainBenchmark {
    static final int DEPTH = 1_000;

    EventLoop loop;

    @Setup
    public void setUp() {
        loop = new EventLoop();
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    public int asyncio4j() {
        return Chain.asyncio4j(loop, DEPTH);
    }

    @Benchmark
    public int plainCalls() {
        return Chain.plainCalls(DEPTH);
    }

    @Benchmark
    public int completableFutureThenCompose() {
        return Chain.completableFuture(DEPTH);
    }
}
