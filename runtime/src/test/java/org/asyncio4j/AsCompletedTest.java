package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsCompletedTest extends LoopTestBase {

    /** Awaits each future of {@code futures} in turn, logging "value@time" or the error's message. */
    private Script.Next drain(List<Future<String>> futures, int i) {
        if (i == futures.size()) {
            return done(null);
        }
        return awaitThen(futures.get(i), r -> {
            try {
                log.add(r.get() + "@" + loop.time());
            } catch (IOException e) {
                log.add("error " + e.getMessage() + "@" + loop.time());
            }
            return drain(futures, i + 1);
        });
    }

    @Test
    void asCompleted_yieldsResultsInCompletionOrder() {
        Asyncio.run(coro(() -> drain(Asyncio.asCompleted(delayed(3, "a"), delayed(1, "b"), delayed(2, "c")), 0)),
                loop);
        assertEquals(List.of("b@1.0", "c@2.0", "a@3.0"), log);
    }

    @Test
    void asCompleted_deliversFailuresInTheirTurn() {
        Asyncio.run(coro(() -> drain(Asyncio.asCompleted(
                List.of(delayed(2, "late"), failing(1, new IOException("early")))), 0)), loop);
        assertEquals(List.of("error early@1.0", "late@2.0"), log);
    }

    @Test
    void asCompleted_returnsOneFuturePerArgument_alreadyDoneFuturesFirst() {
        Future<String> doneAlready = loop.createFuture();
        doneAlready.setResult("done");
        List<Future<String>> futures = new ArrayList<>();
        Asyncio.run(coro(() -> {
            futures.addAll(Asyncio.asCompleted(delayed(1, "slow"), doneAlready));
            return drain(futures, 0);
        }), loop);
        assertEquals(2, futures.size());
        assertEquals(List.of("done@0.0", "slow@1.0"), log);
        assertSame(loop, futures.get(0).getLoop());
    }
}
