package org.asyncio4j.processor;

import org.asyncio4j.processor.scan.Messages;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls and constructions in {@code @Async} bodies mean the member javac resolved for the template (JLS 15.12.2,
 * 15.9.3, 6.6): a member the template cannot access is never a candidate, so the generated code neither bridges
 * another class's private members (#13: {@code new InetSocketAddress(host, port)} once bridged the JDK's private
 * {@code (int, String)} constructor and failed at run time with "module java.base does not open java.net") nor picks
 * a private overload javac did not. Every test compiles and runs the code.
 *
 * <p>The JDK cases come from a scan of java.base's exported packages (JDK 17 and 25) for public classes whose public
 * constructors or methods have private or package-private overloads: {@code InetSocketAddress}, {@code BigInteger},
 * {@code File}, {@code BitSet}, {@code PrintWriter}, {@code Scanner}, {@code UUID}, {@code Formatter},
 * {@code Thread} constructors; {@code BigInteger.valueOf/add}, {@code Collections.swap},
 * {@code StringBuffer.append}, {@code Throwable.printStackTrace} methods.
 */
class AccessibleOverloadsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import java.io.*;\n"
            + "import java.math.BigInteger;\n"
            + "import java.net.InetSocketAddress;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    @Test
    void jdkConstructors_withPrivateOverloads_resolveToThePublicOnes() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "@Async static String run(int port) {\n"
                + "  await(sleep(1));\n"
                + "  InetSocketAddress address = new InetSocketAddress(\"127.0.0.1\", port);\n"
                + "  StringWriter text = new StringWriter();\n"
                + "  PrintWriter writer = new PrintWriter(text, true);\n"
                + "  writer.print(new InetSocketAddress(port).getPort());\n"
                + "  Formatter formatter = new Formatter(new StringBuilder(), Locale.ROOT);\n"
                + "  Thread thread = new Thread(() -> { }, \"worker\");\n"
                + "  return address.getHostString() + ':' + address.getPort() + ' ' + text\n"
                + "      + ' ' + new BigInteger(\"42\") + ' ' + new BigInteger(\"ff\", 16)\n"
                + "      + ' ' + new File(new File(\"dir\"), \"x\").getName() + new File(\"dir\", \"y\").getName()\n"
                + "      + ' ' + new BitSet(8).size() + ' ' + new Scanner(\"a b\").next()\n"
                + "      + ' ' + new UUID(0, 1) + ' ' + formatter.format(\"%d\", 7) + ' ' + thread.getName();\n"
                + "}\n"
                + "}\n");
        assertEquals("127.0.0.1:8080 8080 42 255 xy 64 a 00000000-0000-0000-0000-000000000001 7 worker",
                demo.run("demo.DemoAsync", "run", 8080));
        assertFalse(demo.generated("demo.DemoAsync").contains("privateLookupIn"),
                "no handle into the JDK:\n" + demo.generated("demo.DemoAsync"));
    }

    @Test
    void jdkMethods_namedLikeTheClassesPrivateMethods_areCalledAsWritten() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "private static BigInteger valueOf(int[] digits) { throw new AssertionError(); }\n"
                + "private BigInteger add(long n) { throw new AssertionError(); }\n"
                + "private static void swap(int[] a, int i, int j) { throw new AssertionError(); }\n"
                + "private static int max(int a, int b) { throw new AssertionError(); }\n"
                + "private StringBuffer append(String s) { throw new AssertionError(); }\n"
                + "private void printStackTrace(PrintWriter to) { throw new AssertionError(); }\n"
                + "private final String out = \"shadowed only inside Demo\";\n"
                + "@Async String run() {\n"
                + "  await(sleep(1));\n"
                + "  List<String> letters = new ArrayList<>(List.of(\"a\", \"b\"));\n"
                + "  Collections.swap(letters, 0, 1);\n"
                + "  StringBuffer buffer = new StringBuffer();\n"
                + "  buffer.append(\"s\").append(1);\n"
                + "  StringWriter trace = new StringWriter();\n"
                + "  new Exception(\"boom\").printStackTrace(new PrintWriter(trace));\n"
                + "  System.out.flush();\n"
                + "  BigInteger big = BigInteger.valueOf(5);\n"
                + "  java.util.function.LongFunction<BigInteger> valueOf = BigInteger::valueOf;\n"  // method references
                + "  java.util.function.Function<String, File> file = File::new;\n"
                + "  return letters + \" \" + Math.max(1, 2) + ' ' + big.add(BigInteger.ONE) + ' ' + buffer\n"
                + "      + ' ' + trace.toString().startsWith(\"java.lang.Exception: boom\") + ' ' + out.length()\n"
                + "      + ' ' + valueOf.apply(3) + file.apply(\"f\");\n"
                + "}\n"
                + "static Coroutine<String> start() { return DemoAsync.run(new Demo()); }\n"
                + "}\n");
        assertEquals("[b, a] 2 6 s1 true 25 3f", demo.run("demo.Demo", "start"));
    }

    @Test
    void callsAsReceivers_whoseOverloadsReturnOneClass_areKnown() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "private int secret = 7;\n"
                + "private String append(String s) { throw new AssertionError(); }\n"
                + "static Demo find() { return new Demo(); }\n"
                + "private int twice() { return 2 * secret; }\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  StringBuilder text = new StringBuilder();\n"
                + "  text.append(\"a\").append(1).append('c');\n"          // StringBuilder's, not Demo's
                + "  return text + \" \" + find().secret + ' ' + find().twice();\n"
                + "}\n"
                + "}\n");
        assertEquals("a1c 7 14", demo.run("demo.DemoAsync", "run"));
    }

    /**
     * Without a receiver (a static {@code @Async} method, or an enclosing class's members) javac can only have chosen
     * a static overload: the call goes through the class, not through a receiver that does not exist.
     */
    @Test
    void staticAndInstanceOverloads_fromAStaticContext_callTheStaticOne() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "static String m(int n) { return \"static m\"; }\n"
                + "String m(String s) { return \"instance m\"; }\n"
                + "static String tag(int n) { return \"static tag\"; }\n"
                + "String tag(String a, String b) { return \"instance tag\"; }\n"
                + "static final class Inner {\n"
                + "  @Async String run() {\n"
                + "    await(sleep(1));\n"
                + "    return tag(1);\n"                                     // Demo.tag: no Demo instance here
                + "  }\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  return m(1) + ' ' + await(Demo_InnerAsync.run(new Inner()));\n"
                + "}\n"
                + "}\n");
        assertEquals("static m static tag", demo.run("demo.DemoAsync", "run"));
    }

    /** A local class shadows the class's member type of the same name (JLS 6.4.1) from its declaration on. */
    @Test
    void localClass_shadowingANestClassWithPrivateConstructors_isTheOneUsed() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "static final class Codec {\n"
                + "  final String made;\n"
                + "  private Codec(int n) { made = \"member\"; }\n"
                + "  static String kind() { return \"member\"; }\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  String before = new Codec(1).made;\n"                    // the member class: not yet shadowed
                + "  await(sleep(1));\n"
                + "  class Codec {\n"
                + "    final String made;\n"
                + "    Codec(int n) { made = \"local\"; }\n"
                + "    static String kind() { return \"local\"; }\n"
                + "  }\n"
                + "  Codec codec = new Codec(1);\n"
                + "  return before + ' ' + codec.made + ' ' + Codec.kind();\n"
                + "}\n"
                + "}\n");
        assertEquals("member local local", demo.run("demo.DemoAsync", "run"));
    }

    /** Before #13 the private overloads of another class were bridged and javac picked them: a silent wrong call. */
    @Test
    void anotherClassInThePackage_itsPrivateOverloadsAreNotCandidates() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "private static String pick(int n) { return \"Demo.pick\"; }\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  return new Helper(\"s\").made + ' ' + Helper.pick(\"s\") + ' ' + pick(1);\n"
                + "}\n"
                + "}\n",
                "package demo;\n"
                + "class Helper {\n"
                + "  final String made;\n"
                + "  private Helper(String s) { made = \"private(String)\"; }\n"
                + "  Helper(Object o) { made = \"(Object)\"; }\n"
                + "  private static String pick(String s) { return \"private pick(String)\"; }\n"
                + "  static String pick(Object o) { return \"pick(Object)\"; }\n"
                + "}\n");
        assertEquals("(Object) pick(Object) Demo.pick", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void classesInAnotherPackage_packagePrivateAndPrivateOverloadsAreNotCandidates() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "import other.Lib;\n"
                + "class Demo {\n"
                + "private static String pick(String s) { return \"Demo.pick\"; }\n"
                + "private Demo(String s) { }\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  Lib lib = new Lib(\"s\");\n"
                + "  return lib.made + ' ' + Lib.pick(\"s\") + ' ' + lib.describe(\"s\") + ' ' + pick(\"s\");\n"
                + "}\n"
                + "}\n",
                "package other;\n"
                + "public class Lib {\n"
                + "  public final String made;\n"
                + "  public Lib(Object o) { made = \"(Object)\"; }\n"
                + "  Lib(String s) { made = \"package(String)\"; }\n"
                + "  private Lib(CharSequence s) { made = \"private(CharSequence)\"; }\n"
                + "  public static String pick(Object o) { return \"pick(Object)\"; }\n"
                + "  static String pick(String s) { return \"package pick(String)\"; }\n"
                + "  private static String pick(CharSequence s) { return \"private pick(CharSequence)\"; }\n"
                + "  public String describe(Object o) { return \"describe(Object)\"; }\n"
                + "  protected String describe(String s) { return \"protected describe(String)\"; }\n"
                + "}\n");
        assertEquals("(Object) pick(Object) describe(Object) Demo.pick", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void ownNest_privateOverloads_stillResolveThroughBridges() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo {\n"
                + "static final class Codec {\n"
                + "  private final String made;\n"
                + "  private Codec(int n) { made = \"private(int)\"; }\n"
                + "  Codec(Object o) { made = \"(Object)\"; }\n"
                + "  private Codec(String a, String b) { made = \"private(String, String)\"; }\n"
                + "  private String encode(int n) { return \"private encode(int)\"; }\n"
                + "  String encode(Object o) { return \"encode(Object)\"; }\n"
                + "  private static String encode(int a, int b) { return \"private static encode(int, int)\"; }\n"
                + "}\n"
                + "private static String tag(long n) { return \"private tag(long)\"; }\n"
                + "static String tag(Object o) { return \"tag(Object)\"; }\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  Codec codec = new Codec(1);\n"
                + "  return codec.made + ' ' + new Codec(\"s\").made + ' ' + new Codec(\"a\", \"b\").made\n"
                + "      + ' ' + codec.encode(1) + ' ' + codec.encode(\"s\") + ' ' + Codec.encode(1, 2)\n"
                + "      + ' ' + tag(1) + ' ' + tag(\"s\");\n"
                + "}\n"
                + "}\n");
        assertEquals("private(int) (Object) private(String, String) private encode(int) encode(Object)"
                + " private static encode(int, int) private tag(long) tag(Object)",
                demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void inheritedProtectedOverload_ofAnotherArity_doesNotStopAPrivateCall() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo extends other.Base {\n"
                + "private String label(String s) { return \"private label(String)\"; }\n"
                + "@Async String run() {\n"
                + "  await(sleep(1));\n"
                + "  return label(\"s\");\n"
                + "}\n"
                + "static Coroutine<String> start() { return DemoAsync.run(new Demo()); }\n"
                + "}\n",
                "package other;\n"
                + "public class Base {\n"
                + "  protected String label(String a, String b) { return \"protected label(String, String)\"; }\n"
                + "}\n");
        assertEquals("private label(String)", demo.run("demo.Demo", "start"));
    }

    /** Literals, {@code new C(..)} and casts tell an argument's type: a parameter it cannot convert to rules out. */
    @Test
    void inheritedProtectedOverload_thatTheArgumentsCannotApplyTo_doesNotStopAPrivateCall() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo extends other.Base {\n"
                + "private String label(String s) { return \"private label(String)\"; }\n"
                + "private String label(Long n, Object o) { return \"private label(Long, Object)\"; }\n"
                + "@Async String run(List<StringBuilder> builders) {\n"
                + "  await(sleep(1));\n"
                + "  builders.get(0).append(\"s\");\n"                // not Demo's append(int): a String argument
                + "  return label(\"s\") + ' ' + label((Long) null, new Object()) + ' ' + builders.get(0);\n"
                + "}\n"
                + "private void append(int n) { }\n"
                + "static Coroutine<String> start() {\n"
                + "  return DemoAsync.run(new Demo(), List.of(new StringBuilder(\"b\")));\n"
                + "}\n"
                + "}\n",
                "package other;\n"
                + "public class Base {\n"
                + "  protected String label(int n) { return \"protected label(int)\"; }\n"
                + "  protected String label(int n, Object o) { return \"protected label(int, Object)\"; }\n"
                + "}\n");
        assertEquals("private label(String) private label(Long, Object) bs", demo.run("demo.Demo", "start"));
    }

    @Test
    void inheritedProtectedOverload_ofTheSameArity_isReportedNotBridged() {
        String template = PRELUDE + "class Demo extends other.Base {\n"      // line 8
                + "private String label(String s) { return s; }\n"
                + "@Async String run() {\n"
                + "  await(sleep(1));\n"
                + "  return label(\"s\");\n"                                  // line 12
                + "}\n"
                + "}\n";
        assertOneError(template, "package other;\n"
                + "public class Base {\n"
                + "  protected String label(Object o) { return \"protected\"; }\n"
                + "}\n", Messages.PROTECTED_MEMBER.format("method", "label", "other.Base"), 12);
    }

    private static final String PROTECTED_BASE = "package other;\n"
            + "public class Base {\n"
            + "  protected String label(Object o) { return \"protected\"; }\n"
            + "  protected int count;\n"
            + "  protected static String shared() { return \"s\"; }\n"
            + "}\n";

    /** The template may use them (it is a subclass); copied into the companion they would not compile. */
    @ParameterizedTest
    @ValueSource(strings = {"this.label(1)", "other.label(1)", "this.count", "java.util.Objects.hash(other.count)",
        "Demo.shared()", "((java.util.function.Function<Object, String>) this::label).apply(1)", "label(1)", "count",
        "shared()"})
    void protectedMemberOfAnotherPackage_isReportedNotCopied(String use) {
        String template = PRELUDE + "class Demo extends other.Base {\n"     // line 8
                + "@Async String run(Demo other) {\n"
                + "  await(sleep(1));\n"
                + "  return \"\" + " + use + ";\n"                              // line 11
                + "}\n"
                + "}\n";
        String name = use.contains("count") ? "count" : use.contains("shared") ? "shared" : "label";
        assertOneError(template, PROTECTED_BASE, Messages.PROTECTED_MEMBER.format(
                name.equals("count") ? "field" : "method", name, "other.Base"), 11);
    }

    /** Compiles {@code template} with {@code other}: one error, {@code message}, on {@code line} of the template. */
    private static void assertOneError(String template, String other, String message, int line) {
        JavaFileObject file = Harness.source(template);
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor()).compile(file, Harness.source(other));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line);
    }

    @Test
    void publicMembers_andObjectsProtectedCloneOfAnArray_areCopied() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Demo extends other.Base {\n"
                + "@Async String run(Demo other) {\n"
                + "  await(sleep(1));\n"
                + "  return new int[] {1, 2}.clone().length + \" \" + other.getClass().getSimpleName();\n"
                + "}\n"
                + "static Coroutine<String> start() { return DemoAsync.run(new Demo(), new Demo()); }\n"
                + "}\n", PROTECTED_BASE);
        assertEquals("2 Demo", demo.run("demo.Demo", "start"));
    }
}
