package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's generator, checked without the processor: feature switches control exactly what it emits, and what
 * it emits is valid, warning-free Java that terminates, whatever the processor supports today.
 */
class ProgramGeneratorTest {
    /** Text that only the feature's construct produces. */
    private static final Map<FuzzFeature, String> MARKERS = new EnumMap<>(Map.ofEntries(
            Map.entry(FuzzFeature.LABELLED_BLOCK, "B\\d+: \\{"),
            Map.entry(FuzzFeature.TRY_CATCH, "\\} catch \\("),
            Map.entry(FuzzFeature.MULTI_CATCH, "catch \\(IllegalArgumentException \\| UnsupportedOperationException"),
            Map.entry(FuzzFeature.TRY_FINALLY, "\\} finally \\{"),
            Map.entry(FuzzFeature.TRY_WITH_RESOURCES, "try \\(Res "),
            Map.entry(FuzzFeature.AWAITED_RESOURCE, "Res r\\d+ = await\\(openLater\\("),
            Map.entry(FuzzFeature.CHECKED_EXCEPTION, "catch \\(IOException "),
            Map.entry(FuzzFeature.THROW, "throw await\\(excLater\\("),
            Map.entry(FuzzFeature.SWITCH_CLASSIC, "(?m)^ *case \\S+:"),
            Map.entry(FuzzFeature.SWITCH_ARROW, "(?m)^ *case .* -> "),
            Map.entry(FuzzFeature.SWITCH_STRING, "case \"k\\d\""),
            Map.entry(FuzzFeature.SWITCH_ENUM, "case (RED|GREEN|BLUE)"),
            Map.entry(FuzzFeature.ASSERT, "assert "),
            Map.entry(FuzzFeature.AWAIT_IN_EXPRESSION, "\\(long\\) await\\(|\\.compareTo\\(|instanceof Integer n|new Pair\\("),
            // `for (String e : await(..))` is a for-each, not a conditional.
            Map.entry(FuzzFeature.SHORT_CIRCUIT,
                    "(&&|\\|\\||\\?) await\\(|(?<!for \\((var|String|Integer|Color) \\w{1,9}) : await\\("),
            Map.entry(FuzzFeature.COMPOUND_ASSIGNMENT, " [-+*]= "),
            Map.entry(FuzzFeature.SWITCH_EXPRESSION, "switch \\(.*\\{ case "),
            Map.entry(FuzzFeature.REFERENCE_TYPES, "new (TreeMap<>|Box|Item)\\("),
            Map.entry(FuzzFeature.STRINGS, "new StringBuilder\\(\"(s\" \\+|q\"\\))|String\\.format\\("),
            Map.entry(FuzzFeature.ENUMS, "\\.ordinal\\(\\)|Color\\.valueOf\\("),
            Map.entry(FuzzFeature.VAR_EVERYWHERE, "(for|try) \\(var |\\(var p"),
            Map.entry(FuzzFeature.INSTANCE_FIELDS, "myCount|myLog"),
            Map.entry(FuzzFeature.NESTED_CLASSES, "new (Outer\\.Inner|MyCounter)\\("),
            Map.entry(FuzzFeature.QUALIFIED_NAMES, "java\\.lang\\.(Math\\.abs|Integer\\.sum)\\("),
            Map.entry(FuzzFeature.QUALIFIED_RECEIVERS, "java\\.lang\\.Math\\.max\\(|Inner\\.twice\\(await"),
            Map.entry(FuzzFeature.OVERLOADS, "pick\\("),
            Map.entry(FuzzFeature.JDK_OVERLOADS, "InetSocketAddress"),
            Map.entry(FuzzFeature.PATTERN_BINDINGS, "instanceof \\w+ b\\d+"),
            Map.entry(FuzzFeature.VAR_WITH_COMPANIONS, "PAsync\\."),
            Map.entry(FuzzFeature.GENERATORS, "\\bemit\\("),
            Map.entry(FuzzFeature.ASYNC_LAMBDAS, "async\\((\\(\\)|\\(Integer p\\d+\\)|p\\d+) -> "),
            Map.entry(FuzzFeature.ASYNC_WITH, "aopen(Later)?\\(trace"),
            Map.entry(FuzzFeature.ASYNC_FOR, "// AFOR q\\d+")));

