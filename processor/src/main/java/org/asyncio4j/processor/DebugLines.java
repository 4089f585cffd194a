package org.asyncio4j.processor;

import com.sun.source.util.JavacTask;
import org.asyncio4j.processor.print.SourceLines;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Gives the class files of the state machines the user's file and lines, so that a debugger's line breakpoints in
 * an {@code @Async} method stop in its state machine, stepping goes from user line to user line, and stack traces
 * show {@code Greeter.java:15} (issue #17).
 *
 * <p>How: {@link SourceLines} records which user line each line of a companion comes from while the companion is
 * written. This listener (registered on javac through the public {@link JavacTask#addTaskListener}) runs when javac
 * has written a class ({@link TaskEvent.Kind#GENERATE} finished), and rewrites the class file of each state machine
 * and of the classes nested in it (anonymous and local classes of the body) with {@link ClassFilePatcher}:
 * {@code SourceFile} becomes the user's file, every line number the user's line. The companion class itself (entry
 * points, {@code $await} methods, the private-access holder) keeps the generated file and its lines.
 *
 * <p>It is off under another compiler than javac (which then generates nothing anyway, see {@link AsyncProcessor}),
 * and with {@code -Aasyncio4j.debugLines=false}, which keeps the generated file's lines in the class files (to step
 * through the generated code). A class file it cannot read or write (a file manager without such files) is left as
 * javac wrote it, with a note.
 *
 * <p>Thread-safe: javac calls it from the compiling thread; the map is concurrent in case a build tool compiles
 * in parallel with one processor instance.
 */
final class DebugLines implements TaskListener {
    /** The processor option that turns this off. */
    static final String OPTION = "asyncio4j.debugLines";

    /** A written companion: the user's file, the user line of each generated line, its state machines. */
    private static final class Companion {
        final String userFile;
        final int[] lines;
        final Set<String> stateMachines;

        Companion(String userFile, int[] lines, Set<String> stateMachines) {
            this.userFile = userFile;
            this.lines = lines;
            this.stateMachines = stateMachines;
        }
    }

    private final Filer filer;
    private final Elements elements;
    private final javax.annotation.processing.Messager messager;
    /** By the companion's binary name. */
    private final Map<String, Companion> companions = new ConcurrentHashMap<>();

    private DebugLines(ProcessingEnvironment environment) {
        this.filer = environment.getFiler();
        this.elements = environment.getElementUtils();
        this.messager = environment.getMessager();
    }

    /** Registers the listener on javac; null (and nothing registered) under another compiler or when off. */
    static DebugLines install(ProcessingEnvironment environment) {
        if ("false".equals(environment.getOptions().get(OPTION))) {
            return null;
        }
        try {
            DebugLines listener = new DebugLines(environment);
            JavacTask.instance(environment).addTaskListener(listener);
            return listener;
        } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
            return null; // JavacTask.instance accepts only javac's own environment; without jdk.compiler it is absent
        }
    }

    /**
     * Remembers a companion written with user lines {@code lines} ({@link SourceLines.Stripped#lines}), whose state
     * machines are the nested classes {@code stateMachines}, so its classes are patched when javac writes them.
     */
    void register(String companionBinaryName, String userFile, int[] lines, Collection<String> stateMachines) {
        if (lines.length > 0) {
            companions.put(companionBinaryName, new Companion(userFile, lines, Set.copyOf(stateMachines)));
        }
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.GENERATE || event.getTypeElement() == null || companions.isEmpty()) {
            return;
        }
        TypeElement type = event.getTypeElement();
        String binaryName = elements.getBinaryName(type).toString();
        Companion companion = null; // a top-level class (the companion itself) keeps its generated lines
        for (int dollar = binaryName.indexOf('$'); dollar > 0 && companion == null;
                dollar = binaryName.indexOf('$', dollar + 1)) {
            Companion candidate = companions.get(binaryName.substring(0, dollar));
            if (candidate != null && isInStateMachine(candidate, binaryName.substring(dollar + 1))) {
                companion = candidate;
            }
        }
        if (companion == null) {
            return;
        }
        try {
            patch(binaryName, companion);
        } catch (IOException | RuntimeException | ClassFilePatcher.NotPatchedException e) {
            messager.printMessage(Diagnostic.Kind.NOTE, "asyncio4j: " + binaryName + " keeps the generated file's"
                    + " lines (its class file could not be rewritten: " + e + ")");
        }
    }

    /** Whether {@code nested} ({@code GreetCoroutine$1} of {@code GreeterAsync$GreetCoroutine$1}) is in one. */
    private static boolean isInStateMachine(Companion companion, String nested) {
        int dollar = nested.indexOf('$');
        return companion.stateMachines.contains(dollar < 0 ? nested : nested.substring(0, dollar));
    }

    private void patch(String binaryName, Companion companion)
            throws IOException, ClassFilePatcher.NotPatchedException {
        int dot = binaryName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binaryName.substring(0, dot);
        FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, pkg,
                binaryName.substring(dot + 1) + ".class");
        byte[] original;
        try (InputStream in = file.openInputStream()) {
            original = in.readAllBytes();
        }
        int[] lines = companion.lines;
        byte[] patched = ClassFilePatcher.patch(original, binaryName.replace('.', '/'), companion.userFile,
                line -> line > 0 && line < lines.length ? lines[line] : SourceLines.UNMAPPED);
        if ("file".equals(file.toUri().getScheme())) {
            java.nio.file.Files.write(java.nio.file.Path.of(file.toUri()), patched); // the Filer's copy is read-only
        } else {
            try (OutputStream out = filer.createResource(StandardLocation.CLASS_OUTPUT, pkg,
                    binaryName.substring(dot + 1) + ".class").openOutputStream()) {
                out.write(patched);
            }
        }
    }

    /** The simple names of the state machine classes among a companion's nested types. */
    static List<String> names(List<com.palantir.javapoet.TypeSpec> stateMachines) {
        return stateMachines.stream().map(com.palantir.javapoet.TypeSpec::name).collect(
                java.util.stream.Collectors.toList());
    }
}
