package org.asyncio4j.benchmarks

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.runBlocking

/**
 * W2 ([PingPong]) in kotlinx.coroutines: two coroutines hand a token back and forth, `rounds` rounds, so
 * `2 * rounds` hops; the pinger returns `2 * rounds`. Both run on one `runBlocking` event loop, so every hop is a
 * suspension of the receiver and a resumption dispatched through that loop's queue.
 *
 * Two versions:
 * - [completableDeferredPerHop] follows asyncio4j's protocol exactly (a fresh `CompletableDeferred` per hop in the
 *   receiver's mailbox, completed by the sender): the same allocations and the same suspend/resume per hop, so
 *   it is the like-for-like row;
 * - [rendezvousChannel] is what Kotlin code would usually write (two rendezvous `Channel`s, like the virtual-thread
 *   baseline's `SynchronousQueue`s): no object per hop, the channel reuses its waiter cells.
 *
 * Thread safety: each call runs both coroutines on the calling thread; calls share nothing.
 */
object KotlinPingPong {
    /** One side's mailbox: the Deferred its owner awaits next. */
    private class Mailbox {
        var next = CompletableDeferred<Int>()

        fun rearm() {
            next = CompletableDeferred()
        }

        /** Completes the other side's pending Deferred; a second completion would be a protocol bug. */
        fun send(token: Int) {
            check(next.complete(token)) { "mailbox already completed: the ping-pong protocol is broken" }
        }
    }

    private suspend fun ping(mine: Mailbox, theirs: Mailbox, rounds: Int): Int {
        var token = 0
        for (r in 0 until rounds) {
            theirs.send(token)
            val reply = mine.next.await()
            mine.rearm()
            token = reply + 1
        }
        return token
    }

    private suspend fun pong(mine: Mailbox, theirs: Mailbox, rounds: Int): Int {
        var last = -1
        for (r in 0 until rounds) {
            val token = mine.next.await()
            mine.rearm()
            last = token + 1
            theirs.send(last)
        }
        return last
    }

    /** `rounds` rounds through a fresh CompletableDeferred per hop; returns the pinger's final token. */
    @JvmStatic
    fun completableDeferredPerHop(rounds: Int): Int = runBlocking {
        val a = Mailbox()
        val b = Mailbox()
        val pinger = async { ping(a, b, rounds) }
        val ponger = async { pong(b, a, rounds) }
        awaitAll(pinger, ponger)[0]
    }

    /** `rounds` rounds through two rendezvous Channels; returns the pinger's final token. */
    @JvmStatic
    fun rendezvousChannel(rounds: Int): Int = runBlocking {
        val toPong = Channel<Int>(Channel.RENDEZVOUS)
        val toPing = Channel<Int>(Channel.RENDEZVOUS)
        val pinger = async {
            var token = 0
            for (r in 0 until rounds) {
                toPong.send(token)
                token = toPing.receive() + 1
            }
            token
        }
        val ponger = async {
            for (r in 0 until rounds) {
                toPing.send(toPong.receive() + 1)
            }
        }
        ponger.await()
        pinger.await()
    }
}
