package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Pins the order in which interleaved code runs, kotlinx-test style: each point calls {@link #expect(int)} with
 * its position; {@link #finish(int)} marks the last one and {@link #assertFinished()} checks it was reached.
 */
public final class Seq {
    private int actual;
    private int finishedAt = -1;

    public void expect(int index) {
        int got = ++actual;
        if (got != index) {
            fail("expected to be at step " + index + " but was at step " + got);
        }
    }

    public void finish(int index) {
        expect(index);
        finishedAt = index;
    }

    public void expectUnreached() {
        fail("should not be reached (after step " + actual + ")");
    }

    public void assertFinished(int index) {
        assertEquals(index, finishedAt, "finish(" + index + ") was not reached; last step " + actual);
    }
}
