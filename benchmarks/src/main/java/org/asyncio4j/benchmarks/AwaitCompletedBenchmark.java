package org.asyncio4j.benchmarks;

import java.util.concurrent.CompletableFuture;
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
 * W1 ({@link AwaitCompleted}): ns per await of an already-completed future, {@value #AWAITS} awaits per
 * invocation. With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per await.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AwaitCompletedBenchmark {
    static final int AWAITS = 10_000;

    EventLoop loop;
    AwaitCompleted.Futures futures;
    AwaitCompleted.HandFuture[] handFutures;
    CompletableFuture<?>[] completableFutures;
    Integer[] values;

    @Setup
    public void setUp() {
        loop = new EventLoop();
        futures = AwaitCompleted.completedFutures(loop);
        handFutures = AwaitCompleted.handFutures();
        completableFutures = AwaitCompleted.completableFutures();
        values = AwaitCompleted.values();
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long asyncio4j() {
        return AwaitCompleted.asyncio4j(loop, futures, AWAITS);
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long handWrittenStateMachine() {
        return AwaitCompleted.handWritten(loop, futures, AWAITS);
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long handRolledFutureFloor() {
        return AwaitCompleted.handRolledFloor(handFutures, AWAITS);
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long completableFutureJoin() {
        return AwaitCompleted.completableFutureJoin(completableFutures, AWAITS);
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long completableFutureThenCompose() {
        return AwaitCompleted.completableFutureThenCompose(completableFutures, AWAITS);
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long plainCalls() {
        return AwaitCompleted.plainCalls(values, AWAITS);
    }
}
