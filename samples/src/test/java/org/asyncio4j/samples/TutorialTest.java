package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

class TutorialTest {

    @Test
    void everySampleNamesItsClass() {
        for (Tutorial.Sample sample : Tutorial.SAMPLES) {
            assertDoesNotThrow(() -> Class.forName("org.asyncio4j.samples." + sample.name()), sample.name());
        }
    }

    @Test
    void runsEverySampleInOrderWithAHeader() {
        List<EventLoop> loops = new ArrayList<>();
        SampleRun run = SampleRun.of(unused -> {
            unused.close();
            Tutorial.runAll(() -> {
                EventLoop loop = EventLoop.virtualTime();
                loops.add(loop);
                return loop;
            });
        });
        assertEquals(Tutorial.SAMPLES.size(), loops.size());

        List<String> headers = run.lines().stream().filter(line -> line.startsWith("== ")).toList();
        assertEquals(Tutorial.SAMPLES.size(), headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String expected = "== " + (i + 1) + "/" + Tutorial.SAMPLES.size() + " " + Tutorial.SAMPLES.get(i).name()
                    + ": ";
            assertTrue(headers.get(i).startsWith(expected), headers.get(i));
        }

        int helloAt = run.lines().indexOf("Hello ...");
        int worldAt = run.lines().indexOf("... World!");
        assertTrue(helloAt > 0 && worldAt == helloAt + 1, "HelloWorld's output under its header");
        assertTrue(run.lines().contains("   (the loop ran 3.0 s)"), "SayAfter's time");
        assertTrue(run.lines().contains("   (the loop ran 2.0 s)"), "SayAfterTasks' time");
    }
}
