package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kinds of methods and classes {@code @Async} works on: static and instance methods, generics, nested classes,
 * interfaces, enums, records, varargs, {@code void} and {@code throws}; and the shape of the companion class.
 */
class DeclarationsTest {
    private static final String IMPORTS = "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";

    @Test
    void instanceMethod_usesFieldsMethodsAndThis_throughTheReceiver() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "public class Greeter {\n"
                + "  final String greeting;\n"
                + "  int calls;\n"
                + "  static final String SUFFIX = \"!\";\n"
                + "  Greeter(String greeting) { this.greeting = greeting; }\n"
                + "  String decorate(String s) { calls++; return s + SUFFIX; }\n"
                + "  static Greeter make() { return new Greeter(\"Hello\"); }\n"
                + "  @Async String greet(String name, double delay) {\n"
                + "    await(sleep(delay));\n"
                + "    Greeter self = this;\n"
                + "    return decorate(greeting + \", \" + name) + this.calls + self.calls;\n"
                + "  }\n"
                + "}\n");
        Object greeter = demo.call("demo.Greeter", "make");
        assertEquals("Hello, Ada!11", demo.run("demo.GreeterAsync", "greet", greeter, "Ada", 0.2));
        assertEquals(0.2, demo.loop.time(), 1e-9);
    }

    @Test
    void innerClassCreatedWithImplicitOuterInstance_getsTheReceiver() throws Throwable {
        // Found by the fuzzer (NESTED_CLASSES): `new Counter()` was written `new Owner.Counter()`, which has no
        // enclosing instance and does not compile.
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "public class Owner {\n"
                + "  int base = 10;\n"
                + "  final class Counter { int n; int add(int d) { n += d; return n + base; } }\n"
                + "  static Owner make() { return new Owner(); }\n"
                + "  @Async int count(int x) {\n"
                + "    Counter kept = new Counter();\n"
                + "    await(sleep(0.1));\n"
                + "    return kept.add(x) + new Counter().add(await(OwnerAsync.later(x)));\n"
                + "  }\n"
                + "  @Async static int later(int x) { await(sleep(0.1)); return x; }\n"
                + "}\n");
        assertEquals(15 + 15, demo.run("demo.OwnerAsync", "count", demo.call("demo.Owner", "make"), 5));
    }

    @Test
    void genericMethodAndGenericClass_keepTheirTypeVariables() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "class Box<T extends Comparable<T>> {\n"
                + "  T value;\n"
                + "  Box(T value) { this.value = value; }\n"
                + "  static Box<String> of(String s) { return new Box<>(s); }\n"
                + "  @Async T larger(T other) {\n"
                + "    await(sleep(0));\n"
                + "    T mine = value;\n"
                + "    await(sleep(0));\n"
                + "    return mine.compareTo(other) >= 0 ? mine : other;\n"
                + "  }\n"
                + "  @Async static <E> List<E> twice(E element) {\n"
                + "    List<E> list = new ArrayList<>();\n"
                + "    await(sleep(1));\n"
                + "    list.add(element);\n"
                + "    list.add(element);\n"
                + "    return list;\n"
                + "  }\n"
                + "}\n");
        assertEquals("pear", demo.run("demo.BoxAsync", "larger", demo.call("demo.Box", "of", "apple"), "pear"));
        assertEquals(List.of(7, 7), demo.run("demo.BoxAsync", "twice", 7));
    }

    /**
     * Found by the real-code suite in commons-collections4 ({@code LayerManager.Cleanup.removeIf}): a parameter whose
     * type is a wildcard of a type variable with a recursive bound. The diamond {@code new MCoroutine<>(test)} made
     * javac infer the variable back from the captured wildcard, which does not fit; generated code did not compile.
     */
    @Test
    void typeVariablesWithRecursiveBoundsAndWildcardParameters_arePassedExplicitly() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "import java.util.function.*;\n"
                + "class Cleanup<S extends Comparable<S>> {\n"
                + "  @Async static <T extends Comparable<T>> Consumer<Deque<T>> removeIf(Predicate<? super T> test) {\n"
                + "    await(sleep(0));\n"
                + "    return x -> x.removeIf(test);\n"
                + "  }\n"
                + "  @Async <T extends Comparable<T>> int count(List<? extends T> xs, Predicate<? super S> on, S s) {\n"
                + "    await(sleep(0));\n"
                + "    Coroutine<Integer> later = async(() -> { await(sleep(0)); return xs.size() + (on.test(s) ? 100 : 0); });\n"
                + "    return await(later);\n"
                + "  }\n"
                + "  @Async static String run() {\n"
                + "    Deque<String> d = new ArrayDeque<>(List.of(\"a\", \"bb\", \"c\"));\n"
                + "    Consumer<Deque<String>> c = await(CleanupAsync.removeIf((CharSequence q) -> q.length() > 1));\n"
                + "    c.accept(d);\n"
                + "    int n = await(CleanupAsync.count(new Cleanup<String>(), List.of(1, 2), (Object o) -> true, \"s\"));\n"
                + "    return d + \" \" + n;\n"
                + "  }\n"
                + "}\n");
        assertEquals("[a, c] 102", demo.run("demo.CleanupAsync", "run"));
    }

    @Test
    void nestedClasses_getFlatCompanionNames_andQualifiedMemberTypes() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "class Outer {\n"
                + "  static class Item { final String name; Item(String name) { this.name = name; } }\n"
                + "  static int counter = 40;\n"
                + "  static class Inner {\n"
                + "    @Async static String make(String name) {\n"
                + "      Item item = new Item(name);\n"
                + "      await(sleep(1));\n"
                + "      counter++;\n"
                + "      return item.name + counter;\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
        assertEquals("x41", demo.run("demo.Outer_InnerAsync", "make", "x"));
    }

    @Test
    void interfaceDefaultMethod_enumAndRecord_work() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "interface Named {\n"
                + "  String name();\n"
                + "  @Async default String shout() { await(sleep(1)); return name().toUpperCase(); }\n"
                + "}\n", "package demo;\n" + IMPORTS
                + "enum Color implements Named {\n"
                + "  RED, GREEN;\n"
                + "  @Async String describe() { await(sleep(1)); return name() + ordinal(); }\n"
                + "}\n", "package demo;\n" + IMPORTS
                + "record Point(int x, int y) {\n"
                + "  @Async int sum() { await(sleep(1)); return x() + y(); }\n"
                + "}\n");
        Class<?> color = demo.load("demo.Color");
        Object green = color.getEnumConstants()[1];
        assertEquals("GREEN1", demo.run("demo.ColorAsync", "describe", green));
        assertEquals("GREEN", demo.run("demo.NamedAsync", "shout", green));
        java.lang.reflect.Constructor<?> constructor = demo.load("demo.Point").getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        Object point = constructor.newInstance(2, 3);
        assertEquals(5, demo.run("demo.PointAsync", "sum", point));
    }

    @Test
    void varargsVoidAndThrows_areKeptInTheEntryPoint() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "class Util {\n"
                + "  @Async static void collect(List<String> out, String... parts) throws Exception {\n"
                + "    for (String part : parts) { await(sleep(1)); out.add(part); }\n"
                + "  }\n"
                + "}\n");
        List<String> out = new java.util.ArrayList<>();
        demo.run("demo.UtilAsync", "collect", out, new String[] {"a", "b"});
        assertEquals(List.of("a", "b"), out);
        assertTrue(demo.load("demo.UtilAsync").getDeclaredMethods()[0].isVarArgs()
                || java.util.Arrays.stream(demo.load("demo.UtilAsync").getDeclaredMethods())
                        .anyMatch(java.lang.reflect.Method::isVarArgs));
    }

    @Test
    void generatedCode_isLabelledAndPointsAtTheUsersLines() throws Throwable {
        Harness.Compiled demo = Harness.compileClean("package demo;\n" + IMPORTS
                + "public class Greeter {\n"
                + "  @Async\n"
                + "  public static String greet(String name) {\n"
                + "    await(sleep(1));\n"
                + "    return \"Hi \" + name;\n"
                + "  }\n"
                + "}\n");
        String source = demo.generated("demo.GreeterAsync");
        assertTrue(source.contains("@Generated("), source);
        assertTrue(source.contains("public final class GreeterAsync"), source);
        assertTrue(source.contains("public static Coroutine<String> greet(String name)"), source);
        assertTrue(source.contains("class GreetCoroutine extends AsyncStateMachine<String>"), source);
        // case 0 starts at the first statement, case 1 resumes after the await: both on line 8
        assertEquals(2, source.split("// Greeter.java:8\n", -1).length - 1, source);
        // The body runs frame-less until it must wait: then it breaks out of the switch to the one place that
        // saves its locals into the frame (created there the first time), which suspends.
        assertTrue(source.contains("if (suspendOn(frame, task, sleep(1))) break suspend;\n"), source);
        assertTrue(source.contains("if (frame == null) {\n"
                + "                    frame = new GreetCoroutine(name);\n"
                + "                    frame.startInline(task);\n"
                + "                }\n"
                + "                frame.state = state;\n"
                + "                if (frame.suspendOnKept()) return frame.suspended();\n"), source);
        assertEquals(1, source.split("startInline", -1).length - 1, source);
        assertTrue(source.contains("public static boolean greet$await(Task<?> task, String name)"), source);
        // The same lines as metadata for the runtime's diagnostics (a slow step names the user's line).
        assertTrue(source.contains("@GeneratedCoroutine(\n            method = \"Greeter.greet(String)\",\n"
                + "            owner = \"demo.Greeter\",\n"
                + "            file = \"Greeter.java\",\n            lines = {8, 8}\n    )"), source);
        Class<?> machine = demo.load("demo.GreeterAsync$GreetCoroutine");
        org.asyncio4j.internal.GeneratedCoroutine lines =
                machine.getAnnotation(org.asyncio4j.internal.GeneratedCoroutine.class);
        assertEquals("Greeter.java", lines.file());
        assertEquals(List.of(8, 8), java.util.Arrays.stream(lines.lines()).boxed().collect(
                java.util.stream.Collectors.toList()));
    }
}
