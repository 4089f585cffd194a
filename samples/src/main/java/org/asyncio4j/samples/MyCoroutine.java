package org.asyncio4j.samples;

import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * A coroutine run with the low-level loop API: make a loop, run one coroutine until it completes, close the loop.
 *
 * <pre>
 * async def myCoroutine():
 *     print("My Coroutine")
 *
 * loop = asyncio.get_event_loop()
 * try:
 *     loop.run_until_complete(myCoroutine())
 * finally:
 *     loop.close()
 * </pre>
 *
 * <p>As in Python, a coroutine that never awaits is allowed ("simple usage, without any benefit"): it runs to the
 * end in one step. Output: {@code My Coroutine}, in no time at all.
 */
public final class MyCoroutine {
    private MyCoroutine() {}

    // Like the asyncio original, this coroutine never awaits; the processor would warn [AsyncWithoutAwait].
    @SuppressWarnings("AsyncWithoutAwait")
    @Async
    static void myCoroutine() {
        System.out.println("My Coroutine");
    }

    /** Runs the sample on {@code loop} and closes it, as the Python original does with its loop. */
    public static void run(EventLoop loop) {
        try {
            loop.runUntilComplete(MyCoroutineAsync.myCoroutine());
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
