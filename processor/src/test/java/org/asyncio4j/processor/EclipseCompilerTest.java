package org.asyncio4j.processor;

import org.asyncio4j.processor.scan.Messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the Eclipse compiler (ECJ: Eclipse and VS Code's Java support), which has no {@code com.sun.source} tree
 * API, the processor reports one {@code [UnsupportedCompiler]} error on the first {@code @Async} method and writes
 * nothing; it never crashes ECJ (#13: {@code Trees.instance} threw {@link IllegalArgumentException} from
 * {@code init}). ECJ runs as {@code java -jar ecj.jar}, the way a build script would call it.
 */
class EclipseCompilerTest {
    /** ECJ's batch compiler exits with -1 when it reported an error. */
    private static final int ECJ_ERROR_EXIT = 255;

    @TempDir
    Path dir;

    @Test
    void asyncMethod_underEcj_isOneCataloguedError_andNothingIsGenerated() throws Exception {
        Outcome outcome = compileWithEcj("package demo;\n"
                + "\n"
                + "import org.asyncio4j.Async;\n"
                + "import static org.asyncio4j.Asyncio.*;\n"
                + "\n"
                + "public class Greeter {\n"
                + "    @Async\n"
                + "    static String greet(String name) {\n"                           // line 8
                + "        await(sleep(0.01));\n"
                + "        return \"Hello, \" + name;\n"
                + "    }\n"
                + "\n"
                + "    @Async\n"
                + "    static void twice() {\n"
                + "        await(sleep(0.01));\n"
                + "    }\n"
                + "}\n");
        String message = Messages.UNSUPPORTED_COMPILER.format("the Eclipse compiler (ECJ)");
        assertEquals(ECJ_ERROR_EXIT, outcome.exitCode, outcome.output);
        assertEquals(1, outcome.output.split(java.util.regex.Pattern.quote(message), -1).length - 1, outcome.output);
        assertTrue(outcome.output.contains("1. ERROR in " + outcome.source + " (at line 8)"), outcome.output);
        assertTrue(outcome.output.contains("1 problem (1 error)"), outcome.output);
        assertFalse(outcome.output.contains("Exception"), outcome.output);
        assertEquals(List.of(), outcome.generated, "no half-written output");
    }

    @Test
    void sourcesWithoutAsync_underEcj_compileSilently() throws Exception {
        Outcome outcome = compileWithEcj("package demo;\n"
                + "public class Greeter {\n"
                + "    static String greet(String name) { return \"Hello, \" + name; }\n"
                + "}\n");
        assertEquals(0, outcome.exitCode, outcome.output);
        assertEquals("", outcome.output);
    }

    private static final class Outcome {
        final int exitCode;
        final String output;
        final Path source;
        final List<Path> generated;

        Outcome(int exitCode, String output, Path source, List<Path> generated) {
            this.exitCode = exitCode;
            this.output = output;
            this.source = source;
            this.generated = generated;
        }
    }

    /**
     * {@code java -jar ecj.jar -17 -cp RUNTIME -processorpath PROCESSOR:JAVAPOET -d OUT -s GEN Greeter.java}, with the
     * jars and class folders this test runs from.
     */
    private Outcome compileWithEcj(String greeter) throws IOException, InterruptedException, URISyntaxException {
        Path source = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, greeter);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path gen = Files.createDirectories(dir.resolve("gen"));
        String processorPath = locationOf(AsyncProcessor.class) + File.pathSeparator
                + locationOf(com.palantir.javapoet.ClassName.class);
        Process ecj = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", locationOf(org.eclipse.jdt.internal.compiler.batch.Main.class), "-17",
                "-cp", locationOf(org.asyncio4j.Async.class), "-processorpath", processorPath,
                "-d", out.toString(), "-s", gen.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(ecj.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ecj.waitFor(2, TimeUnit.MINUTES), "ECJ did not finish");
        try (Stream<Path> files = Files.walk(gen)) {
            return new Outcome(ecj.exitValue(), output, source, files.filter(Files::isRegularFile).toList());
        }
    }

    private static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
