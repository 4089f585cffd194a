package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * With {@code jdk.jfr} present but no recording, tasks never touch the runtime's JFR event classes (loading them
 * cost W2's hop path ~25%, benchmarks/results/speed-14); once a recording exists, they do. Run in a child JVM that
 * logs class loading, since this JVM's other tests start recordings.
 */
class JfrRecorderGuardTest {
    private static final String MARK = "-- recording started --";

    @Test
    void eventClassesLoadOnlyOnceARecordingExists() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xlog:class+load=info:stdout", "-Dasyncio4j.jmx=false",
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        int mark = lines.indexOf(MARK);
        assertTrue(mark > 0, out);
        assertTrue(lines.subList(0, mark).stream().anyMatch(l -> l.contains("org.asyncio4j.Task ")),
                "the child ran tasks before the recording");
        assertEquals(List.of(), lines.subList(0, mark).stream().filter(l -> l.contains("org.asyncio4j.JfrEvents"))
                .toList(), "event classes loaded with no recording");
        assertTrue(lines.subList(mark, lines.size()).stream()
                .anyMatch(l -> l.contains("org.asyncio4j.JfrEvents$TaskCreated")), out);
    }

    /** Runs tasks, starts a recording, runs one more task. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            runTasks();
            try (Recording recording = new Recording()) {
                recording.start();
                System.out.println(MARK);
                System.out.flush();
                runTasks();
                recording.stop();
            }
        }

        private static void runTasks() {
            EventLoop loop = new EventLoop();
            for (int i = 0; i < 3; i++) {
                loop.runUntilComplete(loop.createTask(new Coroutine<Object>() {
                    @Override
                    protected Object resume(Object v, Throwable error) {
                        return "done";
                    }
                }));
            }
            loop.close();
        }
    }
}
