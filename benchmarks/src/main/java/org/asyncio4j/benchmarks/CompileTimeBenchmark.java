package org.asyncio4j.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W7 ({@link CompileTime}): ms per in-process javac run over a corpus of {@code methods} {@code @Async} methods,
 * with the asyncio4j processor and without processors. The ratio of the two scores is the processor's overhead.
 * The third, javac without processors on the corpus plus the companions one processor run wrote, is the floor of
 * that ratio for generated source: compiling the generated code, with the bodies it copies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
// A fixed, pre-touched heap, as W3 and W4: with the default (growing) heap, javac without processors varied from 298
// to 1,056 ms between iterations of one JDK 17 run, which moved the ratios between runs; with this heap it stayed at
// 343 +- 55 ms (JDK 17) and 217 +- 45 ms (JDK 25).
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class CompileTimeBenchmark {
    @Param("500")
    int methods;

    CompileTime.Corpus corpus;

    @Setup
    public void setUp() throws IOException {
        corpus = CompileTime.writeCorpus(methods);
        CompileTime.generateCompanions(corpus);
    }

    @TearDown
    public void tearDown() {
        corpus.delete();
    }

    @Benchmark
    public long javacWithProcessor() throws IOException {
        return CompileTime.compile(corpus, true);
    }

    @Benchmark
    public long javacWithoutProcessor() throws IOException {
        return CompileTime.compile(corpus, false);
    }

    @Benchmark
    public long javacWithGeneratedSources() throws IOException {
        return CompileTime.compileWithGeneratedSources(corpus);
    }
}
