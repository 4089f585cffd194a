package org.asyncio4j;

/**
 * The monotonic time source an {@link EventLoop} reads its {@link EventLoop#time() time} from (asyncio's loop
 * reads {@code time.monotonic()}; a test loop's virtual clock plays the part of asyncio's {@code TestLoop}).
 *
 * <p>{@link #nanoTime()} must never decrease; its origin is arbitrary (like {@link System#nanoTime()}).
 * {@link EventLoop#time()} is {@code nanoTime() / 1e9}. A loop built with {@code new EventLoop(clock)} still
 * <em>waits</em> in real time for its next timer (it parks the thread for the difference the clock reports),
 * so a custom clock should advance with real time. For tests, use {@link EventLoop#virtualTime()} instead: its
 * clock starts at 0 and jumps to the next timer's deadline whenever the loop would otherwise wait.
 *
 * <p>Implementations must be thread-safe if the loop's time is read from other threads; the loop itself reads it
 * only from its own thread.
 */
@FunctionalInterface
public interface Clock {
    /** {@return the current time in nanoseconds from an arbitrary, fixed origin; never decreases} */
    long nanoTime();

    /** {@return the real monotonic clock, {@link System#nanoTime()}} */
    static Clock system() {
        return System::nanoTime;
    }
}
