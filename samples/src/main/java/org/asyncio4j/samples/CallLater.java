package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.EventLoop;

/**
 * Scheduling plain functions by the loop's timer: {@code call_later} runs a callback after a delay, in order of
 * due time, not of registration (pymotw, asyncio_call_later.py; the note's "can schedule calls to regular
 * functions based on the timer value kept in the loop").
 *
 * <pre>
 * def callback(n):
 *     print('callback {} invoked'.format(n))
 *
 * async def main(loop):
 *     print('registering callbacks')
 *     loop.call_later(0.2, callback, 1)
 *     loop.call_later(0.1, callback, 2)
 *     loop.call_soon(callback, 3)
 *
 *     print('sleeping')
 *     await asyncio.sleep(0.4)
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
 * <p>Output: {@code entering event loop}, {@code registering callbacks}, {@code sleeping},
 * {@code callback 3 invoked} (soon), {@code callback 2 invoked} (0.1 s), {@code callback 1 invoked} (0.2 s),
 * {@code closing event loop} (0.4 s).
 */
public final class CallLater {
    private CallLater() {}

    static void callback(int n) {
        System.out.println("callback " + n + " invoked");
    }

    @Async
    static void registerAndSleep(EventLoop loop) {
        System.out.println("registering callbacks");
        loop.callLater(0.2, () -> callback(1));
        loop.callLater(0.1, () -> callback(2));
        loop.callSoon(() -> callback(3));

        System.out.println("sleeping");
        await(sleep(0.4));
    }

    /** Runs the sample on {@code loop} and closes it. */
    public static void run(EventLoop loop) {
        try {
            System.out.println("entering event loop");
            loop.runUntilComplete(CallLaterAsync.registerAndSleep(loop));
        } finally {
            System.out.println("closing event loop");
            loop.close();
        }
    }

    public static void main(String[] args) {
        run(new EventLoop());
    }
}
