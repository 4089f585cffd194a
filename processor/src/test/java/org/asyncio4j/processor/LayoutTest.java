package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor's layout shows its pipeline: one package per stage, and data flows one way, scan → lower → print →
 * emit → the entry package. A class may use its own stage and earlier ones, never a later one (issue #14).
 */
class LayoutTest {
    /** The stages in pipeline order; the entry package ({@code ""}) wires them and comes last. */
    private static final List<String> STAGES = List.of("scan", "lower", "print", "emit", "");
    private static final Path SOURCES = Path.of("src/main/java/org/asyncio4j/processor");
    /** An import of, or a qualified reference to, a class of the processor: its package's stage and its name. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\borg\\.asyncio4j\\.processor\\.(?:(scan|lower|print|emit)\\.)?([A-Z]\\w*)");

    @Test
    void everyClass_isInAStagePackage() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : sources()) {
            if (!STAGES.contains(stageOf(file))) {
                outside.add(SOURCES.relativize(file).toString());
            }
        }
        assertEquals(List.of(), outside, "packages other than " + STAGES);
    }

    @Test
    void stages_dependOnlyOnEarlierStages() throws IOException {
        List<String> backwards = new ArrayList<>();
        for (Path file : sources()) {
            String stage = stageOf(file);
            Matcher reference = REFERENCE.matcher(withoutComments(Files.readString(file)));
            while (reference.find()) {
                String target = reference.group(1) == null ? "" : reference.group(1);
                if (STAGES.indexOf(target) > STAGES.indexOf(stage)) {
                    backwards.add(SOURCES.relativize(file) + " uses " + reference.group());
                }
            }
        }
        assertEquals(List.of(), backwards, "a stage uses a later one (order: " + STAGES + ")");
    }

    @Test
    void referencePattern_findsTheStagesImports() throws IOException {
        // The check above reads imports and qualified names: a class of another package is reached by nothing
        // else, so this is every cross-stage use, provided the pattern matches them at all.
        long imports = 0;
        for (Path file : sources()) {
            imports += REFERENCE.matcher(Files.readString(file)).results().count();
        }
        assertTrue(imports > 50, "the pattern finds the stages' imports (" + imports + ")");
    }

    @Test
    void everyStage_describesItselfInPackageInfo() throws IOException {
        for (String stage : STAGES) {
            Path info = SOURCES.resolve(stage).resolve("package-info.java");
            assertTrue(Files.exists(info), info + " exists");
            String text = Files.readString(info);
            assertTrue(text.contains("===>"), info + " shows a before/after example");
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static String stageOf(Path file) {
        Path relative = SOURCES.relativize(file.getParent());
        return relative.toString().replace(java.io.File.separatorChar, '.');
    }

    /** The source without comments, so that Javadoc's mention of a later stage is not a use of it. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
