package org.asyncio4j.benchmarks

import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

/**
 * W3 ([SpawnJoin]) in kotlinx.coroutines: `async` `n` coroutines on a `runBlocking` event loop, each returning
 * its index without suspending, then `awaitAll` them; the results come back in index order.
 *
 * Thread safety: each call runs every coroutine on the calling thread; calls share nothing.
 */
object KotlinSpawnJoin {
    @JvmStatic
    fun run(n: Int): List<Int> = runBlocking {
        val deferreds = ArrayList<Deferred<Int>>(n)
        for (i in 0 until n) {
            deferreds.add(async { i })
        }
        deferreds.awaitAll()
    }
}
