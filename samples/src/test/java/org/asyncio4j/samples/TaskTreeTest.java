package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.TaskTree;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the task tree ({@link EventLoop#taskTree()}, asyncio's call graph and {@code pstree}) of
 * {@link Warehouse}: a gather of a task and a task that packs in a TaskGroup, everything sleeping. Taken in-process
 * on virtual time, then from a second JVM through the runtime jar's command ({@code org.asyncio4j.tools.Main}:
 * Attach API + JMX).
 */
class TaskTreeTest {
    private static final String W = "org.asyncio4j.samples.Warehouse.";

    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/org/asyncio4j/samples/Warehouse.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// @line " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }

    private static String expectedTree() throws IOException {
        String deliver = W + "deliver (Warehouse.java:" + line("deliver-sleep") + ")";
        return "└── (T) Task-1 [waiting]\n"
                + "    └── " + W + "serve (Warehouse.java:" + line("serve-gather") + ")\n"
                + "        └── gather\n"
                + "            ├── (T) order-1 [waiting]\n"
                + "            │   └── " + W + "pack (Warehouse.java:" + line("pack-join") + ")\n"
                + "            │       └── TaskGroup\n"
                + "            │           ├── (T) order-1-box [sleeping]\n"
                + "            │           │   └── " + deliver + "\n"
                + "            │           │       └── awaits sleep\n"
                + "            │           └── (T) order-1-label [sleeping]\n"
                + "            │               └── " + deliver + "\n"
                + "            │                   └── awaits sleep\n"
                + "            └── (T) letter [sleeping]\n"
                + "                └── " + deliver + "\n"
                + "                    └── awaits sleep\n";
    }

    @Test
    void theTreeNestsTasksByWhoAwaitsWhomWithTheUsersLines() throws IOException {
        EventLoop loop = EventLoop.virtualTime();
        TaskTree[] tree = new TaskTree[1];
        Warehouse.start(loop, () -> {
            tree[0] = loop.taskTree();
            loop.stop();
        });
        loop.runForever();
        loop.setExceptionHandler((l, context) -> { });     // the sleepers are still pending: closing reports them
        loop.close();
        assertEquals(expectedTree(), tree[0].format());
        assertEquals(TaskTree.Node.Kind.TASK, tree[0].roots().get(0).kind());
        String serve = W + "serve (Warehouse.java:" + line("serve-gather") + ")";
        String pack = W + "pack (Warehouse.java:" + line("pack-join") + ")";
        String deliver = W + "deliver (Warehouse.java:" + line("deliver-sleep") + ")";
        assertEquals(List.of(
                        List.of("task name", "state", "suspended at", "awaits", "awaited by"),
                        List.of("Task-1", "waiting", serve, "gather"),
                        List.of("order-1", "waiting", pack, "TaskGroup", "Task-1"),
                        List.of("letter", "sleeping", deliver, "sleep", "Task-1"),
                        List.of("order-1-box", "sleeping", deliver, "sleep", "order-1"),
                        List.of("order-1-label", "sleeping", deliver, "sleep", "order-1")),
                columns(tree[0].formatTable()), tree[0].formatTable());
    }

    @Test
    void aTaskAwaitingATaskHasItUnderItsAwait() throws IOException {
        EventLoop loop = EventLoop.virtualTime();
        String[] tree = new String[1];
        loop.callLater(0.005, () -> tree[0] = loop.taskTree().format());     // Shop.price sleeps until 0.01
        assertEquals(7, loop.runUntilComplete(ShopAsync.shop(List.of("apple", "pear"), true)));
        loop.close();
        String shop = "org.asyncio4j.samples.Shop.";
        assertEquals("└── (T) Task-1 [waiting]\n"
                + "    └── " + shop + "shop (Shop.java:" + shopLine("shop-await") + ")\n"
                + "        └── (T) checkout [sleeping]\n"
                + "            └── " + shop + "checkout (Shop.java:" + shopLine("checkout-await") + ")\n"
                + "                └── " + shop + "total (Shop.java:" + shopLine("total-await") + ")\n"
                + "                    └── " + shop + "price (Shop.java:" + shopLine("price-sleep") + ")\n"
                + "                        └── awaits sleep\n", tree[0]);
    }

    private static int shopLine(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/org/asyncio4j/samples/Shop.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// @line " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }

    @Test
    void pstreeOfAnotherJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Warehouse.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            String pid = Long.toString(child.pid());
            assertEquals("event loop on thread \"main\":\n" + expectedTree(), command("pstree", pid));
            String ps = command("ps", pid);
            assertTrue(columns(ps).contains(List.of("letter", "sleeping",
                    W + "deliver (Warehouse.java:" + line("deliver-sleep") + ")", "sleep", "Task-1")), ps);
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The table's lines split into columns (separated by two spaces or more). */
    private static List<List<String>> columns(String table) {
        return table.lines().map(l -> List.of(l.strip().split("\\s{2,}"))).toList();
    }

    /** Runs the runtime jar's Main-Class in this JVM, as {@code java -jar asyncio4j-runtime.jar OP PID} would. */
    private static String command(String op, String pid) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Class<?> main = Class.forName("org.asyncio4j.tools.Main");
        java.lang.reflect.Method run = main.getDeclaredMethod("run", String[].class, PrintStream.class,
                PrintStream.class);
        run.setAccessible(true);
        int status = (int) run.invoke(null, new String[] {op, pid}, new PrintStream(out, true, "UTF-8"),
                new PrintStream(err, true, "UTF-8"));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
