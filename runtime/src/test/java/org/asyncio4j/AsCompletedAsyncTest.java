package org.asyncio4j;

import static org.asyncio4j.Script.awaitAnyThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Python 3.13's {@code async for t in as_completed(aws)}: {@link Asyncio#asCompletedAsync} hands out the given
 * futures themselves, each done, in the order they finish, and ends after the last.
 */
class AsCompletedAsyncTest extends LoopTestBase {

    private Script.Next consume(AsyncIterator<Future<String>> it, List<Future<String>> seen) {
        return awaitAnyThen(it.hasNextAsync(), r -> {
            if (r.<Boolean>get()) {
                Future<String> f = it.next();
                seen.add(f);
                log.add(f.result() + " at " + loop.time());
                return consume(it, seen);
            }
            log.add("end at " + loop.time());
            return done(null);
        });
    }

    @Test
    void handsOutTheGivenFutures_inCompletionOrder() {
        List<Future<String>> seen = new ArrayList<>();
        Task<String> slow = loop.createTask(delayed(3, "slow"));
        Future<String> ready = loop.createFuture();
        ready.setResult("ready");
        loop.runUntilComplete(Script.coro(() -> consume(Asyncio.asCompletedAsync(slow, delayed(1, "fast"), ready),
                seen)));
        assertEquals(List.of("ready at 0.0", "fast at 1.0", "slow at 3.0", "end at 3.0"), log);
        assertSame(ready, seen.get(0));
        assertSame(slow, seen.get(2));
    }
}
