package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog reports a blocked loop while it is blocked. Each callback blocks until the watchdog's report has
 * arrived (the latch timeout is only a safety net), so nothing depends on timing.
 */
class WatchdogTest {
    private static final long SAFETY_NET_SECONDS = 60;

    @Test
    void blockedCallback_isReportedWhileBlocked_withTheLoopThreadsStack_oncePerStall() throws Exception {
        EventLoop loop = EventLoop.virtualTime();
        List<Map<String, Object>> reports = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch[] arrived = {new CountDownLatch(1), new CountDownLatch(1)};
        loop.setDebugReporter(c -> {
            reports.add(c);
            int n = reports.size();
            if (n <= 2) {
                arrived[n - 1].countDown();
            }
        });
        loop.startWatchdog(0.05);
        boolean[] released = new boolean[2];
        loop.callSoon(() -> released[0] = blockUntil(arrived[0]));
        loop.callSoon(() -> released[1] = blockUntil(arrived[1]));
        loop.stop();
        loop.runForever();
        loop.close();
        assertTrue(released[0] && released[1], "each stall was reported while it lasted");
        assertEquals(2, reports.size(), "one report per stall");
        Map<String, Object> r = reports.get(0);
        assertEquals(Thread.currentThread().getName(), r.get("thread"));
        StackTraceElement[] stack = (StackTraceElement[]) r.get("stack");
        assertTrue(Arrays.stream(stack).anyMatch(e -> e.getMethodName().equals("blockUntil")),
                () -> Arrays.toString(stack));
        assertTrue((Double) r.get("blockedFor") >= 0.05);
        assertTrue(String.valueOf(r.get("message")).startsWith("Event loop blocked"));
    }

    @Test
    void theReportOfABlockedLoopCarriesTheTaskTree() throws Exception {
        EventLoop loop = EventLoop.virtualTime();
        List<Map<String, Object>> reports = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch arrived = new CountDownLatch(1);
        loop.setDebugReporter(c -> {
            reports.add(c);
            arrived.countDown();
        });
        loop.startWatchdog(0.05);
        loop.createTask(Asyncio.sleep(3600), "sleeper");
        loop.createTask(new Coroutine<Void>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                blockUntil(arrived);
                return null;
            }
        }, "blocker");
        loop.callLater(1, loop::stop);
        loop.runForever();
        loop.setExceptionHandler((l, c) -> { });    // the sleeper is still pending: closing reports it
        loop.close();
        assertEquals("\n└── (T) sleeper [sleeping]\n    └── awaits sleep\n└── (T) blocker [running]\n",
                reports.get(0).get("tasks"));
    }

    private static boolean blockUntil(CountDownLatch latch) {
        try {
            return latch.await(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
