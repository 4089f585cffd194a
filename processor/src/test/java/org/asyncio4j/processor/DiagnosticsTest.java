package org.asyncio4j.processor;

import org.asyncio4j.processor.scan.Messages;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every misuse of {@code @Async}/{@code await} is one compile error, with the catalogue's text, on the line of the
 * offending tree; and nothing is generated that would fail to compile.
 */
class DiagnosticsTest {
    private static final String HEAD = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    /** Compiles {@code HEAD + body}; line 5 of the file is the first line of {@code body}. */
    private static Compilation compile(JavaFileObject file) {
        return com.google.testing.compile.Compiler.javac().withProcessors(new AsyncProcessor()).compile(file);
    }

    private static void assertError(String body, String message, int line) {
        JavaFileObject file = Harness.source(HEAD + body);
        Compilation compilation = compile(file);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
    }

    @Test
    void awaitInOrdinaryMethod_isAnError() {
        assertError("class Demo {\n"
                + "  static void helper(Future<String> f) {\n"
                + "    String s = await(f);\n"
                + "  }\n"
                + "}\n", Messages.AWAIT_OUTSIDE_ASYNC.format("method helper()"), 7);
    }

    @Test
    void awaitInFieldInitializerAndConstructor_isAnError() {
        assertError("class Demo {\n"
                + "  Demo(Future<String> f) {\n"
                + "    await(f);\n"
                + "  }\n"
                + "}\n", Messages.AWAIT_OUTSIDE_ASYNC.format("a constructor"), 7);
    }

