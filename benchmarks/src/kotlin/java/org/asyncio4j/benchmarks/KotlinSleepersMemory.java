package org.asyncio4j.benchmarks;

/**
 * W4, memory half, for kotlinx.coroutines: heap bytes per suspended coroutine of {@link KotlinSleepers}, measured
 * exactly as {@link SleepersMemory} measures the other systems (used heap after {@code System.gc()} before any
 * sleeper exists, and again while all of them are in {@code delay}; the difference over {@code n}). A separate
 * class because {@code SleepersMemory} is in the default build, which has no Kotlin. Run in a fresh JVM:
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar org.asyncio4j.benchmarks.KotlinSleepersMemory 1000000
 * </pre>
 * Prints one Markdown row in {@code SleepersMemory}'s format. Built only with {@code -Pkotlin}.
 * Thread safety: run from one thread (its {@code main}).
 */
public final class KotlinSleepersMemory {
    /** As in SleepersMemory: long enough to measure while all are asleep. */
    private static final double SLEEP_SECONDS = 3;

    private KotlinSleepersMemory() {}

    /** Bytes per sleeping coroutine, for {@code n} sleepers of {@code seconds} each. */
    public static double bytesPerCoroutine(int n, double seconds) {
        long before = SleepersMemory.usedHeapAfterGc();
        long[] during = new long[1];
        int woke = KotlinSleepers.run(n, seconds, () -> during[0] = SleepersMemory.usedHeapAfterGc());
        if (woke != n) {
            throw new IllegalStateException("kotlinCoroutines: " + woke + " of " + n + " sleepers woke up");
        }
        return (double) (during[0] - before) / n;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        double bytes = bytesPerCoroutine(n, SLEEP_SECONDS);
        System.out.printf("| SleepersMemory.kotlinCoroutines | n=%d | %.0f | | B/task |%n", n, bytes);
    }
}
