package org.asyncio4j.benchmarks;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2 ({@link PingPong}): ns per hop, {@value #HOPS} hops per invocation. The virtual-thread variant runs with one
 * carrier thread ({@code jdk.virtualThreadScheduler.parallelism=1}), like the single-threaded loop; on JDK 17 it
 * does nothing and {@code run.sh} excludes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PingPongBenchmark {
    static final int ROUNDS = 5_000;
    static final int HOPS = 2 * ROUNDS;

    EventLoop loop;
    ExecutorService executor;
    ArrayDeque<PingPong.Fiber> runQueue;

    @Setup
    public void setUp() {
        loop = new EventLoop();
        executor = Executors.newSingleThreadExecutor();
        runQueue = new ArrayDeque<>();
    }

    @TearDown
    public void tearDown() {
        loop.close();
        executor.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public int asyncio4j() {
        return PingPong.asyncio4j(loop, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public int handWrittenRunQueueFloor() {
        return PingPong.handWritten(runQueue, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public int completableFutureSingleThread() {
        return PingPong.completableFuture(executor, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    @Fork(value = 2, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")   // replaces the class's @Fork whole
    public int virtualThreadsSynchronousQueue() throws InterruptedException {
        return VirtualThreads.AVAILABLE ? PingPong.virtualThreads(ROUNDS) : 0;
    }
}
