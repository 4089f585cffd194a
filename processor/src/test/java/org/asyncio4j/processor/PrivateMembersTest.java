package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * {@code @Async} bodies use private fields, methods and constructors of their class and its nested classes exactly
 * as the original method could: compiled through the processor (no warnings), run on a virtual-time loop.
 */
class PrivateMembersTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + body + "\n}\n");
    }

    /**
     * Found by the real-code suite in Guava ({@code MoreFiles.addException(.., IOException e)}): the bridge's own
     * {@code catch (Throwable e)} clashed with the parameter {@code e}; generated code did not compile.
     */
    @Test
    void privateMembersWithParametersNamedLikeTheBridgesLocals_work() throws Throwable {
        Harness.Compiled demo = compile("private static List<String> add(List<String> e, String e2) {\n"
                + "  e.add(e2); return e;\n"
                + "}\n"
                + "private Demo(int e) { this.n = e; }\n"
                + "private int n;\n"
                + "Demo() { this(0); }\n"
                + "@Async static String run() {\n"
                + "  List<String> out = add(new ArrayList<>(), \"a\");\n"
                + "  await(sleep(1));\n"
                + "  return add(out, \"b\") + \" \" + new Demo(7).n;\n"
                + "}");
        assertEquals("[a, b] 7", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void fields_readWriteCompoundAndIncrement_keepJavaSemantics() throws Throwable {
        Harness.Compiled demo = compile("private String greeting = \"hi\";\n"
                + "private int count;\n"
                + "private static long total;\n"
                + "private byte small = 120;\n"
                + "private String text = \"a\";\n"
                + "private Integer boxed = 1;\n"
                + "@Async String run(Demo other) {\n"
                + "  await(sleep(1));\n"
                + "  count++;\n"
                + "  this.count += 2;\n"
                + "  other.count -= 5;\n"
                + "  small += 10;\n"                      // implicit narrowing: 130 wraps to -126
                + "  text += 1 + 2;\n"                    // "a3": the right operand is evaluated first
                + "  boxed *= 3;\n"
                + "  total = total + count;\n"
                + "  int before = count++;\n"
                + "  int after = ++count;\n"
                + "  int assigned = (greeting = \"yo\").length();\n"
                + "  return greeting + before + after + assigned + ':' + count + ':' + other.count + ':' + small\n"
                + "      + ':' + text + ':' + boxed + ':' + total;\n"
                + "}\n"
                + "static Coroutine<String> start() { Demo d = new Demo(); return DemoAsync.run(d, new Demo()); }\n");
        assertEquals("yo352:5:-5:-126:a3:3:3", demo.run("demo.Demo", "start"));
    }

    /** A private field called {@code length} does not make {@code array.length} a use of it (found by a sample). */
    @Test
    void arrayLength_isNotThePrivateFieldOfThatName() throws Throwable {
        Harness.Compiled demo = compile("private int length = 100;\n"
                + "private int[] sizes = {1, 2, 3};\n"
                + "@Async String run(String line) {\n"
                + "  String[] parts = line.split(\" \");\n"
                + "  var more = new int[] {4, 5};\n"
                + "  await(sleep(1));\n"
                + "  return parts.length + \":\" + (parts).length + \":\" + more.length + \":\" + this.sizes.length\n"
                + "      + \":\" + sizes.length + \":\" + new int[7].length + \":\" + length + \":\" + this.length;\n"
                + "}\n"
                + "static Coroutine<String> start() { return DemoAsync.run(new Demo(), \"a b c d\"); }\n");
        assertEquals("4:4:2:3:3:7:100:100", demo.run("demo.Demo", "start"));
    }

    @Test
    void compoundAssignment_readsTheFieldBeforeTheRightOperand_once() throws Throwable {
        Harness.Compiled demo = compile("private int count = 10;\n"
                + "private int calls;\n"
                + "private int bump() { calls++; count = 100; return 1; }\n"
                + "@Async String run() {\n"
                + "  await(sleep(1));\n"
                + "  count += bump();\n"                   // JLS 15.26.2: 10 + 1, not 100 + 1
                + "  int value = (count -= bump());\n"
                + "  return count + \":\" + value + \":\" + calls;\n"
                + "}\n"
                + "static Coroutine<String> start() { return DemoAsync.run(new Demo()); }\n");
        assertEquals("10:10:2", demo.run("demo.Demo", "start"));
    }

    @Test
    void methods_instanceStaticGenericVarargsAndOverloads_resolveAsJavacWould() throws Throwable {
        Harness.Compiled demo = compile("private String name = \"d\";\n"
                + "private String describe(int n) { return \"int\" + n; }\n"
                + "private String describe(long n) { return \"long\" + n; }\n"
                + "private String describe(Object o) { return \"object\" + o; }\n"
                + "String describe(String s) { return \"string\" + s; }\n"
                + "private static <T extends Comparable<T>> T max(T a, T b) { return a.compareTo(b) >= 0 ? a : b; }\n"
                + "private static String join(String... parts) { return String.join(\"+\", parts); }\n"
                + "private String named() { return name; }\n"
                + "@Async String run(Demo other, short s) {\n"
                + "  await(sleep(1));\n"
                + "  String longest = max(\"pear\", \"apple\");\n"
                + "  int bigger = max(3, 7);\n"
                + "  return describe(1) + describe(2L) + describe(s) + describe('c') + describe(\"x\") + describe(1.5)\n"
                + "      + ':' + longest.length() + bigger + ':' + join() + join(\"a\") + join(\"a\", \"b\")\n"
                + "      + ':' + other.named() + this.named() + Demo.join(\"q\");\n"
                + "}\n"
                + "static Coroutine<String> start() {\n"
                + "  Demo d = new Demo(); Demo o = new Demo(); o.name = \"o\";\n"
                + "  return DemoAsync.run(d, o, (short) 4);\n"
                + "}\n");
        assertEquals("int1long2int4int99stringxobject1.5:47:aa+b:odq", demo.run("demo.Demo", "start"));
    }

    @Test
    void privateMethods_throwTheirExceptionsUnwrapped_checkedIncluded() throws Throwable {
        Harness.Compiled demo = compile("private static String read(boolean fail) throws java.io.IOException {\n"
                + "  if (fail) throw new java.io.IOException(\"disk\");\n"
                + "  return \"ok\";\n"
                + "}\n"
                + "private static void check(int n) { if (n < 0) throw new IllegalArgumentException(\"negative\"); }\n"
                + "@Async static String run(boolean fail, int n) throws java.io.IOException {\n"
                + "  await(sleep(1));\n"
                + "  check(n);\n"
                + "  return read(fail);\n"
                + "}\n");
        assertEquals("ok", demo.run("demo.DemoAsync", "run", false, 1));
        IOException io = assertThrows(IOException.class, () -> demo.run("demo.DemoAsync", "run", true, 1));
        assertEquals("disk", io.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> demo.run("demo.DemoAsync", "run", false, -1));
        assertEquals("negative", bad.getMessage());
    }

    @Test
    void constructors_privateAndOverloaded_createTheObject() throws Throwable {
        Harness.Compiled demo = compile("private final String made;\n"
                + "private Demo() { this(\"default\"); }\n"
                + "private Demo(String made) { this.made = made; }\n"
                + "Demo(int n) { this(\"int\" + n); }\n"
                + "static final class Box<T> {\n"
                + "  private final T value;\n"
                + "  private Box(T value) { this.value = value; }\n"
                + "  T value() { return value; }\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  Box<String> box = new Box<>(\"boxed\");\n"
                + "  Box<Integer> explicit = new Box<Integer>(7);\n"
                + "  return new Demo().made + new Demo(\"given\").made + new Demo(3).made + box.value() + explicit.value();\n"
                + "}\n");
        assertEquals("defaultgivenint3boxed7", demo.run("demo.DemoAsync", "run"));
    }

    /**
     * Another nest's private constructors are not the body's to call: javac picks an accessible one, which the
     * companion must call directly. A JDK class with a private constructor beside its public ones (InetSocketAddress
     * has a private (int, String) one) made the companion's holder look the private one up with privateLookupIn,
     * which java.base refuses: a LinkageError the first time the body ran (found by the interop tests, #15).
     */
    @Test
    void constructorsOfAnotherNest_withPrivateOverloads_areCalledDirectly() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "import java.net.InetSocketAddress;\n"
                + "class Demo {\n"
                + "@Async static String run() {\n"
                + "  await(sleep(1));\n"
                + "  InetSocketAddress imported = new InetSocketAddress(\"127.0.0.1\", 7);\n"
                + "  java.net.InetSocketAddress qualified = new java.net.InetSocketAddress(8);\n"
                + "  return imported.getHostString() + \":\" + imported.getPort() + \",\" + qualified.getPort();\n"
                + "}\n"
                + "}\n");
        assertEquals("127.0.0.1:7,8", demo.run("demo.DemoAsync", "run"));
        String source = demo.generated("demo.DemoAsync");
        assertTrue(source.contains("new InetSocketAddress(\"127.0.0.1\", 7)") && !source.contains("privateLookupIn"),
                source);
    }

    @Test
    void nestedClasses_privateFieldsAndMethods_areReached() throws Throwable {
        Harness.Compiled demo = compile("private static int created;\n"
                + "static final class Counter {\n"
                + "  private int value;\n"
                + "  private static int instances;\n"
                + "  private void add(int n) { value += n; }\n"
                + "}\n"
                + "@Async static String run() {\n"
                + "  Counter counter = new Counter();\n"
                + "  await(sleep(1));\n"
                + "  counter.value++;\n"
                + "  counter.add(10);\n"
                + "  Counter.instances += 2;\n"
                + "  created++;\n"
                + "  return counter.value + \":\" + Counter.instances + \":\" + created;\n"
                + "}\n");
        assertEquals("11:2:1", demo.run("demo.DemoAsync", "run"));
    }

    @Test
    void lambdasAndAnonymousClasses_inTheBody_usePrivateMembers() throws Throwable {
        Harness.Compiled demo = compile("private int count;\n"
                + "private String label(int n) { return \"#\" + n; }\n"
                + "@Async String run() {\n"
                + "  await(sleep(1));\n"
                + "  Runnable bump = () -> count++;\n"
                + "  bump.run();\n"
                + "  java.util.function.IntSupplier next = () -> count++;\n"
                + "  int was = next.getAsInt();\n"
                + "  java.util.function.Supplier<String> text = new java.util.function.Supplier<String>() {\n"
                + "    private final int count = 100;\n"                  // shadows the outer field
                + "    @Override public String get() { return label(count) + this.count; }\n"
                + "  };\n"
                + "  java.util.function.IntFunction<String> f = n -> label(n + count);\n"
                + "  return was + \":\" + count + \":\" + text.get() + \":\" + f.apply(1);\n"
                + "}\n"
                + "static Coroutine<String> start() { return DemoAsync.run(new Demo()); }\n");
        assertEquals("1:2:#100100:#3", demo.run("demo.Demo", "start"));
    }

    @Test
    void genericOwner_fieldOfTypeParameter_throughThis() throws Throwable {
        Harness.Compiled demo = Harness.compileClean(PRELUDE + "class Holder<T> {\n"
                + "  private T value;\n"
                + "  private List<T> history = new ArrayList<>();\n"
                + "  Holder(T value) { this.value = value; }\n"
                + "  @Async T swap(T next) {\n"
                + "    await(sleep(1));\n"
                + "    T old = value;\n"
                + "    history.add(old);\n"
                + "    value = next;\n"
                + "    return old;\n"
                + "  }\n"
                + "  static String start() {\n"
                + "    Holder<String> h = new Holder<>(\"a\");\n"
                + "    EventLoop loop = EventLoop.virtualTime();\n"
                + "    try { return loop.runUntilComplete(HolderAsync.swap(h, \"b\")) + h.value + h.history; }\n"
                + "    finally { loop.close(); }\n"
                + "  }\n"
                + "}\n");
        assertEquals("ab[a]", demo.call("demo.Holder", "start"));
    }

    @Test
    void handles_areStaticFinalFieldsOfOneHolderPerCompanion() throws Throwable {
        Harness.Compiled demo = compile("private int count;\n"
                + "private int twice(int n) { return 2 * n; }\n"
                + "@Async int one() { await(sleep(1)); return twice(count); }\n"
                + "@Async int two() { await(sleep(1)); count++; return twice(count); }\n");
        Class<?> holder = demo.load("demo.DemoAsync$Private");
        Field count = holder.getDeclaredField("COUNT");
        Field twice = holder.getDeclaredField("TWICE");
        for (Field handle : new Field[] {count, twice}) {
            assertTrue(Modifier.isStatic(handle.getModifiers()) && Modifier.isFinal(handle.getModifiers()),
                    handle::toString);
        }
        assertSame(VarHandle.class, count.getType());
        assertSame(MethodHandle.class, twice.getType());
        assertEquals(2, holder.getDeclaredFields().length, "one handle per member, shared by both methods");
        String source = demo.generated("demo.DemoAsync");
        assertTrue(source.contains("return resultInt(frame, task, Private.twice(self, (int) Private.COUNT.get(self)));"),
                source);
    }
}
