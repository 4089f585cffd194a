package org.asyncio4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * W4, memory half: heap bytes per suspended task, for {@code n} sleepers of each system.
 *
 * <p>Used heap is read after {@code System.gc()} before any sleeper exists, and again while all of them are asleep
 * (from a callback that runs once every sleeper has suspended); the difference divided by {@code n} is printed as
 * bytes per task. The count includes everything the system keeps per sleeping task (frames, task object, timer
 * entry, queue slots), and the loop's queues at their peak size. Run each system in a fresh JVM with a large heap:
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar org.asyncio4j.benchmarks.SleepersMemory 1000000 asyncio4j
 * </pre>
 * Arguments: {@code n} (default 1,000,000), then systems ({@code asyncio4j}, {@code completableFuture},
 * {@code virtualThreads}; default all available). Prints one Markdown table row per system.
 */
public final class SleepersMemory {
    /** Long enough to measure while all are asleep; the wall time is W4's JMH half. */
    private static final double SLEEP_SECONDS = 3;

    private SleepersMemory() {}

    /** Used heap after full collections. */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Bytes per sleeping task of {@code system}, for {@code n} sleepers of {@code seconds} each. */
    public static double bytesPerTask(String system, int n, double seconds) throws InterruptedException {
        long before = usedHeapAfterGc();
        long[] during = new long[1];
        Runnable measure = () -> during[0] = usedHeapAfterGc();
        int woke;
        switch (system) {
            case "asyncio4j":
                woke = Sleepers.asyncio4j(n, seconds, measure);
                break;
            case "virtualThreads":
                woke = Sleepers.virtualThreads(n, seconds, measure);
                break;
            case "completableFuture": {
                ExecutorService executor = Executors.newSingleThreadExecutor();
                try {
                    woke = Sleepers.completableFuture(n, seconds, executor, measure);
                } finally {
                    executor.shutdown();
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown system " + system);
        }
        if (woke != n) {
            throw new IllegalStateException(system + ": " + woke + " of " + n + " sleepers woke up");
        }
        return (double) (during[0] - before) / n;
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        List<String> systems = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            systems.add(args[i]);
        }
        if (systems.isEmpty()) {
            systems.add("asyncio4j");
            systems.add("completableFuture");
            if (VirtualThreads.AVAILABLE) {
                systems.add("virtualThreads");
            }
        }
        for (String system : systems) {
            if (system.equals("virtualThreads") && !VirtualThreads.AVAILABLE) {
                System.out.printf("| SleepersMemory.%s | n=%d | skipped: needs JDK 21+ | | B/task |%n", system, n);
                continue;
            }
            double bytes = bytesPerTask(system, n, SLEEP_SECONDS);
            System.out.printf("| SleepersMemory.%s | n=%d | %.0f | | B/task |%n", system, n, bytes);
        }
    }
}
