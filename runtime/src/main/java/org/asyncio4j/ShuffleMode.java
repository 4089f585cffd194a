package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A test loop's shuffle mode (see {@link EventLoop#virtualTime(long)}): permutes the task steps and done callbacks
 * of each pass among their positions, with a seeded generator so that a failing order can be replayed.
 *
 * <p>Not thread-safe; used by its loop's thread only.
 */
final class ShuffleMode {
    private final SplittableRandom random;

    ShuffleMode(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Permutes the movable entries among the first {@code n} of {@code ready}; everything else keeps its place. */
    void permute(ArrayDeque<Object> ready, int n) {
        Object[] entries = new Object[n];
        int[] movable = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            Object e = ready.poll();
            entries[i] = e;
            if (e instanceof Task && ((Task<?>) e).timer != Task.TIMER_DUE || e instanceof Future.DoneCallbackHandle) {
                movable[m++] = i;     // a due timer stays in place, as a Sleep's or a TimerHandle's does
            }
        }
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Object tmp = entries[movable[i]];
            entries[movable[i]] = entries[movable[j]];
            entries[movable[j]] = tmp;
        }
        for (int i = n - 1; i >= 0; i--) {
            ready.addFirst(entries[i]);
        }
    }
}
