package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: an exception leaving {@code @Async} code names the user's methods, file and lines, frame by frame, and
 * carries the await chain (see {@code AsyncTraces} in the runtime). {@link Shop} fails three awaits deep.
 *
 * <p>Lines: a frame whose class file already names {@code Shop.java} (the processor maps generated lines to the
 * user's) keeps its exact line; otherwise the runtime knows only the line of the state a frame resumed at, and no
 * line for a frame-less call. The expectations below follow what the compiled {@code ShopAsync} classes say.
 */
class StackTraceTest {
    private static final String SHOP = "org.asyncio4j.samples.Shop";

    /** Whether the generated classes carry the user's file in their SourceFile (then every line is exact). */
    private static boolean exactLines() throws IOException {
        try (InputStream in = Shop.class.getResourceAsStream("ShopAsync$PriceCoroutine.class")) {
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return !bytes.contains("ShopAsync.java");
        }
    }

    /** The line of the {@code // @line NAME} marker in Shop.java. */
    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/org/asyncio4j/samples/Shop.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// @line " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }

    private static String at(String method, int line) {
        return SHOP + "." + method + "(Shop.java" + (line > 0 ? ":" + line : "") + ")";
    }

    private static List<String> failure(boolean slow) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shop.run(EventLoop.virtualTime(), List.of("apple", "unicorn"), slow));
        assertEquals("no such item: unicorn", e.getMessage());
        List<String> frames = new ArrayList<>();
        for (StackTraceElement element : e.getStackTrace()) {
            frames.add(element.toString());
        }
        return frames;
    }

    @Test
    void aCoroutineResumedByTheLoopFailsWithItsAwaitChain() throws IOException {
        List<String> frames = failure(true);
        boolean exact = exactLines();
        assertEquals(List.of(
                        at("lookup", line("lookup-throw")),
                        at("price", exact ? line("price-lookup") : line("price-sleep")),
                        at("total", line("total-await")),
                        at("checkout", line("checkout-await")),
                        "asyncio4j.awaitedBy(task Task-1)",
                        at("shop", line("shop-await"))),
                frames.subList(0, 6), String.join("\n", frames));
        assertNoLoopFrames(frames);
    }

    @Test
    void aChainOfFramelessCallsFailsInOneStep() throws IOException {
        List<String> frames = failure(false);
        boolean exact = exactLines();
        assertEquals(List.of(
                        at("lookup", line("lookup-throw")),
                        at("price", exact ? line("price-lookup") : -1),
                        at("total", exact ? line("total-await") : -1),
                        at("checkout", line("checkout-await")),
                        "asyncio4j.awaitedBy(task Task-1)",
                        at("shop", line("shop-await"))),
                frames.subList(0, 6), String.join("\n", frames));
        assertNoLoopFrames(frames);
    }

    /** Below the user's frames come their Java caller's ({@code Shop.run}): no runtime or generated frame. */
    private static void assertNoLoopFrames(List<String> frames) throws IOException {
        assertEquals(at("run", line("run")), frames.get(6), String.join("\n", frames));
        for (String f : frames) {
            assertFalse(f.contains("org.asyncio4j.EventLoop") || f.contains("org.asyncio4j.Task.")
                    || f.contains("ShopAsync") || f.contains("AsyncStateMachine"), f);
        }
    }
}
