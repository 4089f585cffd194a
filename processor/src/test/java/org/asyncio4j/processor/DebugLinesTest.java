package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The state machines' class files name the user's file and lines (issue #17): what {@link DebugLines} does after
 * javac wrote them, seen in the class files and in the stack trace of an exception thrown by a coroutine.
 */
class DebugLinesTest {
    /** Line numbers are those of this text (line 1 is {@code package demo;}). */
    private static final String SHOP = String.join("\n",
            "package demo;",                                                        // 1
            "",                                                                     // 2
            "import org.asyncio4j.Async;",                                          // 3
            "import static org.asyncio4j.Asyncio.*;",                               // 4
            "",                                                                     // 5
            "class Shop {",                                                         // 6
            "    @Async",                                                           // 7
            "    static int total(int count, double delay) {",                      // 8
            "        int sum = 0;",                                                 // 9
            "        for (int i = 0; i < count; i++) {",                            // 10
            "            await(sleep(delay));",                                     // 11
            "            int price = i * 10;",                                      // 12
            "            sum += price;",                                            // 13
            "        }",                                                            // 14
            "        if (sum > 20) {",                                              // 15
            "            for (int j = 0; j < 2; j++) {",                            // 16
            "                sum--;",                                               // 17
            "            }",                                                        // 18
            "            Runnable check = () -> {",                                 // 19
            "                throw new IllegalArgumentException(\"too much\");",    // 20
            "            };",                                                       // 21
            "            check.run();",                                             // 22
            "        }",                                                            // 23
            "        return sum;",                                                  // 24
            "    }",                                                                // 25
            "}");

    @Test
    void stateMachineClassNamesTheUsersFileAndLines() throws Exception {
        Harness.Compiled compiled = Harness.compileClean(SHOP);
        assertNoPatchNotes(compiled.compilation);
        byte[] stateMachine = classFile(compiled.compilation, "demo/ShopAsync$TotalCoroutine");
        assertEquals("Shop.java", ClassFilePatcher.sourceFile(stateMachine));
        List<int[]> table = ClassFilePatcher.lineNumberTable(stateMachine, "stepBody");
        TreeSet<Integer> lines = table.stream().map(e -> e[1]).collect(Collectors.toCollection(TreeSet::new));
        // every statement's line, the loop's and the header (frame loading, dispatch); nothing outside 8..24
        assertEquals(new TreeSet<>(List.of(8, 9, 10, 11, 12, 13, 15, 16, 17, 19, 22, 24)), lines);
        for (int i = 1; i < table.size(); i++) {
            assertTrue(table.get(i)[1] != table.get(i - 1)[1], "one entry per run of a line: " + render(table));
        }
        // glue has no lines: debuggers step through it
        assertTrue(ClassFilePatcher.lineNumberTable(stateMachine, "step").isEmpty());
        assertTrue(ClassFilePatcher.lineNumberTable(stateMachine, "<init>").isEmpty());
        // the lambda's body is a method of the state machine too
        List<int[]> lambda = ClassFilePatcher.lineNumberTable(stateMachine, "lambda$stepBody$0");
        assertEquals(List.of(20), lambda.stream().map(e -> e[1]).collect(Collectors.toList()));
        // the companion itself keeps its generated file
        assertEquals("ShopAsync.java", ClassFilePatcher.sourceFile(classFile(compiled.compilation, "demo/ShopAsync")));
    }

    @Test
    void exceptionFromACoroutineShowsTheUsersFileAndLine() {
        Harness.Compiled compiled = Harness.compileClean(SHOP);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> compiled.run("demo.ShopAsync", "total", 3, 0.5));
        StackTraceElement[] trace = thrown.getStackTrace();
        // the lambda at line 20, called by the coroutine's line 22
        assertEquals("Shop.java:20", trace[0].getFileName() + ":" + trace[0].getLineNumber(), render(trace));
        // the state machine's frame right after the lambda's, as the runtime relabels it (AsyncTraces): the user's
        // class, method, file and line
        StackTraceElement body = trace[1];
        assertEquals("demo.Shop.total(Shop.java:22)", body.getClassName() + "." + body.getMethodName() + "("
                + body.getFileName() + ":" + body.getLineNumber() + ")", render(trace));
    }

    /** A nested owner whose own name has an underscore: its companion's name ({@code Outer_My_InnerAsync}) is ambiguous. */
    @Test
    void nestedOwnerIsNamedByItsBinaryName() {
        Harness.Compiled compiled = Harness.compileClean(String.join("\n",
                "package demo;",                                                    // 1
                "",                                                                 // 2
                "import org.asyncio4j.Async;",                                      // 3
                "import static org.asyncio4j.Asyncio.*;",                           // 4
                "",                                                                 // 5
                "class Outer {",                                                    // 6
                "    static class My_Inner {",                                      // 7
                "        @Async",                                                   // 8
                "        static int fail(double delay) {",                          // 9
                "            await(sleep(delay));",                                 // 10
                "            throw new IllegalStateException(\"late\");",           // 11
                "        }",                                                        // 12
                "    }",                                                            // 13
                "}"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> compiled.run("demo.Outer_My_InnerAsync", "fail", 0.5));
        StackTraceElement top = thrown.getStackTrace()[0];
        assertEquals("demo.Outer$My_Inner.fail(Outer.java:11)", top.getClassName() + "." + top.getMethodName() + "("
                + top.getFileName() + ":" + top.getLineNumber() + ")", render(thrown.getStackTrace()));
    }

    @Test
    void generatedSourceHasNoMarkers() {
        Harness.Compiled compiled = Harness.compileClean(SHOP);
        String generated = compiled.generated("demo.ShopAsync");
        assertTrue(generated.chars().allMatch(c -> c < 0x80), "ASCII only:\n" + generated);
    }

    @Test
    void optionKeepsTheGeneratedLines() {
        Compilation compilation = com.google.testing.compile.Compiler.javac().withProcessors(new AsyncProcessor())
                .withOptions("-Aasyncio4j.debugLines=false").compile(Harness.source(SHOP));
        assertEquals(Compilation.Status.SUCCESS, compilation.status());
        byte[] stateMachine = classFile(compilation, "demo/ShopAsync$TotalCoroutine");
        try {
            assertEquals("ShopAsync.java", ClassFilePatcher.sourceFile(stateMachine));
            assertTrue(ClassFilePatcher.lineNumberTable(stateMachine, "stepBody").stream().anyMatch(e -> e[1] > 25));
        } catch (ClassFilePatcher.NotPatchedException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoPatchNotes(Compilation compilation) {
        assertTrue(compilation.notes().stream().noneMatch(d -> d.getMessage(null).contains("asyncio4j")),
                () -> compilation.notes().toString());
    }

    static byte[] classFile(Compilation compilation, String internalName) {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS
                    && file.toUri().getPath().replaceFirst("^/(CLASS_OUTPUT/)?", "").equals(internalName + ".class")) {
                try (InputStream in = file.openInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no class file " + internalName);
    }

    private static String render(List<int[]> table) {
        return table.stream().map(e -> e[0] + "->" + e[1]).collect(Collectors.joining(", "));
    }

    private static String render(StackTraceElement[] trace) {
        return java.util.Arrays.stream(trace).map(Object::toString).collect(Collectors.joining("\n"));
    }
}
