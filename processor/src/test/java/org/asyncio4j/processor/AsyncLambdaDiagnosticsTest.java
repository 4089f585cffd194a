package org.asyncio4j.processor;

import org.asyncio4j.processor.scan.Messages;


import org.junit.jupiter.api.Test;

/** Misuses of async lambdas: one compile error each, with the catalogue's text, on the offending tree's line. */
class AsyncLambdaDiagnosticsTest {
    private static final String HEAD = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    /** Compiles {@code HEAD + body}; line 5 of the file is the first line of {@code body}. */
    private static void assertError(String body, String message, int line) {
        Harness.assertOneError(HEAD + body, message, line);
    }

    @Test
    void anAsyncLambdaOutsideAnAsyncMethod_isAnError() {
        assertError("class Demo {\n"
                + "  static Coroutine<Integer> make() {\n"
                + "    return async(() -> { await(sleep(1)); return 5; });\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_OUTSIDE_ASYNC.format("method make()"), 7);
    }

    @Test
    void anAsyncLambdaInsideAnOrdinaryLambda_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static void run() {\n"
                + "    await(sleep(1));\n"
                + "    Runnable r = () -> createTask(async(() -> { await(sleep(1)); return 1; }));\n"
                + "    r.run();\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_IN_LAMBDA.format("a lambda"), 8);
    }

    @Test
    void anAsyncLambdaWithAnExpressionBody_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static int run(Future<Integer> f) {\n"
                + "    Coroutine<Integer> c = async(() -> await(f) + 1);\n"
                + "    return await(c);\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_FORM.format(), 7);
    }

    @Test
    void anAwaitInAnOrdinaryLambdaOfAnAsyncLambda_isStillAnError() {
        assertError("class Demo {\n"
                + "  @Async static int run(Future<Integer> f) {\n"
                + "    Coroutine<Integer> c = async(() -> {\n"
                + "      Runnable r = () -> {\n"
                + "        await(f);\n"
                + "      };\n"
                + "      r.run();\n"
                + "      return await(f);\n"
                + "    });\n"
                + "    return await(c);\n"
                + "  }\n"
                + "}\n", Messages.AWAIT_IN_LAMBDA.format(), 9);
    }
}