    @Test
    void sameSeedAndFeatures_sameProgram() {
        Set<FuzzFeature> all = EnumSet.allOf(FuzzFeature.class);
        assertEquals(ProgramGenerator.body(7, all), ProgramGenerator.body(7, all));
        assertNotEquals(ProgramGenerator.body(7, all), ProgramGenerator.body(8, all));
    }

    @Test
    void longBody_stopsAddingStatementsAtTheLineCap_andIsUnchangedBelowIt() {
        // without generators, whose methods follow the body's return (and hold returns of their own)
        Set<FuzzFeature> features = EnumSet.copyOf(FuzzFeature.CI_DEFAULT);
        features.remove(FuzzFeature.GENERATORS);
        // under the cap: the program the seed always gave
        assertEquals(ProgramGenerator.longBody(4280, features, 20, 30),
                ProgramGenerator.longBody(4280, features, 20, 30, 1000));
        // 400 statements would be some 4,000 lines: cut after the statement that reaches 1,000, then the return
        String capped = ProgramGenerator.longBody(4280, features, 400, 30, 1000);
        String full = ProgramGenerator.longBody(4280, features, 400, 30);
        int lines = capped.split("\n").length;
        assertTrue(lines > 1000 && lines < 1150, lines + " lines");
        assertTrue(full.split("\n").length > 2000, "the cap is what stops it");
        String statements = capped.substring(0, capped.lastIndexOf("        return "));
        assertTrue(full.startsWith(statements), "the same statements up to the cap");
    }

    @Test
    void eachFeature_showsUpWhenEnabledAndNeverOtherwise() {
        assertEquals(EnumSet.allOf(FuzzFeature.class), MARKERS.keySet(), "every feature has a marker");
        String base = programs(EnumSet.noneOf(FuzzFeature.class), 100);
        for (FuzzFeature feature : FuzzFeature.values()) {
            Pattern marker = Pattern.compile(MARKERS.get(feature));
            assertFalse(marker.matcher(base).find(), () -> feature + " appears with no features on");
            Set<FuzzFeature> enabled = feature.withPrerequisites();
            Set<FuzzFeature> others = EnumSet.allOf(FuzzFeature.class);
            others.remove(feature);
            assertFalse(marker.matcher(programs(others, 60)).find(), () -> feature + " appears while off");
            assertTrue(marker.matcher(programs(enabled, 60)).find(), () -> feature + " never appears when on");
        }
    }

    @Test
    void featureList_isParsedWithDefaultAllAndRemoval() {
        Set<FuzzFeature> expected = EnumSet.copyOf(FuzzFeature.CI_DEFAULT);
        expected.add(FuzzFeature.ASSERT);
        assertEquals(expected, FuzzFeature.parse("default, assert"));
        Set<FuzzFeature> allButOne = EnumSet.allOf(FuzzFeature.class);
        allButOne.remove(FuzzFeature.THROW);
        assertEquals(allButOne, FuzzFeature.parse("all,-THROW"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FuzzFeature.parse("TRY_CATCH,GOTO"));
        assertTrue(error.getMessage().startsWith("unknown fuzz feature 'GOTO' in -Dfuzz.features; use 'default', "
                + "'all', or a comma-separated list of: LABELLED_BLOCK, TRY_CATCH"), error.getMessage());
    }

    @Test
    void allFeatures_plainTwinsCompileWithoutWarningsAndFinish() {
        List<String> bodies = new ArrayList<>();
        for (int seed = 0; seed < 80; seed++) {
            bodies.add(ProgramGenerator.body(seed, EnumSet.allOf(FuzzFeature.class)));
        }
        try (TwinRunner runner = new TwinRunner()) {
            TwinRunner.Verdict[] verdicts = new TwinRunner.Verdict[bodies.size()];
            TwinRunner.Plain plain = runner.compilePlain(bodies, verdicts);
            for (int i = 0; i < bodies.size(); i++) {
                int seed = i;
                assertEquals(null, verdicts[i], () -> "seed " + seed + ":\n" + bodies.get(seed) + verdicts[seed]);
                assertNotNull(plain.outcome(runner, i), () -> "seed " + seed + " did not finish:\n"
                        + bodies.get(seed));
            }
        }
    }

    private static String programs(Set<FuzzFeature> features, int count) {
        StringBuilder text = new StringBuilder();
        for (int seed = 0; seed < count; seed++) {
            text.append(ProgramGenerator.body(seed, features));
        }
        return text.toString();
    }
}
