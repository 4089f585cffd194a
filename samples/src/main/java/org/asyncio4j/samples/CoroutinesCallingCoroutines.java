package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * Coroutines calling coroutines: {@code f1} awaits {@code f2}, which suspends; the whole chain waits, and resumes
 * where it left off.
 *
 * <pre>
 * async def f2():
 *     print("Start f2")
 *     await asyncio.sleep(1)
 *     print("Stop f2")
 *
 * async def f1():
 *     print("Start f1")
 *     await f2()
 *     print("Stop f1")
 *
 * # We can also give coroutines directly to event loop
 * # without creating a future from them.
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(f1())
 * loop.close()
 * </pre>
 *
 * <p>Output: {@code Start f1}, {@code Start f2}, one second later {@code Stop f2}, {@code Stop f1}. As in asyncio,
 * each task keeps its own chain of frames (f1 waiting on f2), like a call stack that can be put aside.
 */
public final class CoroutinesCallingCoroutines {
    private CoroutinesCallingCoroutines() {}

    @Async
    static void f2() {
        System.out.println("Start f2");
        await(sleep(1));
        System.out.println("Stop f2");
    }

    @Async
    static void f1() {
        System.out.println("Start f1");
        await(CoroutinesCallingCoroutinesAsync.f2());
        System.out.println("Stop f1");
    }

    /** Runs the sample on {@code loop} and closes it. */
    public static void run(EventLoop loop) {
        try {
            loop.runUntilComplete(CoroutinesCallingCoroutinesAsync.f1());
        } finally {
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
