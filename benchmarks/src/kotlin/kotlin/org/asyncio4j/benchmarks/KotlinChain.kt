package org.asyncio4j.benchmarks

import kotlinx.coroutines.runBlocking

/**
 * W5 ([Chain]) in kotlinx.coroutines: `depth` nested suspend functions, each calling the next and adding 1 to its
 * result; the innermost returns without suspending, so nothing ever suspends and the result is `depth`. The call is
 * not a tail call, so every level allocates its continuation object (Kotlin's frame), as asyncio4j allocates a
 * coroutine per level.
 *
 * Thread safety: each call runs on the calling thread; calls share nothing.
 */
object KotlinChain {
    @JvmStatic
    fun run(depth: Int): Int = runBlocking { level(depth) }

    private suspend fun level(depth: Int): Int {
        if (depth == 0) {
            return 0
        }
        val inner = level(depth - 1)
        return inner + 1
    }
}
