package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** EventLoop.virtualTime(seed): task steps and done callbacks of a pass are permuted; plain callbacks stay FIFO. */
class ShuffleModeTest {

    /** Eight tasks, each logging twice around a sleep(0), interleaved with plain callbacks; returns the trace. */
    private static List<String> trace(EventLoop loop) {
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "t" + i;
            loop.createTask(coro(() -> {
                log.add(name + "a");
                return awaitThen(Asyncio.sleep(0), r -> {
                    log.add(name + "b");
                    return done(null);
                });
            }));
            loop.callSoon(() -> log.add("cb" + name));
        }
        for (int pass = 0; pass < 3; pass++) {
            loop.stop();
            loop.runForever();
        }
        loop.close();
        return log;
    }

    @Test
    void sameSeed_sameOrder() {
        assertEquals(trace(EventLoop.virtualTime(7)), trace(EventLoop.virtualTime(7)));
    }

    @Test
    void differentSeeds_permuteTheTasks_butPlainCallbacksKeepFifoOrderAndEveryStepRunsInItsPass() {
        List<String> fifo = trace(EventLoop.virtualTime());
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            List<String> t = trace(EventLoop.virtualTime(seed));
            orders.add(t);
            assertEquals(new HashSet<>(fifo), new HashSet<>(t));
            List<String> callbacks = new ArrayList<>();
            for (String s : t) {
                if (s.startsWith("cb")) {
                    callbacks.add(s);
                }
            }
            assertEquals(List.of("cbt0", "cbt1", "cbt2", "cbt3", "cbt4", "cbt5", "cbt6", "cbt7"), callbacks);
            // What runs in which pass is unchanged: every first half runs before every second half.
            int lastA = 0;
            int firstB = t.size();
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).endsWith("a")) {
                    lastA = i;
                } else if (t.get(i).endsWith("b")) {
                    firstB = Math.min(firstB, i);
                }
            }
            assertTrue(lastA < firstB, () -> String.valueOf(t));
        }
        assertTrue(orders.size() > 1, "ten seeds should not all give the same order");
        assertTrue(orders.stream().anyMatch(o -> !o.equals(fifo)));
    }

    @Test
    void doneCallbacksOfAPass_arePermutedToo() {
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            EventLoop loop = EventLoop.virtualTime(seed);
            List<String> log = new ArrayList<>();
            Future<String> f = loop.createFuture();
            for (int i = 0; i < 6; i++) {
                String name = "d" + i;
                f.addDoneCallback(x -> log.add(name));
            }
            f.setResult("x");
            loop.stop();
            loop.runForever();
            loop.close();
            assertEquals(6, log.size());
            orders.add(log);
        }
        assertTrue(orders.size() > 1);
    }
}
