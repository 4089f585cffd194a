package org.asyncio4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kotlinx.coroutines.Deferred;
import org.junit.jupiter.api.Test;

/**
 * Runs every kotlinx.coroutines workload once with a tiny size and checks what it computed, against the same
 * expectations as {@link WorkloadsTest}. Compiled and run only with {@code -Pkotlin}. Nothing here is timed.
 */
class KotlinWorkloadsTest {
    @Test
    void w1AwaitCompletedSumsTheSameValuesAsAsyncio4j() {
        int n = 200;    // more than 64: the round-robin wraps around
        Deferred<Integer>[] deferreds = KotlinAwaitCompleted.completedDeferreds();
        assertEquals(64, deferreds.length);
        assertEquals(AwaitCompleted.expectedSum(n), KotlinAwaitCompleted.run(deferreds, n));
        assertEquals(AwaitCompleted.expectedSum(n), KotlinAwaitCompleted.run(deferreds, n), "Deferreds reusable");
        assertEquals(0, KotlinAwaitCompleted.run(deferreds, 0));
    }

    @Test
    void w2PingPongEndsWithTwoTokensPerRoundInBothVersions() {
        int rounds = 50;
        assertEquals(PingPong.expected(rounds), KotlinPingPong.completableDeferredPerHop(rounds));
        assertEquals(PingPong.expected(rounds), KotlinPingPong.rendezvousChannel(rounds));
        assertEquals(2, KotlinPingPong.completableDeferredPerHop(1));
        assertEquals(2, KotlinPingPong.rendezvousChannel(1));
        assertEquals(0, KotlinPingPong.completableDeferredPerHop(0));
        assertEquals(0, KotlinPingPong.rendezvousChannel(0));
    }

    @Test
    void w3SpawnJoinGathersEveryIndexInOrder() {
        int n = 1_000;
        List<Integer> results = KotlinSpawnJoin.run(n);
        assertEquals(n, results.size());
        long sum = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(i, results.get(i));
            sum += results.get(i);
        }
        assertEquals(SpawnJoin.expectedSum(n), sum);
        assertEquals(List.of(), KotlinSpawnJoin.run(0));
    }

    @Test
    void w4EverySleeperWakesUpAndTheMeasurementRunsOnceWhileAllSleep() {
        int n = 500;
        int[] asleepCalls = new int[1];
        assertEquals(n, KotlinSleepers.run(n, 0.05, () -> asleepCalls[0]++));
        assertEquals(1, asleepCalls[0]);
        assertEquals(n, KotlinSleepers.run(n, 0.05, null));
        assertEquals(0, KotlinSleepers.run(0, 0.05, null));
    }

    @Test
    void w4SleepersMemorySeesTheSleepersOnTheHeap() {
        // A sleeping coroutine keeps at least its Job, its continuation and its timer entry (well over 100 B), so
        // 20,000 of them grow the heap by megabytes; a measurement taken after they woke would see about nothing.
        double bytes = KotlinSleepersMemory.bytesPerCoroutine(20_000, 0.05);
        assertTrue(bytes > 100, "bytes per sleeping coroutine: " + bytes);
    }

    @Test
    void w5ChainReturnsItsDepth() {
        assertEquals(ChainBenchmark.DEPTH, KotlinChain.run(ChainBenchmark.DEPTH));
        assertEquals(0, KotlinChain.run(0));
    }
}
