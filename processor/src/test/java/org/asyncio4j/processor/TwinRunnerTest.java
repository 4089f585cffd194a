package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzzer's two-way runner on hand-written bodies whose outcome is known. */
class TwinRunnerTest {
    @Test
    void checkedFailureCaughtAndAssertion_sameExactOutcomeInBothTwins() {
        String body = String.join("\n",
                "        int v0 = 2;",
                "        try {",
                "            await(checkedBoom(3), IOException.class);",
                "        } catch (IOException x1) {",
                "            caught(trace, \"x1\", x1);",
                "        }",
                "        assert v0 > 5 : \"small\";",
                "        return v0;",
                "");
        try (TwinRunner runner = new TwinRunner()) {
            TwinRunner.Verdict verdict = runner.check(List.of(body)).get(0);

            // Assertions run (surefire's -ea reaches the generated classes), so the ASSERT feature means something.
            assertEquals(TwinRunner.Verdict.Kind.SAME, verdict.kind, verdict::toString);
            assertEquals("[x1 java.io.IOException: checked3 cause null suppressed []] threw java.lang.AssertionError: "
                    + "small", verdict.detail);
        }
    }

    @Test
    void invalidBody_isToldApartFromTheValidOnesInTheSameBatch() {
        try (TwinRunner runner = new TwinRunner()) {
            List<TwinRunner.Verdict> verdicts = runner.check(List.of("        return 1;\n",
                    "        return undefined;\n", "        return await(later(4));\n"));

            assertEquals(TwinRunner.Verdict.Kind.SAME, verdicts.get(0).kind);
            assertEquals("INVALID_JAVA", verdicts.get(1).key());
            assertEquals("[] returned 4", verdicts.get(2).detail);
        }
    }
}
