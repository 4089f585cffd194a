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
    void aMethodReference_isAnError_itWouldRunTheTemplateAsAPlainCall() {
        assertError("class Demo {\n"
                + "  static int five() { return 5; }\n"
                + "  @Async static int run() {\n"
                + "    Coroutine<Integer> c = async(Demo::five);\n"
                + "    return await(c);\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_FORM.format("`Demo::five` is a method reference, whose method would "
                        + "run as a plain call, not as a coroutine", "An @Async method is a coroutine already: call "
                        + "its entry point, `<Class>Async.m(..)`, or pass `<Class>Async::m` where a Function is "
                        + "expected; else write the lambda, `async(() -> m())`"), 8);
    }

    @Test
    void aCallableVariable_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static int run(java.util.concurrent.Callable<Integer> body) {\n"
                + "    await(sleep(1));\n"
                + "    return await(async(body));\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_FORM.format("`body` is not a lambda written there",
                        "Write the lambda in place: `async(() -> { ... })`"), 8);
    }

    @Test
    void aMethodReferenceOutsideAnAsyncMethod_isAnError() {
        assertError("class Demo {\n"
                + "  static int five() { return 5; }\n"
                + "  static Coroutine<Integer> make() {\n"
                + "    return async(Demo::five);\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_OUTSIDE_ASYNC.format("method make()"), 8);
    }

    @Test
    void aCallWhoseMethodCannotBeFound_isAnError_inAnExpressionBody() {
        assertError("class Demo {\n"
                + "  @Async static Object run(List<java.util.concurrent.Callable<Object>> jobs) {\n"
                + "    await(sleep(1));\n"
                + "    return await(async(() -> jobs.get(0).call()));\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_RESULT_UNKNOWN.format("jobs.get(0).call()", "jobs.get(0).call()",
                        "jobs.get(0).call()"), 8);
    }

    @Test
    void aVoidCallAsTheExpressionOfAnImplicitlyTypedParameter_isAnError() {
        assertError("class Demo {\n"
                + "  static void note(String s) { }\n"
                + "  @Async static void run(List<String> xs) {\n"
                + "    await(gather(xs.stream().map(async(s -> note(s))).toList()));\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_VOID_EXPRESSION.format("note(s)", "s", "note(s)"), 8);
    }

    /**
     * javac 17 types {@code p} as {@code Object} here (its recovery from the companion that does not exist yet), and
     * the processor says so; javac 25 infers {@code Integer} all the same, and the code compiles and runs. Either way
     * nothing is generated that does not compile.
     */
    @Test
    void anImplicitParameterInAStatementThatCallsACompanionOfThisBuild_isAnErrorIfJavacTypesItObject()
            throws Throwable {
        String source = HEAD + "class Demo {\n"
                + "  @Async static int later(int x) { await(sleep(x)); return x; }\n"
                + "  static <T> Coroutine<T> applyTo(int x, java.util.function.Function<Integer, Coroutine<T>> f) {\n"
                + "    return f.apply(x);\n"
                + "  }\n"
                + "  @Async static String run(List<String> log) {\n"
                + "    log.add(\"r \" + await(applyTo((\"s\" + await(DemoAsync.later(1))).length(),\n"
                + "        async(p -> await(DemoAsync.later(p)) + 1))));\n"
                + "    return log.toString();\n"
                + "  }\n"
                + "}\n";
        if (Harness.compile(source).status() == com.google.testing.compile.Compilation.Status.FAILURE) {
            Harness.assertOneError(source, Messages.ASYNC_LAMBDA_PARAMETER_TYPE.format("p", "DemoAsync.later", "p"),
                    12);
        } else {
            Harness.Compiled demo = Harness.compileClean(source);
            org.junit.jupiter.api.Assertions.assertEquals("[r 3]",
                    demo.run("demo.DemoAsync", "run", new java.util.ArrayList<String>()));
        }
    }

    @Test
    void threeParameters_isAnError() {
        assertError("class Demo {\n"
                + "  interface Three { void run(int a, int b, int c); }\n"
                + "  @Async static void run() {\n"
                + "    await(sleep(1));\n"
                + "    Object o = async((a, b, c) -> { await(sleep(a)); });\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_LAMBDA_FORM.format("this lambda has 3 parameters",
                        "Pass the other values as captured locals"), 9);
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
