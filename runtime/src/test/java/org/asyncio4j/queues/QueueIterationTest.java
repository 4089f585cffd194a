package org.asyncio4j.queues;

import static org.asyncio4j.Script.awaitAnyThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.NoSuchElementException;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Script;
import org.asyncio4j.sync.SyncTestBase;
import org.junit.jupiter.api.Test;

/**
 * A {@link Queue} as an {@code AsyncIterable} ({@code for (T item : queue)} in an {@code @Async} body): items in
 * order as they are put, waiting while the queue is empty, and the end once it is shut down and drained.
 */
class QueueIterationTest extends SyncTestBase {

    /** The loop the processor makes of {@code for (String s : it) log.add(...)}, written by hand. */
    private Script.Next consume(String name, AsyncIterator<String> it) {
        return awaitAnyThen(it.hasNextAsync(), r -> {
            if (r.<Boolean>get()) {
                log.add(name + " got " + it.next() + " at " + loop.time());
                return consume(name, it);
            }
            log.add(name + " done at " + loop.time());
            return done(null);
        });
    }

    @Test
    void iteration_takesItemsAsTheyArrive_andEndsAtShutdown() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        spawn("c", () -> consume("c", q.asyncIterator()));
        runUntilIdle();
        assertEquals(List.of("c got a at 0.0"), log);
        loop.callLater(1, () -> q.putNowait("b"));
        loop.callLater(2, () -> {
            q.putNowait("c");
            q.shutdown();
        });
        loop.runUntilComplete(org.asyncio4j.Asyncio.sleep(3));
        assertEquals(List.of("c got a at 0.0", "c got b at 1.0", "c got c at 2.0", "c done at 2.0"), log);
        assertEquals(0, q.qsize()); // taskDone() stays the consumer's
    }

    @Test
    void next_withoutAnElementReady_throws() {
        Queue<String> q = new Queue<>();
        assertThrows(NoSuchElementException.class, () -> q.asyncIterator().next());
    }
}
