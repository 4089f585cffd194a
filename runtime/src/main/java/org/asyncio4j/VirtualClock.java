package org.asyncio4j;

/**
 * The clock of a {@linkplain EventLoop#virtualTime() virtual-time loop}: it starts at 0 and moves only when the
 * loop advances it to the next timer's deadline.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 */
final class VirtualClock implements Clock {
    private long now;

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves the clock forward to {@code nanos}; never backwards. */
    void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }
}
