package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.asyncio4j.processor.scan.Messages;
import org.junit.jupiter.api.Test;

/**
 * {@code async with} and {@code async for} where they cannot work: one compile error each, with the catalogue's
 * text, on the line of the resource or the loop's expression (reported after attribution, see
 * {@code AsyncStatementCheck}).
 */
class AsyncStatementDiagnosticsTest {
    private static final String HEAD = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    private static final String TYPES = "class Res implements AsyncCloseable {\n"
            + "  public Coroutine<Void> closeAsync() { return null; }\n"
            + "}\n"
            + "abstract class Lines implements AsyncIterable<String> {\n"
            + "  static Lines of() { return null; }\n"
            + "}\n";

    private static void assertError(String body, String message, int line) {
        Harness.assertOneError(HEAD + body + TYPES, message, line);
    }

    @Test
    void asyncResourceInAPlainMethod_isAnError() {
        assertError("class Demo {\n"
                + "  static void helper() {\n"
                + "    try (Res r = new Res()) {\n"
                + "      System.out.println(r);\n"
                + "    }\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_RESOURCE_OUTSIDE_ASYNC.format("demo.Res", "method helper()"), 7);
    }

    @Test
    void resourceThatAlsoClosesSynchronously_isFineOutsideAsync() {
        JavaFileObject file = Harness.source(HEAD + "class Demo {\n"
                + "  static void helper(org.asyncio4j.streams.StreamWriter writer) {\n"
                + "    try (writer) {\n"
                + "      writer.write(new byte[] {1});\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor()).compile(file);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void asyncResourceInALambdaOfAnAsyncBody_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static void run() {\n"
                + "    Runnable later = () -> {\n"
                + "      try (var r = new Res()) {\n"
                + "        System.out.println(r);\n"
                + "      }\n"
                + "    };\n"
                + "    await(sleep(1));\n"
                + "    later.run();\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_RESOURCE_OUTSIDE_ASYNC.format("demo.Res", "a lambda in @Async method run()"),
                8);
    }

    @Test
    void asyncForInAConstructor_isAnError() {
        assertError("class Demo {\n"
                + "  Demo(Lines lines) {\n"
                + "    for (String line : lines) {\n"
                + "      System.out.println(line);\n"
                + "    }\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_FOR_OUTSIDE_ASYNC.format("demo.Lines", "a constructor"), 7);
    }

    @Test
    void asyncForOverAnExpressionTheProcessorCannotType_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static void run(List<Lines> all) {\n"
                + "    for (String line : all.get(0)) {\n"
                + "      System.out.println(line);\n"
                + "    }\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_FOR_UNKNOWN_TYPE.format("all.get(0)", "demo.Lines"), 7);
    }
}
