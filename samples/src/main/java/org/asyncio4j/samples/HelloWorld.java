package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;

/**
 * Hello world: the simplest asyncio program. It prints, gives the event loop one second in which it could run
 * other tasks, and prints again.
 *
 * <pre>
 * async def main():
 *     print('Hello ...')
 *     await asyncio.sleep(1)
 *     print('... World!')
 *
 * asyncio.run(main())
 * </pre>
 *
 * <p>Python's {@code async def main()} is the {@code @Async} method {@link #hello()}; the processor generates
 * {@code HelloWorldAsync.hello()}, which returns the {@code Coroutine<Void>} that {@code Asyncio.run} runs.
 *
 * <p>Output: {@code Hello ...}, one second later {@code ... World!}.
 */
public final class HelloWorld {
    private HelloWorld() {}

    @Async
    static void hello() {
        System.out.println("Hello ...");
        await(sleep(1));
        System.out.println("... World!");
    }

    /** Runs the sample on {@code loop} (tests pass a virtual-time loop) and closes it. */
    public static void run(EventLoop loop) {
        Asyncio.run(HelloWorldAsync.hello(), loop);
    }

    public static void main(String[] args) {
        Asyncio.run(HelloWorldAsync.hello());
    }
}
