package org.asyncio4j.processor;

import org.asyncio4j.processor.scan.Messages;


import org.junit.jupiter.api.Test;

/** Misuses of async generators: one compile error each, with the catalogue's text, on the offending tree's line. */
class AsyncGeneratorDiagnosticsTest {
    private static final String HEAD = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    /** Compiles {@code HEAD + body}; line 5 of the file is the first line of {@code body}. */
    private static void assertError(String body, String message, int line) {
        Harness.assertOneError(HEAD + body, message, line);
    }

    @Test
    void emitInAnAsyncMethodThatIsNoGenerator_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static String run(Future<String> f) {\n"
                + "    String s = await(f);\n"
                + "    emit(s);\n"
                + "    return s;\n"
                + "  }\n"
                + "}\n", Messages.EMIT_OUTSIDE_GENERATOR.format("@Async method run() does not return AsyncGenerator"),
                8);
    }

    @Test
    void emitInAnOrdinaryMethod_isAnError() {
        assertError("class Demo {\n"
                + "  static void helper() {\n"
                + "    Asyncio.emit(1);\n"
                + "  }\n"
                + "}\n", Messages.EMIT_OUTSIDE_GENERATOR.format("method helper() is not @Async"), 7);
    }

    @Test
    void emitInALambdaOfAGenerator_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static AsyncGenerator<Integer> numbers(List<Integer> all) {\n"
                + "    await(sleep(1));\n"
                + "    all.forEach(n -> {\n"
                + "      emit(n);\n"
                + "    });\n"
                + "    return endGenerator();\n"
                + "  }\n"
                + "}\n", Messages.EMIT_IN_LAMBDA.format("lambda"), 9);
    }

    @Test
    void aGeneratorReturningAValue_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static AsyncGenerator<Integer> numbers(boolean none) {\n"
                + "    if (none) return null;\n"
                + "    emit(1);\n"
                + "    return endGenerator();\n"
                + "  }\n"
                + "}\n", Messages.GENERATOR_RETURNS_VALUE.format("null", "null"), 7);
    }

    @Test
    void aClassWithItsOwnEmit_keepsIt() {
        Harness.compileClean(HEAD + "class Demo {\n"
                + "  final List<Object> out = new ArrayList<>();\n"
                + "  void emit(Object o) { out.add(o); }\n"
                + "  @Async void run() {\n"
                + "    await(sleep(0));\n"
                + "    emit(\"mine\");\n"
                + "  }\n"
                + "}\n");
    }
}
