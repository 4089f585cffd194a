package org.asyncio4j.benchmarks

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.runBlocking

/**
 * W1 ([AwaitCompleted]) in kotlinx.coroutines: one coroutine awaits `n` `Deferred`s that are already completed,
 * round-robin over 64 distinct ones holding 1..64, and sums them. `await` of a completed `Deferred` takes its fast
 * path and never suspends, like `await` of a done asyncio4j future.
 *
 * Thread safety: [run] runs its coroutine on the calling thread (`runBlocking`'s event loop); the completed
 * Deferreds never change, so one array may be shared by any number of calls.
 */
object KotlinAwaitCompleted {
    private const val FUTURES = 64
    private const val MASK = FUTURES - 1

    /** 64 completed Deferreds holding 1..64 (the values of [AwaitCompleted.completedFutures]). */
    @JvmStatic
    fun completedDeferreds(): Array<Deferred<Int>> = Array(FUTURES) { k -> CompletableDeferred(k + 1) }

    /** The sum of `n` awaits, on a `runBlocking` event loop on the calling thread. */
    @JvmStatic
    fun run(deferreds: Array<Deferred<Int>>, n: Int): Long = runBlocking { sum(deferreds, n) }

    private suspend fun sum(items: Array<Deferred<Int>>, n: Int): Long {
        var sum = 0L
        for (i in 0 until n) {
            val v: Int = items[i and MASK].await()
            sum += v
        }
        return sum
    }
}
