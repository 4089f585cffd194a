package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The runtime's JFR events (issue 17): recorded in a {@link Recording}, dumped to a file and read back with
 * {@link RecordingFile}, as JDK Mission Control would.
 */
class JfrEventsTest {
    private static final String[] EVENTS = {"org.asyncio4j.TaskCreated", "org.asyncio4j.TaskCompleted",
            "org.asyncio4j.SlowStep", "org.asyncio4j.BlockedLoop"};

    private static Coroutine<Object> returning(Object value) {
        return new Coroutine<>() {
            @Override
            protected Object resume(Object v, Throwable error) {
                return value;
            }
        };
    }

    private static Coroutine<Object> failing() {
        return new Coroutine<>() {
            @Override
            protected Object resume(Object v, Throwable error) {
                throw new IllegalStateException("boom");
            }
        };
    }

    @Test
    void tasksSlowStepsAndABlockedLoopAreRecorded() throws Exception {
        Path file = Files.createTempFile("asyncio4j", ".jfr");
        try (Recording recording = new Recording()) {
            for (String name : EVENTS) {
                recording.enable(name).withThreshold(java.time.Duration.ZERO);
            }
            recording.start();
            EventLoop loop = EventLoop.virtualTime();
            loop.setDebug(true);
            loop.setSlowCallbackDuration(0);        // every step is "slow"
            loop.setDebugReporter(c -> { });
            loop.setExceptionHandler((l, c) -> { });
            loop.createTask(returning("fine"), "ok");
            loop.createTask(failing(), "bad").addDoneCallback(Future::exception);
            loop.runUntilComplete(Asyncio.sleep(0));
            loop.close();

            EventLoop blocked = EventLoop.virtualTime();
            CountDownLatch reported = new CountDownLatch(1);
            blocked.setDebugReporter(c -> reported.countDown());
            blocked.startWatchdog(0.05);
            blocked.callSoon(() -> {
                try {
                    reported.await(60, TimeUnit.SECONDS);    // a safety net: released by the watchdog's report
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            blocked.stop();
            blocked.runForever();
            blocked.close();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        assertEquals(List.of("ok", "bad"), strings(events, "org.asyncio4j.TaskCreated", "task").subList(0, 2));
        assertEquals(List.of("ok:result:null", "bad:exception:java.lang.IllegalStateException: boom"),
                of(events, "org.asyncio4j.TaskCompleted").stream()
                        .filter(e -> !e.getString("task").startsWith("Task-"))
                        .map(e -> e.getString("task") + ":" + e.getString("outcome") + ":" + e.getString("exception"))
                        .collect(Collectors.toList()));
        assertTrue(strings(events, "org.asyncio4j.SlowStep", "task").containsAll(List.of("ok", "bad")),
                events::toString);
        List<RecordedEvent> stalls = of(events, "org.asyncio4j.BlockedLoop");
        assertEquals(1, stalls.size(), events::toString);
        assertEquals(Thread.currentThread().getName(), stalls.get(0).getString("thread"));
        assertTrue(stalls.get(0).getLong("blockedFor") >= 50_000_000L);
        assertTrue(stalls.get(0).getString("stack").contains("JfrEventsTest"), stalls.get(0).getString("stack"));
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type))
                .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).collect(Collectors.toList());
    }

    private static List<String> strings(List<RecordedEvent> events, String type, String field) {
        return of(events, type).stream().map(e -> e.getString(field)).collect(Collectors.toList());
    }
}
