package org.asyncio4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * W7, compile time: a generated corpus of {@code @Async} methods (500 in the benchmark, 50 per class) is compiled
 * by javac in-process ({@link javax.tools}), with the asyncio4j processor and without any processor. The corpus
 * compiles either way because it never calls a generated {@code <Class>Async} class; the difference is the
 * processor's cost (analysis, generation, and compiling the generated state machines).
 *
 * <p>The runtime, the processor and JavaPoet are found where this JVM loaded them from (their jars, their
 * {@code classes} folders, or {@code benchmarks.jar}, which contains all three).
 *
 * <p>As a main class it prints the median of several timed compilations of each kind and their ratio:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.asyncio4j.benchmarks.CompileTime [methods] [runs]
 * </pre>
 * {@code CompileTimeBenchmark} measures the same compilations with JMH.
 */
public final class CompileTime {
    static final String PROCESSOR = "org.asyncio4j.processor.AsyncProcessor";
    static final int METHODS_PER_CLASS = 50;

    private CompileTime() {}

    /** A corpus written to disk: its sources, and where compilations of it go. */
    public static final class Corpus {
        final Path root;
        final List<Path> sources;
        final int methods;
        /** The companions one processor run generated ({@link #generateCompanions}), for the floor compilation. */
        List<Path> generated = List.of();

        Corpus(Path root, List<Path> sources, int methods) {
            this.root = root;
            this.sources = sources;
            this.methods = methods;
        }