    @Test
    void awaitInLambda_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static void run(Future<String> f) {\n"
                + "    Runnable r = () -> {\n"
                + "      await(f);\n"
                + "    };\n"
                + "  }\n"
                + "}\n", Messages.AWAIT_IN_LAMBDA.format(), 8);
    }

    @Test
    void awaitInAnonymousClass_isAnError() {
        assertError("class Demo {\n"
                + "  @Async static void run(Future<String> f) {\n"
                + "    Runnable r = new Runnable() {\n"
                + "      public void run() { await(f); }\n"
                + "    };\n"
                + "  }\n"
                + "}\n", Messages.AWAIT_IN_CLASS.format(), 8);
    }

    @Test
    void awaitInSynchronized_isAnError_withTheLockAsTheFix() {
        assertError("class Demo {\n"
                + "  @Async static void run(Future<String> f, Object monitor) {\n"
                + "    synchronized (monitor) {\n"
                + "      String s = await(f);\n"
                + "    }\n"
                + "  }\n"
                + "}\n", Messages.AWAIT_IN_SYNCHRONIZED.format(), 8);
    }

    @Test
    void privateFieldThroughUnknownReceiver_isReportedWithTheFix() {
        assertError("class Demo {\n"
                + "  private int secret;\n"
                + "  @Async static int run(List<Demo> all) {\n"
                + "    await(sleep(1));\n"
                + "    return all.get(0).secret;\n"              // get returns E: its class is not known
                + "  }\n"
                + "}\n", Messages.PRIVATE_RECEIVER_UNKNOWN.format("all.get(0).secret", "field", "secret", "Demo",
                        "all.get(0)", "Demo", "all.get(0)", "secret"), 9);
    }

    @Test
    void privateStaticMethodThroughComputedReceiver_isReported_itsEvaluationWouldBeLost() {
        assertError("class Demo {\n"
                + "  private static int helper() { return 1; }\n"
                + "  static Demo find() { System.out.println(\"found\"); return new Demo(); }\n"
                + "  @Async static int run() {\n"
                + "    await(sleep(1));\n"
                + "    return find().helper();\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_STATIC_COMPUTED_RECEIVER.format("find().helper()", "method", "helper", "Demo",
                        "find()", "Demo", "helper", "find()"), 10);
    }

    @Test
    void privateStaticFieldThroughComputedReceiver_isReported_itsEvaluationWouldBeLost() {
        assertError("class Demo {\n"
                + "  private static int count;\n"
                + "  @Async static int run() {\n"
                + "    await(sleep(1));\n"
                + "    return new Demo().count;\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_STATIC_COMPUTED_RECEIVER.format("new Demo().count", "field", "count", "Demo",
                        "new Demo()", "Demo", "count", "new Demo()"), 9);
    }

    @Test
    void privateFieldCompoundThroughComputedReceiver_isReportedWithTheFix() {
        assertError("class Demo {\n"
                + "  private int count;\n"
                + "  @Async static void run(List<Demo> all) {\n"
                + "    await(sleep(1));\n"
                + "    ((Demo) all.get(0)).count++;\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_FIELD_COMPUTED_RECEIVER.format("((Demo)all.get(0)).count++", "count",
                        "Demo", "((Demo)all.get(0))", "((Demo)all.get(0))"), 9);
    }

    @Test
    void privateGenericFieldOfAnotherReceiver_isReportedWithTheFix() {
        assertError("class Demo<T> {\n"
                + "  private T value;\n"
                + "  @Async static <U> U run(Demo<U> box) {\n"
                + "    await(sleep(1));\n"
                + "    return box.value;\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_GENERIC_FIELD.format("value", "Demo", "T", "box"), 9);
    }

    @Test
    void privateMethodReference_isReportedWithTheFix() {
        assertError("class Demo {\n"
                + "  private static int twice(int n) { return 2 * n; }\n"
                + "  @Async static Object run() {\n"
                + "    await(sleep(1));\n"
                + "    java.util.function.IntUnaryOperator f = Demo::twice;\n"
                + "    return f;\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_METHOD_REFERENCE.format("Demo::twice", "method", "Demo", "twice"), 9);
    }

    @Test
    void anonymousSubclassOfPrivateConstructor_isReportedWithTheFix() {
        assertError("class Demo {\n"
                + "  private Demo() { }\n"
                + "  @Async static Demo run() {\n"
                + "    await(sleep(1));\n"
                + "    return new Demo() { };\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_CONSTRUCTOR_SUBCLASS.format("new Demo(..) { ... }", "Demo",
                        "an anonymous subclass", "Demo"), 9);
    }

    @Test
    void privateMemberOfAnotherTopLevelClass_isJavacsOwnError() {
        JavaFileObject file = Harness.source(HEAD + "class Demo {\n"
                + "  @Async static int run(Other other) {\n"
                + "    await(sleep(1));\n"
                + "    return other.secret;\n"
                + "  }\n"
                + "}\n"
                + "class Other { private int secret; }\n");
        Compilation compilation = compile(file);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("secret has private access in demo.Other").inFile(file).onLine(8);
    }

    @Test
    void privateNestedClass_isReportedWithTheFix() {
        assertError("class Demo {\n"
                + "  private static class Secret { }\n"
                + "  @Async static Object run() {\n"
                + "    await(sleep(1));\n"
                + "    return Secret.class;\n"
                + "  }\n"
                + "}\n", Messages.PRIVATE_MEMBER.format("class", "Secret", "Demo"), 9);
    }

    @Test
    void superCall_isReportedWithTheFix() {
        assertError("class Demo {\n"
                + "  @Async String run() {\n"
                + "    await(sleep(1));\n"
                + "    return super.toString();\n"
                + "  }\n"
                + "}\n", Messages.SUPER_ACCESS.format("toString"), 8);
    }

    @Test
    void enclosingInstanceMember_fromInnerClass_isReported() {
        assertError("class Demo {\n"
                + "  int count;\n"
                + "  class Inner {\n"
                + "    @Async int run() {\n"
                + "      await(sleep(1));\n"
                + "      return count;\n"
                + "    }\n"
                + "  }\n"
                + "}\n", Messages.OUTER_INSTANCE.format("count"), 10);
    }

    @Test
    void abstractAsyncMethod_isReported() {
        assertError("abstract class Demo {\n"
                + "  @Async abstract int run();\n"
                + "}\n", Messages.ASYNC_NO_BODY.format("Demo.run()"), 6);
    }

    @Test
    void synchronizedAsyncMethod_isReported() {
        assertError("class Demo {\n"
                + "  @Async synchronized void run() { await(sleep(1)); }\n"
                + "}\n", Messages.ASYNC_SYNCHRONIZED.format("Demo.run()"), 6);
    }

    @Test
    void anonymousClassTypedVar_acrossAwait_asksForAnExplicitType() {
        assertError("class Demo {\n"
                + "  @Async static String run() {\n"
                + "    var thing = new Object() { String hello() { return \"hi\"; } };\n"
                + "    await(sleep(1));\n"
                + "    return thing.hello();\n"
                + "  }\n"
                + "}\n", Messages.UNKNOWN_LOCAL_TYPE.format("thing",
                        "its type is an anonymous or local class, which has no name outside the method"), 7);
    }

    @Test
    void localClassUsedAfterAnAwait_isReported() {
        assertError("class Demo {\n"
                + "  @Async static String run() {\n"
                + "    class Pair { String a = \"x\"; }\n"
                + "    await(sleep(1));\n"
                + "    return new Pair().a;\n"
                + "  }\n"
                + "}\n", Messages.LOCAL_CLASS_ACROSS_AWAIT.format("Pair"), 7);
    }

    /**
     * Found by the real-code suite in commons-collections4 ({@code BitMapExtractor.asBitMapArray}): the class is
     * never named after the await, but a local of its type is kept in the frame, whose field cannot name it.
     */
    @Test
    void localClassTypingALocalKeptAcrossAnAwait_isReported() {
        assertError("class Demo {\n"
                + "  @Async static long run() {\n"
                + "    final class Bits { long sum; boolean add(long b) { sum += b; return true; } }\n"
                + "    final Bits bits = new Bits();\n"
                + "    java.util.function.LongPredicate p = (await(wrapFuture(java.util.concurrent.CompletableFuture.completedFuture(bits))))::add;\n"
                + "    p.test(3);\n"
                + "    return bits.sum;\n"
                + "  }\n"
                + "}\n", Messages.LOCAL_CLASS_ACROSS_AWAIT.format("Bits"), 7);
    }

    @Test
    void localClassUsedBeforeTheAwait_works() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(HEAD + "class Demo {\n"
                + "  @Async static String run() {\n"
                + "    class Pair { String a = \"x\"; }\n"
                + "    String value = new Pair().a;\n"
                + "    await(sleep(1));\n"
                + "    return value;\n"
                + "  }\n"
                + "}\n");
        org.junit.jupiter.api.Assertions.assertEquals("x", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void aNestedClassWithItsOwnAwaitMethod_isNotMistakenForAsyncio() {
        Harness.compileClean(HEAD + "class Demo {\n"
                + "  static final class Hand {\n"
                + "    int await(int[] box) { return box[0]; }\n"
                + "    int use() { return await(new int[] {7}); }\n"
                + "  }\n"
                + "}\n");
    }

    /** Compiles {@code HEAD + body}, which must succeed with exactly one warning, {@code message} on {@code line}. */
    private static void assertWarning(String body, String message, int line) {
        JavaFileObject file = Harness.source(HEAD + body);
        Compilation compilation = compile(file);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining(message).inFile(file).onLine(line);
    }

    @Test
    void asyncMethodThatNeverAwaits_isAWarning_thatCanBeSuppressed() {
        assertWarning("class Demo {\n"
                + "  @Async\n"
                + "  static int answer() {\n"
                + "    Runnable later = () -> { };\n"
                + "    return 42;\n"
                + "  }\n"
                + "}\n", Messages.ASYNC_WITHOUT_AWAIT.format("Demo.answer()"), 7);
        Harness.compileClean(HEAD + "@SuppressWarnings(\"AsyncWithoutAwait\")\n"
                + "class Demo {\n"
                + "  @Async static int answer() { return 42; }\n"
                + "}\n");
    }

    @Test
    void coroutineCreatedAndDropped_isAWarning() {
        assertWarning("class Demo {\n"
                + "  @Async static int work() { await(sleep(1)); return 1; }\n"
                + "  @Async static void run() {\n"
                + "    await(sleep(1));\n"
                + "    DemoAsync.work();\n"
                + "  }\n"
                + "}\n", Messages.COROUTINE_NEVER_AWAITED.format("DemoAsync.work()", "DemoAsync.work()",
                        "DemoAsync.work()"), 9);
    }

    /** Found by the real-code suite (commons-lang3's Functions.tryWithResources): generated code did not compile. */
    @Test
    void methodReferenceAsABranchOfAnAwaitingConditional_isReported() {
        assertError("class Demo {\n"
                + "  @Async static String run(boolean c, Future<Runnable> f) {\n"
                + "    Runnable x = c ? (await(f))::run : null;\n"
                + "    return x == null ? \"none\" : \"some\";\n"
                + "  }\n"
                + "}\n", "[FunctionBranchAcrossAwait] method reference `(await(f))::run` is the value of a `?:` or"
                        + " `switch` expression whose branches await; javac types it by where the whole expression"
                        + " goes, which this version cannot see across a suspension. Give it its functional interface"
                        + " first (`Runnable r = ...;`) and use `r` there", 7);
    }

    @Test
    void lambdaAsACaseOrYieldOfAnAwaitingSwitchExpression_isReported() {
        assertError("class Demo {\n"
                + "  @Async static int run(int k, Future<Runnable> f) {\n"
                + "    Runnable x = switch (k) {\n"
                + "      case 1 -> await(f);\n"
                + "      default -> () -> { };\n"
                + "    };\n"
                + "    return 0;\n"
                + "  }\n"
                + "}\n", Messages.FUNCTION_BRANCH_ACROSS_AWAIT.format("a lambda"), 9);
        assertError("class Demo {\n"
                + "  @Async static int run(int k, Future<Runnable> f) {\n"
                + "    Runnable x = switch (k) {\n"
                + "      case 1: yield await(f);\n"
                + "      default: yield () -> { };\n"
                + "    };\n"
                + "    return 0;\n"
                + "  }\n"
                + "}\n", Messages.FUNCTION_BRANCH_ACROSS_AWAIT.format("a lambda"), 9);
    }
}
