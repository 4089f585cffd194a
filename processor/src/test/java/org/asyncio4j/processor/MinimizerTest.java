package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's {@link Minimizer}: on text with an oracle that needs a few lines, and end to end against a reference
 * that is wrong on purpose, where it must shrink a real mismatch to a minimal program that still shows it.
 */
class MinimizerTest {
    private static final String NESTED = String.join("\n",
            "        int v0 = 1;",
            "        for (int i1 = 0; i1 < 2; i1++) {",
            "            try {",
            "                if (v0 > 0) {",
            "                    trace.add(\"x\");",
            "                } else {",
            "                    trace.add(\"y\");",
            "                }",
            "            } catch (IllegalStateException x2) {",
            "                trace.add(\"c\");",
            "            } finally {",
            "                trace.add(\"f\");",
            "            }",
            "        }",
            "        return 0;",
            "");

    @Test
    void nestedLine_isLiftedOutOfEveryEnclosingStatement() {
        String minimal = Minimizer.minimize(NESTED, oracle(body -> body.contains("trace.add(\"x\");\n")
                && body.contains("return 0;")));

        assertEquals("        trace.add(\"x\");\n        return 0;\n", minimal);
    }

    @Test
    void clauses_areDroppedWhileTheStatementIsKept_usedLocalsAndTheReturnStay() {
        String minimal = Minimizer.minimize(NESTED, oracle(body -> body.contains("} else {")
                && body.contains("trace.add(\"y\");") && body.contains("finally")));

        assertEquals(String.join("\n",
                "        int v0 = 1;",
                "        try {",
                "            if (v0 > 0) {",
                "            } else {",
                "                trace.add(\"y\");",
                "            }",
                "        } finally {",
                "        }",
                "        return 0;",
                ""), minimal);
    }

    @Test
    void brokenReference_realMismatchShrinksToAMinimalProgramThatStillShowsIt() {
        String wrong = FuzzWorld.PLAIN_HELPERS.replace("static int yieldThen(int x) { return x; }",
                "static int yieldThen(int x) { return x + 1; }");
        assertNotEquals(FuzzWorld.PLAIN_HELPERS, wrong);
        try (TwinRunner broken = new TwinRunner(wrong); TwinRunner right = new TwinRunner()) {
            String original = shortestMismatch(broken);

            String minimal = Minimizer.minimize(original, candidates -> broken.check(candidates).stream()
                    .map(v -> v.kind == TwinRunner.Verdict.Kind.MISMATCH).collect(Collectors.toList()));

            assertEquals(TwinRunner.Verdict.Kind.MISMATCH, broken.check(List.of(minimal)).get(0).kind, minimal);
            assertEquals(TwinRunner.Verdict.Kind.SAME, right.check(List.of(minimal)).get(0).kind, minimal);
            assertTrue(minimal.contains("yieldThen("), minimal);
            assertTrue(lines(minimal) < lines(original), () -> "not smaller:\n" + minimal + "than:\n" + original);
            assertOneMinimal(broken, minimal);
        }
    }

    /** No single edit of {@code minimal} still mismatches. */
    private static void assertOneMinimal(TwinRunner broken, String minimal) {
        List<String> lines = List.of(minimal.split("\n"));
        List<String> smaller = Minimizer.edits(lines).stream()
                .map(edit -> String.join("\n", Minimizer.apply(lines, List.of(edit))) + "\n")
                .collect(Collectors.toList());
        List<TwinRunner.Verdict> verdicts = broken.check(smaller);
        for (int i = 0; i < smaller.size(); i++) {
            assertNotEquals(TwinRunner.Verdict.Kind.MISMATCH, verdicts.get(i).kind,
                    "not minimal: this smaller program still mismatches:\n" + smaller.get(i));
        }
    }

    /** The shortest of the first base-grammar programs on which the wrong reference disagrees. */
    private static String shortestMismatch(TwinRunner broken) {
        List<String> bodies = new ArrayList<>();
        for (int seed = 0; seed < 12; seed++) {
            bodies.add(ProgramGenerator.body(seed, EnumSet.noneOf(FuzzFeature.class)));
        }
        List<TwinRunner.Verdict> verdicts = broken.check(bodies);
        List<String> mismatching = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            if (verdicts.get(i).kind == TwinRunner.Verdict.Kind.MISMATCH) {
                mismatching.add(bodies.get(i));
            }
        }
        String shortest = mismatching.stream().min(Comparator.comparingInt(MinimizerTest::lines)).orElse(null);
        assertNotNull(shortest, "the wrong reference went unnoticed in 12 programs: " + verdicts);
        return shortest;
    }

    private static int lines(String body) {
        return body.split("\n").length;
    }

    private static Minimizer.Oracle oracle(Predicate<String> fails) {
        return candidates -> candidates.stream().map(fails::test).collect(Collectors.toList());
    }
}