        /** Deletes the corpus and everything compiled from it. */
        public void delete() {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes {@code methods} {@code @Async} methods, {@value #METHODS_PER_CLASS} per class, to a new temp dir. */
    public static Corpus writeCorpus(int methods) throws IOException {
        Path root = Files.createTempDirectory("asyncio4j-corpus");
        Path pkg = root.resolve("src/corpus");
        Files.createDirectories(pkg);
        List<Path> sources = new ArrayList<>();
        int classes = (methods + METHODS_PER_CLASS - 1) / METHODS_PER_CLASS;
        for (int c = 0; c < classes; c++) {
            int from = c * METHODS_PER_CLASS;
            int to = Math.min(methods, from + METHODS_PER_CLASS);
            Path file = pkg.resolve("Corpus" + c + ".java");
            Files.writeString(file, corpusClass(c, from, to), StandardCharsets.UTF_8);
            sources.add(file);
        }
        return new Corpus(root, sources, methods);
    }

    /** The source of class {@code Corpus<c>} with methods {@code from..to-1}, alternating two shapes. */
    static String corpusClass(int c, int from, int to) {
        StringBuilder sb = new StringBuilder();
        sb.append("package corpus;\n\n")
                .append("import static org.asyncio4j.Asyncio.await;\n")
                .append("import static org.asyncio4j.Asyncio.sleep;\n\n")
                .append("import org.asyncio4j.Async;\n")
                .append("import org.asyncio4j.Future;\n\n")
                .append("public class Corpus").append(c).append(" {\n")
                .append("    int base = ").append(c).append(";\n");
        for (int k = from; k < to; k++) {
            sb.append(k % 2 == 0 ? loopMethod(k) : branchMethod(k));
        }
        return sb.append("}\n").toString();
    }

    private static String loopMethod(int k) {
        return "\n"
                + "    @Async\n"
                + "    int loop" + k + "(Future<Integer> f, int n) {\n"
                + "        int total = base;\n"
                + "        for (int i = 0; i < n; i++) {\n"
                + "            int v = await(f);\n"
                + "            total += v * " + (k % 7 + 1) + ";\n"
                + "            if (total > " + (1000 + k) + ") {\n"
                + "                await(sleep(0));\n"
                + "                total = total % 97;\n"
                + "            }\n"
                + "        }\n"
                + "        String label = \"loop" + k + ":\" + total;\n"
                + "        return label.length() + total;\n"
                + "    }\n";
    }

    private static String branchMethod(int k) {
        return "\n"
                + "    @Async\n"
                + "    static String branch" + k + "(Future<String> a, Future<Integer> b, boolean flag) {\n"
                + "        String first = await(a);\n"
                + "        int count;\n"
                + "        if (flag) {\n"
                + "            count = await(b);\n"
                + "        } else {\n"
                + "            count = first.length();\n"
                + "        }\n"
                + "        StringBuilder sb = new StringBuilder(first);\n"
                + "        for (int i = 0; i < count % " + (k % 5 + 2) + "; i++) {\n"
                + "            sb.append(i);\n"
                + "        }\n"
                + "        while (sb.length() < " + (k % 11 + 3) + ") {\n"
                + "            await(sleep(0.001));\n"
                + "            sb.append('.');\n"
                + "        }\n"
                + "        return sb.toString();\n"
                + "    }\n";
    }

    /** Where {@code className} was loaded from: a jar or a classes folder. */
    static String locationOf(String className) {
        try {
            Class<?> c = Class.forName(className);
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + className, e);
        }
    }

    /**
     * Compiles the corpus into a fresh output folder, with the asyncio4j processor or with {@code -proc:none},
     * and returns the wall time in nanoseconds.
     *
     * @throws IllegalStateException if javac reports an error
     */
    public static long compile(Corpus corpus, boolean withProcessor) throws IOException {
        return compile(corpus, withProcessor, corpus.sources, withProcessor ? "out-proc" : "out-plain");
    }

    /**
     * The floor of any processor that writes Java source: javac, without processors, on the corpus together with
     * the companions the processor generated for it ({@link #generateCompanions} first). What javac spends on the
     * generated code, and on the bodies it copies, is in this number; the processor's own work is not.
     */
    public static long compileWithGeneratedSources(Corpus corpus) throws IOException {
        if (corpus.generated.isEmpty()) {
            throw new IllegalStateException("generateCompanions(corpus) first");
        }
        List<Path> all = new ArrayList<>(corpus.sources);
        all.addAll(corpus.generated);
        return compile(corpus, false, all, "out-floor");
    }

    /** Runs the processor once and keeps the companions it wrote, for {@link #compileWithGeneratedSources}. */
    public static void generateCompanions(Corpus corpus) throws IOException {
        Path out = Files.createTempDirectory(corpus.root, "companions");
        compile(corpus, true, corpus.sources, out, "companions");
        try (Stream<Path> files = Files.walk(out.resolve("generated"))) {
            corpus.generated = files.filter(p -> p.toString().endsWith(".java")).sorted().collect(
                    java.util.stream.Collectors.toList());
        }
    }

    private static long compile(Corpus corpus, boolean withProcessor, List<Path> sources, String prefix)
            throws IOException {
        return compile(corpus, withProcessor, sources, Files.createTempDirectory(corpus.root, prefix), prefix);
    }

    /**
     * CPU time of this thread in the last {@link #compile} (javac and the processor run in the calling thread):
     * on a machine shared with other builds it varies far less than wall time, which waits for a core.
     */
    private static long lastCpuNanos;

    private static long compile(Corpus corpus, boolean withProcessor, List<Path> sources, Path out, String what)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
        }
        Path generated = Files.createDirectories(out.resolve("generated"));
        Path classes = Files.createDirectories(out.resolve("classes"));
        List<String> options = new ArrayList<>(Arrays.asList(
                "--release", "17",
                "-d", classes.toString(),
                "-s", generated.toString(),
                "-cp", locationOf("org.asyncio4j.Async"),
                "-implicit:none"));
        if (withProcessor) {
            options.addAll(Arrays.asList(
                    "-processorpath", locationOf(PROCESSOR) + File.pathSeparator
                            + locationOf("com.palantir.javapoet.JavaFile"),
                    "-processor", PROCESSOR));
        } else {
            options.add("-proc:none");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        }
        long elapsed = System.nanoTime() - start;
        lastCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        if (!ok) {
            StringBuilder sb = new StringBuilder("corpus did not compile (" + what + "):");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    sb.append('\n').append(d);
                }
            }
            throw new IllegalStateException(sb.toString());
        }
        return elapsed;
    }

    /** How many classes a compilation wrote (the test checks that the processor generated the companions). */
    static long countClassFiles(Corpus corpus, boolean withProcessor) throws IOException {
        return countClassFiles(corpus, withProcessor ? "out-proc" : "out-plain");
    }

    /** How many classes the compilations whose output folder starts with {@code prefix} wrote. */
    static long countClassFiles(Corpus corpus, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(corpus.root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> corpus.root.relativize(p).getName(0).toString().startsWith(prefix))
                    .count();
        }
    }

    /** The lines and bytes of {@code files} together. */
    static long[] linesAndBytes(List<Path> files) throws IOException {
        long lines = 0;
        long bytes = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            lines += text.lines().count();
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        return new long[] {lines, bytes};
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    /** Every run, {@code with/without/floor} in ms, for the raw results. */
    private static String runs(long[] with, long[] without, long[] floor) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < with.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d/%d/%d",
                    with[i] / 1_000_000, without[i] / 1_000_000, floor[i] / 1_000_000));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        int methods = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Corpus corpus = writeCorpus(methods);
        try {
            for (int i = 0; i < Math.max(2, runs / 2); i++) {    // warm up javac (and the processor) in-process
                compile(corpus, true);
                compile(corpus, false);
            }
            generateCompanions(corpus);
            long[] with = new long[runs];
            long[] without = new long[runs];
            long[] floor = new long[runs];
            long[][] cpu = new long[3][runs];       // with, without, floor
            for (int i = 0; i < runs; i++) {
                with[i] = compile(corpus, true);
                cpu[0][i] = lastCpuNanos;
                without[i] = compile(corpus, false);
                cpu[1][i] = lastCpuNanos;
                floor[i] = compileWithGeneratedSources(corpus);
                cpu[2][i] = lastCpuNanos;
            }
            double withMs = median(with) / 1e6;
            double withoutMs = median(without) / 1e6;
            System.out.printf(Locale.ROOT, "| CompileTime.javacWithProcessor | methods=%d | %.1f | | ms (median of %d) |%n",
                    methods, withMs, runs);
            System.out.printf(Locale.ROOT, "| CompileTime.javacWithoutProcessor | methods=%d | %.1f | | ms (median of %d) |%n",
                    methods, withoutMs, runs);
            System.out.printf(Locale.ROOT, "| CompileTime.javacWithGeneratedSources | methods=%d | %.1f | | ms (median of %d) |%n",
                    methods, median(floor) / 1e6, runs);
            System.out.printf(Locale.ROOT, "| CompileTime.ratio | methods=%d | %.2f | | with / without |%n",
                    methods, withMs / withoutMs);
            System.out.printf(Locale.ROOT, "| CompileTime.floorRatio | methods=%d | %.2f | | generated sources, no processor / without |%n",
                    methods, median(floor) / 1e6 / withoutMs);
            System.out.printf(Locale.ROOT, "| CompileTime.cpuRatio | methods=%d | %.2f | | thread CPU, with / without (%.1f / %.1f ms) |%n",
                    methods, median(cpu[0]) / median(cpu[1]), median(cpu[0]) / 1e6, median(cpu[1]) / 1e6);
            System.out.printf(Locale.ROOT, "| CompileTime.cpuFloorRatio | methods=%d | %.2f | | thread CPU, generated sources, no processor / without (%.1f ms) |%n",
                    methods, median(cpu[2]) / median(cpu[1]), median(cpu[2]) / 1e6);
            System.out.printf(Locale.ROOT, "| CompileTime.runs | methods=%d | | | wall ms with/without/floor: %s; CPU ms: %s |%n",
                    methods, runs(with, without, floor), runs(cpu[0], cpu[1], cpu[2]));
            long[] template = linesAndBytes(corpus.sources);
            long[] generated = linesAndBytes(corpus.generated);
            System.out.printf(Locale.ROOT, "| CompileTime.generatedLinesPerTemplateLine | methods=%d | %.2f | | %d generated / %d template lines |%n",
                    methods, (double) generated[0] / template[0], generated[0], template[0]);
            System.out.printf(Locale.ROOT, "| CompileTime.generatedBytesPerTemplateLine | methods=%d | %.1f | | %d generated source bytes |%n",
                    methods, (double) generated[1] / template[0], generated[1]);
        } finally {
            corpus.delete();
        }
    }
}
