package org.asyncio4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.asyncio4j.EventLoop;

/**
 * One run of a sample on a virtual-time loop: what it printed, line by line, and how much loop time passed.
 * The virtual clock jumps to the next timer whenever the loop is idle, so a 3-second sample takes exactly 3.0
 * seconds of loop time and no wall time.
 */
record SampleRun(List<String> lines, double seconds) {

    static SampleRun of(Consumer<EventLoop> sample) {
        EventLoop loop = EventLoop.virtualTime();
        double start = loop.time();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            sample.accept(loop);
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        double seconds = loop.time() - start;
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        return new SampleRun(lines, seconds);
    }
}
