package org.asyncio4j.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;

/**
 * Compiles test sources through the real processor, then loads and runs what it generated.
 *
 * <p>Sources are compiled with {@code -Xlint:all}; a successful compilation must have no warnings at all, so the
 * generated code is held to the same standard as the user's.
 */
final class Harness {
    private Harness() {}

    /**
     * Processor options added to every compilation, from {@code -Dharness.options=-Aa=1,-Ab=2}: to run whole test
     * classes under another setting, e.g. every state machine split into one method per state
     * ({@code -Aasyncio4j.splitAbove=0,-Aasyncio4j.splitPartSize=1}).
     */
    private static final List<String> EXTRA_OPTIONS = System.getProperty("harness.options", "").isBlank() ? List.of()
            : List.of(System.getProperty("harness.options").split(","));

    static JavaFileObject source(String text) {
        Matcher pkg = Pattern.compile("package\\s+([\\w.]+);").matcher(text);
        Matcher type = Pattern.compile("(?:class|interface|enum|record)\\s+(\\w+)").matcher(text);
        if (!type.find()) {
            throw new IllegalArgumentException("no type in source");
        }
        String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
        return JavaFileObjects.forSourceString(name, text);
    }

    static Compilation compile(String... sources) {
        return compileWith(List.of(), sources);
    }

    /** {@link #compile} with more javac options, such as the processor's ({@code -Aasyncio4j.splitAbove=0}). */
    static Compilation compileWith(List<String> options, String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (String text : sources) {
            files.add(source(text));
        }
        List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Xlint:-processing"));
        all.addAll(EXTRA_OPTIONS);
        all.addAll(options);
        return javac().withProcessors(new AsyncProcessor()).withOptions(all).compile(files);
    }

    /** Compiles {@code text} through the processor and asserts exactly one error: {@code message}, on {@code line}. */
    static void assertOneError(String text, String message, int line) {
        JavaFileObject file = source(text);
        Compilation compilation = javac().withProcessors(new AsyncProcessor()).compile(file);
        com.google.testing.compile.CompilationSubject.assertThat(compilation).failed();
        com.google.testing.compile.CompilationSubject.assertThat(compilation).hadErrorCount(1);
        com.google.testing.compile.CompilationSubject.assertThat(compilation).hadErrorContaining(message)
                .inFile(file).onLine(line);
    }

    /** Compiles, failing with every diagnostic and the generated sources if javac reports anything. */
    static Compiled compileClean(String... sources) {
        Compilation compilation = compile(sources);
        List<Diagnostic<? extends JavaFileObject>> noise = compilation.diagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE).collect(Collectors.toList());
        if (compilation.status() != Compilation.Status.SUCCESS || !noise.isEmpty()) {
            fail("expected a clean compilation:\n" + noise.stream().map(Object::toString)
                    .collect(Collectors.joining("\n")) + "\n\ngenerated:\n" + generatedSources(compilation));
        }
        return new Compiled(compilation);
    }

    static String generatedSources(Compilation compilation) {
        StringBuilder text = new StringBuilder();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            try {
                text.append("// ").append(file.getName()).append('\n').append(file.getCharContent(true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    /** The result of a clean compilation: its classes, loadable in a fresh class loader. */
    static final class Compiled {
        final Compilation compilation;
        /** The class files, by binary name. */
        final Map<String, byte[]> classes;
        private final ClassLoader loader;
        /** The event loop of the last {@link #run}, for its virtual time. */
        EventLoop loop;

        Compiled(Compilation compilation) {
            this.compilation = compilation;
            Map<String, byte[]> classes = new HashMap<>();
            this.classes = classes;
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    String name = file.toUri().getPath().replaceFirst("^/(CLASS_OUTPUT/)?", "")
                            .replaceAll("\\.class$", "").replace('/', '.');
                    try (InputStream in = file.openInputStream()) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        in.transferTo(bytes);
                        classes.put(name, bytes.toByteArray());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            this.loader = new ClassLoader(Harness.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    byte[] bytes = classes.get(name);
                    if (bytes == null) {
                        throw new ClassNotFoundException(name + " (compiled: " + classes.keySet() + ")");
                    }
                    return defineClass(name, bytes, 0, bytes.length);
                }
            };
        }

        Class<?> load(String name) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        /** Calls the static method {@code name} of {@code className} (the only one with that name). */
        Object call(String className, String name, Object... args) throws Throwable {
            Class<?> type = load(className);
            List<Method> candidates = new ArrayList<>();
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                    candidates.add(method);
                }
            }
            assertEquals(1, candidates.size(), () -> "methods named " + name + " in " + type);
            Method method = candidates.get(0);
            method.setAccessible(true);
            try {
                return method.invoke(null, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Creates the coroutine through the generated entry point and runs it on a new virtual-time loop. */
        Object run(String companion, String entryPoint, Object... args) throws Throwable {
            Coroutine<?> coroutine = (Coroutine<?>) call(companion, entryPoint, args);
            loop = EventLoop.virtualTime();
            try {
                return loop.runUntilComplete(coroutine);
            } finally {
                loop.close();
            }
        }

        String generated(String qualifiedName) {
            String path = "/SOURCE_OUTPUT/" + qualifiedName.replace('.', '/') + ".java";
            for (JavaFileObject file : compilation.generatedSourceFiles()) {
                if (file.toUri().getPath().equals(path)) {
                    try {
                        return file.getCharContent(true).toString();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            throw new AssertionError("not generated: " + qualifiedName + "\n" + generatedSources(compilation));
        }
    }
}
