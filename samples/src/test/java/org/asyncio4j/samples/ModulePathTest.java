package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the module descriptors (#16): the program in {@code src/test/modular/demo.modular} is compiled as a named
 * module, with the runtime jar on the module path and the processor found through its {@code provides} on the
 * processor module path, then run with {@code java --module}. The jars are the ones {@code mvn verify} packaged
 * earlier in the reactor (their descriptors are in {@code META-INF/versions/17}, added at {@code prepare-package}).
 */
class ModulePathTest {
    private static final Path PROGRAM = Paths.get("src", "test", "modular", "demo.modular");

    @Test
    void namedModule_compilesWithTheProcessorModuleAndRuns(@TempDir Path tmp) throws Exception {
        Path runtime = packagedJar("asyncio4j-runtime");
        Path processor = packagedJar("asyncio4j-processor");
        Path javapoet = packagedJar("javapoet");
        Path out = Files.createDirectories(tmp.resolve("demo.modular"));

        // The javac command, not the in-process API: the API takes --processor-module-path as a file manager
        // option, which JDK 23+ does not count as asking for annotation processing.
        List<String> javac = new ArrayList<>(List.of(tool("javac"), "-d", out.toString(),
                "-Xlint:all", "-Xlint:-processing", "-Werror",
                "--module-path", runtime.toString(),
                "--processor-module-path", processor + File.pathSeparator + javapoet));
        try (Stream<Path> sources = Files.walk(PROGRAM)) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
        }
        String diagnostics = run(javac);
        assertTrue(Files.exists(out.resolve("demo/modular/CountdownAsync.class")),
                "the processor module did not run (no CountdownAsync):\n" + diagnostics);

        // the state machines' class files name the user's file (#17), in a named module too
        try (Stream<Path> classes = Files.list(out.resolve("demo/modular"))) {
            List<Path> stateMachines = classes.filter(p -> p.getFileName().toString().startsWith("CountdownAsync$"))
                    .collect(java.util.stream.Collectors.toList());
            assertTrue(!stateMachines.isEmpty(), "no state machine classes in " + out);
            for (Path stateMachine : stateMachines) {
                String javap = run(List.of(tool("javap"), "-v", stateMachine.toString()));
                assertTrue(javap.contains("SourceFile: \"Countdown.java\""), stateMachine + ":\n" + javap);
            }
        }

        String output = run(List.of(tool("java"), "--module-path", out + File.pathSeparator + runtime,
                "--module", "demo.modular/demo.modular.Countdown"));
        assertEquals("[a done, b done, 5 steps]\ndemo.modular uses org.asyncio4j\n", output.replace("\r\n", "\n"));
    }

    private static String tool(String name) {
        return Paths.get(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Runs {@code command}; returns its output, failing the test if it fails or takes more than a minute. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish in 60 s: " + command);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    /** The jar of {@code artifact} on this test's class path; skips when the reactor did not package it. */
    private static Path packagedJar(String artifact) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            String name = p.getFileName().toString();
            if (name.startsWith(artifact + "-")) {
                assumeTrue(name.endsWith(".jar"), artifact + " is a classes folder here (run mvn verify, which "
                        + "packages it with its module descriptor): " + p);
                return p;
            }
            if (name.equals("classes") && p.getParent() != null && p.getParent().getParent() != null
                    && p.getParent().getParent().getFileName().toString().equals(artifact.replace("asyncio4j-", ""))) {
                assumeTrue(false, artifact + " is a classes folder here (run mvn verify, which packages it with "
                        + "its module descriptor): " + p);
            }
        }
        throw new IOException(artifact + " is not on the test class path: " + System.getProperty("java.class.path"));
    }
}
