package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
                Stream<Path> sources = Files.walk(PROGRAM)) {
            List<File> javaFiles = sources.filter(p -> p.toString().endsWith(".java")).map(Path::toFile)
                    .collect(Collectors.toList());
            List<String> options = Arrays.asList("-d", out.toString(), "-Xlint:all", "-Xlint:-processing", "-Werror",
                    "--module-path", runtime.toString(),
                    "--processor-module-path", processor + File.pathSeparator + javapoet);
            boolean compiled = javac.getTask(diagnostics, files, null, options, null,
                    files.getJavaFileObjectsFromFiles(javaFiles)).call();
            assertTrue(compiled, "javac --module-path failed:\n" + diagnostics);
        }
        assertTrue(Files.exists(out.resolve("demo/modular/CountdownAsync.class")),
                "the processor module did not run (no CountdownAsync):\n" + diagnostics);

        Process java = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", out + File.pathSeparator + runtime,
                "--module", "demo.modular/demo.modular.Countdown")
                .redirectErrorStream(true).start();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "java --module did not finish in 60 s");
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), output);
        assertEquals("[a done, b done, 5 steps]\ndemo.modular uses org.asyncio4j\n", output.replace("\r\n", "\n"));
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
