package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the whole pipeline: random {@code @Async} methods ({@link ProgramGenerator}) run as
 * coroutines on the event loop must do exactly what the same code does when {@code await} returns its argument:
 * same trace of side effects, same result, same exception ({@link TwinRunner}).
 *
 * <p>A fixed-seed batch with {@link FuzzFeature#CI_DEFAULT} runs with the suite. Any count, seed and feature set run
 * on demand: {@code mvn -B -pl runtime,processor test -Dtest=DifferentialFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.count=10000 -Dfuzz.seed=42 -Dfuzz.features=default,TRY_CATCH}.
 * {@code -Dfuzz.options="-Aasyncio4j.splitAbove=0 -Aasyncio4j.splitPartSize=1"} passes javac options to the
 * coroutines' compilation (here: every state machine split, one state per method). A failure is shrunk by
 * {@link Minimizer} and printed with its seed and the command that replays it. When features were requested
 * explicitly and the processor rejects them as not supported yet, the test says which ones.
 */
class DifferentialFuzzTest {
    private static final int BATCH = 50;
    /** Diagnostics by which the processor says "not in this version": expected while the lowering grows. */
    private static final Set<String> NOT_SUPPORTED = Set.of("REJECTED AwaitStatementNotSupported",
            "REJECTED AwaitPositionNotSupported", "REJECTED UnsupportedConstruct");

    @Test
    void fixedSeedBatch_coroutinesBehaveLikeTheSameCodeRunDirectly() {
        // 250 programs with the features from REFERENCE_TYPES on cost the CPU time 300 did without them (~60 s).
        int count = Integer.getInteger("fuzz.count", 250);
        long seed = Long.getLong("fuzz.seed", 20261123L);
        String requested = System.getProperty("fuzz.features");
        Set<FuzzFeature> features = requested == null ? FuzzFeature.CI_DEFAULT : FuzzFeature.parse(requested);
        String options = System.getProperty("fuzz.options", "").trim();
        String[] javacOptions = options.isEmpty() ? new String[0] : options.split("\\s+");
        try (TwinRunner runner = new TwinRunner().withOptions(javacOptions)) {
            run(runner, count, seed, requested, features);
        }
    }

    /** {@code -Dfuzz.keepGoing=true}: run every method and list every failure with its replay command, unshrunk. */
    private static final boolean KEEP_GOING = Boolean.getBoolean("fuzz.keepGoing");

    /**
     * Long methods (issue #14): one in {@code fuzz.longEvery} (default 50; 0 turns them off) methods of a run is a
     * long one ({@link ProgramGenerator#longBody}) of {@link #LONG_MIN} to {@code fuzz.longMax} (default
     * {@value #LONG_MAX}) top-level statements (about 4-12 lines each, at most {@code fuzz.longLines} lines in all)
     * and 5 to 60 int locals. The
     * other seeds give the programs they always gave.
     */
    private static final int LONG_EVERY = Integer.getInteger("fuzz.longEvery", 50);
    private static final int LONG_MIN = 20;
    private static final int LONG_MAX = Integer.getInteger("fuzz.longMax", 60);
    /**
     * At most this many lines (default 1,000) in a long method, whatever {@code fuzz.longMax} asks: statements vary
     * from one line to dozens, and 150 of them made 1,100-1,950 lines whose templates passed the JVM's 64 KB (javac:
     * "code too large for try statement", seeds 4280 and 4490). 1,000 lines are templates of about 40-52 KB.
     */
    private static final int LONG_LINES = Integer.getInteger("fuzz.longLines", 1000);

    /** The program for {@code seed}: an ordinary random method, or a long one for one seed in {@link #LONG_EVERY}. */
    static String program(long seed, Set<FuzzFeature> features) {
        if (LONG_EVERY > 0 && Math.floorMod(Long.hashCode(seed * 0x9E3779B97F4A7C15L), LONG_EVERY) == 0) {
            java.util.Random sizes = new java.util.Random(seed);
            int statements = LONG_MIN + sizes.nextInt(Math.max(1, LONG_MAX - LONG_MIN + 1));
            return ProgramGenerator.longBody(seed, features, statements, 5 + sizes.nextInt(56), LONG_LINES);
        }
        return ProgramGenerator.body(seed, features);
    }

    private static void run(TwinRunner runner, int count, long seed, String requested, Set<FuzzFeature> features) {
        long started = System.nanoTime();
        long cpu = processCpuNanos();
        List<String> failures = new ArrayList<>();
        for (int start = 0; start < count; start += BATCH) {
            List<String> bodies = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + BATCH); i++) {
                bodies.add(program(seed + i, features));
            }
            List<TwinRunner.Verdict> verdicts = runner.check(bodies);
            TwinRunner.Verdict unsupported = null;
            for (int i = 0; i < bodies.size(); i++) {
                TwinRunner.Verdict verdict = verdicts.get(i);
                if (verdict.kind == TwinRunner.Verdict.Kind.SAME) {
                    continue;
                }
                // A requested feature the processor rejects is expected; any other failure in the batch comes first.
                if (requested != null && NOT_SUPPORTED.contains(verdict.key())) {
                    unsupported = unsupported == null ? verdict : unsupported;
                    continue;
                }
                if (KEEP_GOING) {
                    String detail = String.valueOf(verdict.detail);
                    failures.add(verdict.key() + " seed " + (seed + start + i) + ": "
                            + detail.substring(0, Math.min(detail.length(), 400)).replace('\n', ' ') + "\n  replay: "
                            + replay(seed + start + i, features));
                    continue;
                }
                fail(reproducer(runner, seed + start + i, features, bodies.get(i), verdict));
            }
            if (unsupported != null) {
                fail(notSupported(runner, seed, features, unsupported));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " methods failed (fuzz.keepGoing: not minimized):\n"
                    + String.join("\n", failures));
        }
        System.out.printf("fuzz: %d methods from seed %d with %s: all agree (%.1f s, %.1f s of CPU)%n", count, seed,
                features, (System.nanoTime() - started) / 1e9, (processCpuNanos() - cpu) / 1e9);
        System.out.println("fuzz: " + GeneratedSize.summary(runner.sizes));
    }

    /** CPU time of this JVM: what the batch costs, whatever else the machine is doing. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Shrinks the failing body and describes the failure with everything needed to replay it. */
    private static String reproducer(TwinRunner runner, long seed, Set<FuzzFeature> features, String body,
            TwinRunner.Verdict verdict) {
        String key = verdict.key();
        String minimal = Minimizer.minimize(body, candidates -> runner.check(candidates).stream()
                .map(v -> v.key().equals(key)).collect(Collectors.toList()));
        TwinRunner.Verdict minimalVerdict = runner.check(List.of(minimal)).get(0);
        return "fuzz failure (" + key + ") for seed " + seed + " with features " + features + ".\n"
                + "Minimal reproducer, the body of `@Async static int m(List<String> trace, List<Runnable> deferred)`"
                + " in class P (not static if it names `this` or a `my...` member; helpers in FuzzWorld):\n" + minimal
                + "which gives " + minimalVerdict + "\n\nOriginal program:\n" + body + "which gave " + verdict
                + "\n\nreplay just this one: " + replay(seed, features);
    }

    private static String replay(long seed, Set<FuzzFeature> features) {
        return "mvn -B -pl runtime,processor test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dfuzz.count=1 -Dfuzz.seed=" + seed + " -Dfuzz.longEvery=" + LONG_EVERY + " -Dfuzz.longMax=" + LONG_MAX + " -Dfuzz.longLines=" + LONG_LINES
                + FuzzGenerators.replayOption()
                + " -Dfuzz.features="
                + (features.isEmpty() ? "," : features.stream().map(Enum::name).collect(Collectors.joining(",")));
    }

    /** Tries each requested feature alone to tell which ones the processor does not support yet. */
    private static String notSupported(TwinRunner runner, long seed, Set<FuzzFeature> features,
            TwinRunner.Verdict first) {
        StringBuilder report = new StringBuilder("feature not supported by the processor yet. First rejection: "
                + first.detail + "\nEach requested feature alone, with what it needs (20 programs each):\n");
        Set<FuzzFeature> supported = EnumSet.noneOf(FuzzFeature.class);
        for (FuzzFeature feature : features) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                bodies.add(ProgramGenerator.body(seed + i, feature.withPrerequisites()));
            }
            String rejection = runner.check(bodies).stream().filter(v -> v.kind != TwinRunner.Verdict.Kind.SAME)
                    .map(TwinRunner.Verdict::toString).findFirst().orElse(null);
            if (rejection == null) {
                supported.add(feature);
            }
            report.append("  ").append(feature).append(": ").append(rejection == null ? "passes" : rejection)
                    .append('\n');
        }
        return report.append("Supported now: -Dfuzz.features=").append(supported.stream().map(Enum::name)
                .collect(Collectors.joining(","))).toString();
    }
}
