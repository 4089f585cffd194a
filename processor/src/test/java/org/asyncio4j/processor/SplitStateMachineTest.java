package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * State machines too large for one method are split across methods ({@code SplitStepWriter}): methods that javac
 * rejects with "code too large" when written as one {@code stepBody} compile, run exactly as their plain twins
 * ({@link TwinRunner}), and every generated method stays under the JVM's 64 KB, each part under HotSpot's 8,000-byte
 * JIT limit. Forcing the split on ordinary fuzzed methods ({@code -Aasyncio4j.splitAbove=0}), down to one state per
 * method, checks that jumps, loops, switches, try/catch/finally and frame-less calls keep their meaning when they
 * cross from one part to another.
 */
class SplitStateMachineTest {
    private static final long SEED = 20261207L;
    /** The differential fuzzer's seed in the suite: all its methods agree with their twins unsplit. */
    private static final long FUZZ_SEED = 20261123L;
    /** One method per state: every jump, fall-through and exception crosses parts. */
    private static final String[] EVERY_STATE_APART = {"-Aasyncio4j.splitAbove=0", "-Aasyncio4j.splitPartSize=1"};
    /** What the processor did before it could split: one {@code stepBody}, whatever its size. */
    private static final String[] NEVER_SPLIT = {"-Aasyncio4j.splitAbove=" + Integer.MAX_VALUE};

    @Test
    void everyStateInAMethodOfItsOwn_fuzzedMethodsBehaveLikeTheirTwins() {
        assertAllSame(fuzzed(FUZZ_SEED, 60), EVERY_STATE_APART);
    }

    @Test
    void partsOfAFewStates_fuzzedMethodsBehaveLikeTheirTwins() {
        assertAllSame(fuzzed(FUZZ_SEED + 100, 50), "-Aasyncio4j.splitAbove=0", "-Aasyncio4j.splitPartSize=200");
    }

    @Test
    void longFuzzedMethods_everyStateApart_behaveLikeTheirTwins() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(ProgramGenerator.longBody(SEED + i, FuzzFeature.CI_DEFAULT, 10, 12));
        }
        assertAllSame(bodies, EVERY_STATE_APART);
    }

    @Test
    void longFuzzedMethod_tooLargeForOneMethod_runsInParts() {
        String body = ProgramGenerator.longBody(SEED, FuzzFeature.CI_DEFAULT, 80, 40);
        assertCodeTooLargeUnsplit(body);
        assertRunsInParts(body, 0);
    }

    @Test
    void ordinaryLongMethod_tooLargeForOneMethod_runsInParts() {
        String body = GeneratedSizeTest.ordinaryLongBody(SEED, 1600, 100);
        assertCodeTooLargeUnsplit(body);
        assertRunsInParts(body, 0);
    }

    @Test
    void templateNear64KB_runsInParts() {
        String body = GeneratedSizeTest.ordinaryLongBody(SEED + 1, 2750, 100);
        assertRunsInParts(body, 50_000);
    }

    private static List<String> fuzzed(long seed, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(ProgramGenerator.body(seed + i, FuzzFeature.CI_DEFAULT));
        }
        return bodies;
    }

    private static void assertAllSame(List<String> bodies, String... options) {
        try (TwinRunner runner = new TwinRunner().withOptions(options)) {
            for (int start = 0; start < bodies.size(); start += 50) {
                List<String> batch = bodies.subList(start, Math.min(bodies.size(), start + 50));
                List<TwinRunner.Verdict> verdicts = runner.check(batch);
                for (int i = 0; i < batch.size(); i++) {
                    TwinRunner.Verdict verdict = verdicts.get(i);
                    if (verdict.kind != TwinRunner.Verdict.Kind.SAME) {
                        fail("body " + (start + i) + " with " + String.join(" ", options) + ": " + verdict + "\n"
                                + batch.get(i));
                    }
                }
            }
            // the split really happened (a method that never awaits has one state, nothing to split)
            long split = runner.machineMethods.stream()
                    .filter(methods -> methods.keySet().stream().anyMatch(m -> m.startsWith("stepPart"))).count();
            assertTrue(split >= bodies.size() * 3 / 4, split + " of " + bodies.size() + " state machines split");
        }
    }

    /** Written as one {@code stepBody}, the state machine of {@code body} is too large for javac. */
    private static void assertCodeTooLargeUnsplit(String body) {
        TwinRunner.Source source = new TwinRunner.Source("fuzz", FuzzWorld.ASYNC_HELPERS, true, List.of(body),
                List.of(0));
        Compilation compilation = Harness.compileWith(List.of(NEVER_SPLIT), source.text);
        String errors = compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(java.util.Locale.ROOT)).collect(Collectors.joining("\n"));
        assertTrue(errors.contains("code too large"), () -> "expected javac's \"code too large\", got: " + errors);
    }

    /**
     * {@code body} compiles with the default options, runs as its plain twin, its template has at least
     * {@code minTemplate} bytes of bytecode, and each method of its state machine is under the JIT limit.
     */
    private static void assertRunsInParts(String body, int minTemplate) {
        try (TwinRunner runner = new TwinRunner()) {
            TwinRunner.Verdict verdict = runner.check(List.of(body)).get(0);
            assertEquals(TwinRunner.Verdict.Kind.SAME, verdict.kind, verdict.detail);
            GeneratedSize size = runner.sizes.get(0);
            Map<String, Integer> methods = runner.machineMethods.get(0);
            long parts = methods.keySet().stream().filter(m -> m.startsWith("stepPart")).count();
            int total = methods.entrySet().stream().filter(e -> e.getKey().startsWith("step"))
                    .mapToInt(Map.Entry::getValue).sum();
            int largest = methods.entrySet().stream().filter(e -> e.getKey().startsWith("step"))
                    .mapToInt(Map.Entry::getValue).max().orElse(0);
            String report = String.format(java.util.Locale.ROOT, "%d lines, template %,d B: %d parts, %,d B in all "
                    + "(%.2fx), largest method %,d B", body.split("\n").length, size.template, parts, total,
                    (double) total / size.template, largest);
            System.out.println("split: " + report);
            assertTrue(parts >= 2, report);
            assertTrue(size.template >= minTemplate, report);
            assertTrue(largest < GeneratedSize.JIT_LIMIT, () -> report + "\n" + methods);
        }
    }
}
