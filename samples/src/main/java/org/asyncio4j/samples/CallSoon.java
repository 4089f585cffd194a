package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * Scheduling plain functions: {@code call_soon} queues a callback to run on the loop's next turn, in order, once
 * the current coroutine gives up control (pymotw, asyncio_call_soon.py).
 *
 * <pre>
 * def callback(arg, *, kwarg='default'):
 *     print('callback invoked with {} and {}'.format(arg, kwarg))
 *
 * async def main(loop):
 *     print('registering callbacks')
 *     loop.call_soon(callback, 1)
 *     wrapped = functools.partial(callback, kwarg='not default')
 *     loop.call_soon(wrapped, 2)
 *
 *     print('sleeping')
 *     await asyncio.sleep(0.1)
 *
 * event_loop = asyncio.get_event_loop()
 * try:
 *     print('entering event loop')
 *     event_loop.run_until_complete(main(event_loop))
 * finally:
 *     print('closing event loop')
 *     event_loop.close()
 * </pre>
 *
 * <p>{@code callSoon} takes a {@code Runnable}; a lambda stands for both the extra arguments and
 * {@code functools.partial}, and an overload for the keyword argument's default. Python's {@code main(loop)} is
 * {@link #registerAndSleep}. Output: {@code entering event loop}, {@code registering callbacks},
 * {@code sleeping}, {@code callback invoked with 1 and default}, {@code callback invoked with 2 and not default},
 * {@code closing event loop}: the callbacks run only once {@code main} awaits.
 */
public final class CallSoon {
    private CallSoon() {}

    static void callback(int arg, String kwarg) {
        System.out.println("callback invoked with " + arg + " and " + kwarg);
    }

    static void callback(int arg) {
        callback(arg, "default");
    }

    @Async
    static void registerAndSleep(EventLoop loop) {
        System.out.println("registering callbacks");
        loop.callSoon(() -> callback(1));
        loop.callSoon(() -> callback(2, "not default"));

        System.out.println("sleeping");
        await(sleep(0.1));
    }

    /** Runs the sample on {@code loop} and closes it. */
    public static void run(EventLoop loop) {
        try {
            System.out.println("entering event loop");
            loop.runUntilComplete(CallSoonAsync.registerAndSleep(loop));
        } finally {
            System.out.println("closing event loop");
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
