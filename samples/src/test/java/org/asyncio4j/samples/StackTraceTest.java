package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
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

    private static Boolean exact;

    /**
     * Whether the generated classes' line tables name the user's file (then every line is exact): read from the
     * raw trace, {@code -Dasyncio4j.stackTraces=off}, of a JVM of its own.
     */
    private static boolean exactLines() throws Exception {
        if (exact == null) {
            String stepBody = uncaught("off").stream().filter(l -> l.contains("ShopAsync$PriceCoroutine.stepBody("))
                    .findFirst().orElseThrow();
            exact = stepBody.contains("(Shop.java:");
        }
        return exact;
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
    void aCoroutineResumedByTheLoopFailsWithItsAwaitChain() throws Exception {
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
    void aChainOfFramelessCallsFailsInOneStep() throws Exception {
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

    @Test
    void aNestedOwnerIsNamedAsItsClass() throws IOException {
        EventLoop loop = EventLoop.virtualTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(Shop_TillAsync.open("unicorn")));
        loop.close();
        assertEquals(List.of(at("lookup", line("lookup-throw")),
                        SHOP + "$Till.open(Shop.java:" + line("till-open") + ")"),
                Arrays.stream(e.getStackTrace()).limit(2).map(StackTraceElement::toString).toList());
    }

    @Test
    void aSuspendedTasksStackIsItsAwaitChain() throws IOException {
        EventLoop loop = EventLoop.virtualTime();
        Task<Integer> task = loop.createTask(ShopAsync.checkout(List.of("apple"), true), "checkout");
        List<String> stack = new ArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        loop.callLater(0.005, () -> {      // price sleeps until 0.01
            task.getStack().forEach(e -> stack.add(e.toString()));
            task.printStack(new PrintStream(printed, true, StandardCharsets.UTF_8));
        });
        assertEquals(3, loop.runUntilComplete(task));
        loop.close();
        List<String> expected = List.of(at("price", line("price-sleep")), at("total", line("total-await")),
                at("checkout", line("checkout-await")));
        assertEquals(expected, stack);
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("Stack for Task[name=checkout pending")
                && lines.get(0).endsWith("(most recent call first):"), lines.get(0));
        assertEquals(expected.stream().map(f -> "\tat " + f).toList(), lines.subList(1, lines.size()));
        assertEquals(List.of(), task.getStack(), "a task that returned has no stack");
    }

    /** {@code -Dasyncio4j.stackTraces=full} keeps the loop's frames; {@code off} leaves the trace as thrown. */
    @Test
    void theSwitchKeepsTheLoopsFramesOrTheRawTrace() throws Exception {
        List<String> full = uncaught("full");
        int price = full.indexOf("\tat " + at("price", exactLines() ? line("price-lookup") : line("price-sleep")));
        int resume = indexOfContaining(full, "org.asyncio4j.internal.AsyncStateMachine.resume(");
        int total = full.indexOf("\tat " + at("total", line("total-await")));
        int runFrames = indexOfContaining(full, "org.asyncio4j.Task.runFrames(");
        assertTrue(0 < price && price < resume && resume < total && total < runFrames, String.join("\n", full));
        assertTrue(indexOfContaining(full, "ShopAsync$PriceCoroutine.step(") > 0, String.join("\n", full));

        List<String> off = uncaught("off");
        assertTrue(indexOfContaining(off, "ShopAsync$PriceCoroutine.stepBody(") > 0, String.join("\n", off));
        assertEquals(-1, indexOfContaining(off, ".Shop.total("), String.join("\n", off));
    }

    private static int indexOfContaining(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** The uncaught exception {@code Shop.main} prints in a JVM of its own with {@code -Dasyncio4j.stackTraces=mode}. */
    private static List<String> uncaught(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dasyncio4j.stackTraces=" + mode, "-Dasyncio4j.jmx=false",
                "-cp", System.getProperty("java.class.path"), Shop.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = out.lines().toList();
        assertEquals("Exception in thread \"main\" java.lang.IllegalArgumentException: no such item: unicorn",
                lines.get(0), out);
        return lines;
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
