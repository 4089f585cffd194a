package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link ClassFilePatcher} on a real class file (this test's {@link Fixture}), loaded and run after patching. */
class ClassFilePatcherTest {
    /** Constants of every width (a long and a double take two pool slots), a lambda, and a throw. */
    static final class Fixture {
        static final long BIG = 1L << 40;

        static String run(double factor) {
            long big = BIG + System.nanoTime() % 2;
            double scaled = big * factor;
            Runnable fail = () -> {
                throw new IllegalStateException("from the lambda " + scaled);
            };
            fail.run();
            return "unreachable";
        }
    }

    private static final String NAME = Fixture.class.getName().replace('.', '/');

    private static byte[] fixtureBytes() throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream("/" + NAME + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void newSourceFileIsAppendedToThePoolAndLinesAreMapped() throws Exception {
        byte[] original = fixtureBytes();
        List<int[]> before = ClassFilePatcher.lineNumberTable(original, "run");
        byte[] patched = ClassFilePatcher.patch(original, NAME, "Elsewhere.java", line -> line + 1000);
        assertEquals("Elsewhere.java", ClassFilePatcher.sourceFile(patched));
        assertEquals(before.stream().map(e -> e[0] + ":" + (e[1] + 1000)).collect(Collectors.toList()),
                ClassFilePatcher.lineNumberTable(patched, "run").stream().map(e -> e[0] + ":" + e[1])
                        .collect(Collectors.toList()));
        // the verifier accepts it, and stack traces show the new file and lines
        Throwable thrown = invokeRun(patched);
        StackTraceElement top = thrown.getStackTrace()[0];
        assertEquals("Elsewhere.java", top.getFileName());
        assertTrue(top.getLineNumber() > 1000, top.toString());
        assertEquals(original.length + 3 + "Elsewhere.java".length(), patched.length); // one Utf8 entry more
    }

    @Test
    void linesMappedToOneLineMergeAndUnmappedMethodsLoseTheirTable() throws Exception {
        byte[] original = fixtureBytes();
        java.util.Set<Integer> runLines = ClassFilePatcher.lineNumberTable(original, "run").stream()
                .map(e -> e[1]).collect(Collectors.toSet());
        // run()'s lines all to line 7: one entry; every other method (the lambda's, <init>) unmapped: no table
        byte[] patched = ClassFilePatcher.patch(original, NAME, "Fixture.java",
                line -> runLines.contains(line) ? 7 : 0);
        List<int[]> run = ClassFilePatcher.lineNumberTable(patched, "run");
        assertEquals(1, run.size());
        assertEquals(7, run.get(0)[1]);
        assertTrue(ClassFilePatcher.lineNumberTable(patched, "<init>").isEmpty());
        Throwable thrown = invokeRun(patched);
        StackTraceElement lambda = thrown.getStackTrace()[0];
        assertEquals(-1, lambda.getLineNumber(), lambda.toString()); // the lambda's line was not mapped
        StackTraceElement caller = thrown.getStackTrace()[1];
        assertEquals("Fixture.java:7", caller.getFileName() + ":" + caller.getLineNumber());
    }

    @Test
    void anUnmappedEntryContinuesTheLineBeforeIt() throws Exception {
        byte[] original = fixtureBytes();
        List<int[]> before = ClassFilePatcher.lineNumberTable(original, "run");
        assertTrue(before.size() >= 3, "the fixture has several lines");
        int second = before.get(1)[1];
        byte[] patched = ClassFilePatcher.patch(original, NAME, "Fixture.java", line -> line == second ? 0 : line);
        List<int[]> after = ClassFilePatcher.lineNumberTable(patched, "run");
        assertEquals(before.size() - 1, after.size());
        assertEquals(before.get(0)[1], after.get(0)[1]);
        assertEquals(before.get(2)[0], after.get(1)[0]);
    }

    @Test
    void rejectsAnotherClassOrBrokenBytes() throws Exception {
        byte[] original = fixtureBytes();
        assertThrows(ClassFilePatcher.NotPatchedException.class,
                () -> ClassFilePatcher.patch(original, "demo/Other", "X.java", line -> line));
        byte[] truncated = java.util.Arrays.copyOf(original, original.length - 7);
        assertThrows(ClassFilePatcher.NotPatchedException.class,
                () -> ClassFilePatcher.patch(truncated, NAME, "X.java", line -> line));
        assertThrows(ClassFilePatcher.NotPatchedException.class,
                () -> ClassFilePatcher.patch(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, NAME, "X.java",
                        line -> line));
    }

    /** Defines the (patched) fixture in its own loader and calls {@code run(2.0)}; returns what it threw. */
    private static Throwable invokeRun(byte[] bytes) throws Exception {
        String name = Fixture.class.getName();
        ClassLoader loader = new ClassLoader(ClassFilePatcherTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (className.equals(name)) {
                    synchronized (getClassLoadingLock(className)) {
                        Class<?> loaded = findLoadedClass(className);
                        return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(className, resolve);
            }
        };
        try {
            java.lang.reflect.Method run = loader.loadClass(name).getDeclaredMethod("run", double.class);
            run.setAccessible(true); // another loader: another runtime package
            run.invoke(null, 2.0);
        } catch (InvocationTargetException e) {
            assertEquals(IllegalStateException.class, e.getCause().getClass());
            return e.getCause();
        }
        throw new AssertionError("run() returned");
    }
}
