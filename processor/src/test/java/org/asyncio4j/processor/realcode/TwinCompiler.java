package org.asyncio4j.processor.realcode;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.asyncio4j.processor.AsyncProcessor;

/**
 * Compiles many twins at once, each its own file, and tells which ones failed and why. A twin with an error (in its
 * own file, or in the companion the processor generated for it) is dropped and the rest compiled again, until what is
 * left compiles; javac reports the errors of all files in one pass, so this takes few rounds.
 */
final class TwinCompiler {
    private static final Pattern TWIN = Pattern.compile("(?:^|/)twins/Twin(\\d+)(Async)?\\.java$");
    /**
     * An empty source path: javac must not compile the libraries' sources jars (also on the test class path) in
     * place of their binary jars.
     */
    private static final File NO_SOURCES = emptyDirectory();

    /** What one compilation produced: a loader for the twins that compiled, and the first error of each other. */
    record Result(ClassLoader loader, Map<Integer, String> errors) {}

    private TwinCompiler() {}

    /** Compiles {@code twins} (index to source) with the helper class, through the processor if {@code async}. */
    static Result compile(Map<Integer, String> twins, boolean async) {
        Map<Integer, String> remaining = new LinkedHashMap<>(twins);
        Map<Integer, String> errors = new LinkedHashMap<>();
        while (true) {
            Compilation compilation = compileOnce(remaining, async);
            Map<Integer, String> failed = errorsByTwin(compilation, remaining);
            if (failed.isEmpty()) {
                if (compilation.status() != Compilation.Status.SUCCESS) {
                    throw new AssertionError("twins did not compile, but no twin has an error: "
                            + compilation.diagnostics());
                }
                return new Result(loader(compilation), errors);
            }
            errors.putAll(failed);
            failed.keySet().forEach(remaining::remove);
        }
    }

    private static Compilation compileOnce(Map<Integer, String> twins, boolean async) {
        List<JavaFileObject> files = new ArrayList<>();
        files.add(JavaFileObjects.forSourceString("twins.Splice",
                async ? TwinWriter.ASYNC_SPLICE : TwinWriter.PLAIN_SPLICE));
        twins.forEach((index, text) -> files.add(
                JavaFileObjects.forSourceString(TwinWriter.PACKAGE + "." + TwinWriter.className(index), text)));
        var compiler = javac().withOptions("-sourcepath", NO_SOURCES.getPath(), "-implicit:none", "-Xmaxerrs",
                "100000", "-proc:" + (async ? "full" : "none"));
        return (async ? compiler.withProcessors(new AsyncProcessor()) : compiler).compile(files);
    }

    /** The first error of each twin; an error that names no twin fails the suite (the helpers must compile). */
    private static Map<Integer, String> errorsByTwin(Compilation compilation, Map<Integer, String> twins) {
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.errors()) {
            Matcher twin = diagnostic.getSource() == null ? null : TWIN.matcher(diagnostic.getSource().getName());
            if (twin == null || !twin.find()) {
                throw new AssertionError("an error outside the twins: " + diagnostic);
            }
            int index = Integer.parseInt(twin.group(1));
            String where = twin.group(2) == null ? "twin" : "generated companion";
            errors.putIfAbsent(index, where + " line " + diagnostic.getLineNumber() + ": ["
                    + diagnostic.getCode() + "] " + diagnostic.getMessage(Locale.ROOT));
        }
        return errors;
    }

    /** A class loader over the compiled classes, a child of the test's loader (which has the libraries and runtime). */
    private static ClassLoader loader(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
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
        ClassLoader loader = new ClassLoader(TwinCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        loader.setDefaultAssertionStatus(true);   // as for the library under surefire's -ea
        return loader;
    }

    private static File emptyDirectory() {
        try {
            File directory = Files.createTempDirectory("realcode-no-sources").toFile();
            directory.deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
