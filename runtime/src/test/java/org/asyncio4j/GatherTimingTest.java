package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * When a gathering future completes, relative to the done callbacks of its children: exactly where one done
 * callback per child would have completed it (as asyncio's {@code _GatheringFuture} does), though it only schedules
 * a callback for the first failure and for the last child.
 */
@Tag(LoopTestBase.EXACT_ORDER)
class GatherTimingTest extends LoopTestBase {

    @Test
    void completesAtTheLastChildsCallbackPosition() {
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = loop.createFuture();
        b.addDoneCallback(f -> log.add("b registered before the gather"));
        Future<List<Integer>> gather = Asyncio.gather(a, b);
        b.addDoneCallback(f -> log.add("b registered after the gather, gather done=" + gather.done()));
        gather.addDoneCallback(f -> log.add("gather callback"));

        b.setResult(2);
        runOnePass();
        assertEquals(List.of("b registered before the gather", "b registered after the gather, gather done=false"), log);
        assertFalse(gather.done(), "one child is still pending");

        log.clear();
        a.setResult(1);
        a.addDoneCallback(f -> log.add("a registered after completing, gather done=" + gather.done()));
        runOnePass();
        assertEquals(List.of("a registered after completing, gather done=true"), log);
        assertEquals(List.of(1, 2), gather.result());
        runOnePass();
        assertEquals(List.of("a registered after completing, gather done=true", "gather callback"), log);
    }

    @Test
    void theFirstFailureDecides_atItsCallbackPosition() {
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = loop.createFuture();
        Future<Integer> c = loop.createFuture();
        Future<List<Integer>> gather = Asyncio.gather(a, b, c);
        IllegalStateException first = new IllegalStateException("first");
        b.setException(first);
        b.addDoneCallback(f -> log.add("after b's failure, gather done=" + gather.done()));
        c.setException(new IllegalArgumentException("second"));
        runOnePass();
        assertEquals(List.of("after b's failure, gather done=true"), log);
        assertSame(first, gather.exception());
        assertFalse(a.done(), "the other children keep running");
        a.setResult(1);
        runOnePass();
        assertSame(first, gather.exception(), "later outcomes change nothing");
    }

    @Test
    void theSameFutureTwiceCountsTwice() {
        Future<Integer> a = loop.createFuture();
        Future<List<Integer>> gather = Asyncio.gather(a, a);
        a.setResult(7);
        runOnePass();
        assertTrue(gather.done());
        assertEquals(List.of(7, 7), gather.result());
    }
}
