package org.asyncio4j.benchmarks

import kotlin.math.roundToLong
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * W4 ([Sleepers]) in kotlinx.coroutines: `n` coroutines each `delay` for `seconds` on a real clock, concurrently,
 * all on one `runBlocking` event loop (whose own timer heap serves `delay`); the call returns when the last one
 * has woken up, with the number that woke.
 *
 * Thread safety: each call runs every coroutine, and `whileAsleep`, on the calling thread; calls share nothing.
 */
object KotlinSleepers {
    /**
     * Runs `n` sleepers and returns how many woke up. `whileAsleep` (may be null) runs on the loop once every
     * sleeper has suspended in its `delay` and none has woken yet.
     */
    @JvmStatic
    fun run(n: Int, seconds: Double, whileAsleep: Runnable?): Int {
        val millis = (seconds * 1000).roundToLong()
        var awake = 0
        runBlocking {
            repeat(n) {
                launch {
                    delay(millis)
                    awake++
                }
            }
            if (whileAsleep != null) {
                // The launches are queued in order; yield queues this coroutine behind them, so it resumes after
                // each sleeper's first step. Timers that fall due are queued behind it too: none has woken yet.
                yield()
                whileAsleep.run()
            }
        }
        return awake
    }
}
