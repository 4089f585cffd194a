package org.asyncio4j.processor.realcode;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Reads a library's sources jar and lists the methods a twin can be cut from: every method with a body in a
 * top-level or static nested class (not in anonymous or local classes, not constructors), in jar order.
 *
 * <p>Only javac's public tree API is used, and only to parse ({@link JavacTask#parse}): nothing is attributed, so
 * reading all three libraries takes a few seconds. Whether a body really works outside its class is decided later by
 * compiling it ({@link TwinCompiler}).
 */
final class SourceReader {
    private SourceReader() {}

    static List<MethodSite> methods(Library library) {
        return methods(library, read(library.sourcesJar()));
    }

    /** The methods of {@code files}, reported as {@code library}'s: also for tests of the suite itself. */
    static List<MethodSite> methods(Library library, List<JavaFileObject> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null, files);
        List<CompilationUnitTree> units = new ArrayList<>();
        try {
            task.parse().forEach(units::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        TreeMap<String, Set<String>> publicTypesByPackage = new TreeMap<>();
        for (CompilationUnitTree unit : units) {
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                    publicTypesByPackage.computeIfAbsent(packageOf(unit), p -> new LinkedHashSet<>())
                            .add(c.getSimpleName().toString());
                }
            }
        }
        List<MethodSite> sites = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            String source;
            try {
                source = unit.getSourceFile().getCharContent(true).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> imports = new ArrayList<>();
            for (ImportTree imported : unit.getImports()) {
                imports.add(source.substring((int) positions.getStartPosition(unit, imported),
                        (int) positions.getEndPosition(unit, imported)));
            }
            Set<String> packageTypes = publicTypesByPackage.getOrDefault(packageOf(unit), Set.of());
            Context context = new Context(library, unit, positions, source, imports, packageTypes, sites);
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c) {
                    collect(context, c, packageOf(unit).isEmpty() ? "" : packageOf(unit) + ".", List.of());
                }
            }
        }
        return sites;
    }

    private record Context(Library library, CompilationUnitTree unit, SourcePositions positions, String source,
            List<String> imports, Set<String> packageTypes, List<MethodSite> sites) {}

    private static void collect(Context context, ClassTree type, String binaryPrefix,
            List<MethodSite.EnclosingClass> outer) {
        String simple = type.getSimpleName().toString();
        String sourceName = outer.isEmpty() ? simple : outer.get(0).sourceName() + "." + simple;
        Set<String> methodNames = new LinkedHashSet<>();
        Set<String> fieldNames = new LinkedHashSet<>();
        for (Tree member : type.getMembers()) {
            if (member instanceof MethodTree m) {
                methodNames.add(m.getName().toString());
            } else if (member instanceof VariableTree field) {
                fieldNames.add(field.getName().toString());
            }
        }
        List<MethodSite.EnclosingClass> enclosing = new ArrayList<>();
        enclosing.add(new MethodSite.EnclosingClass(sourceName, Collections.unmodifiableSet(methodNames),
                Collections.unmodifiableSet(fieldNames), type));
        enclosing.addAll(outer);
        String binaryName = binaryPrefix + simple;
        for (Tree member : type.getMembers()) {
            if (member instanceof MethodTree m && m.getBody() != null && !m.getName().contentEquals("<init>")) {
                context.sites.add(new MethodSite(context.library, packageOf(context.unit), binaryName, sourceName,
                        List.copyOf(enclosing), context.imports, context.packageTypes, type, m, context.unit,
                        context.positions, context.source));
            } else if (member instanceof ClassTree nested && isStatic(type, nested)) {
                collect(context, nested, binaryName + "$", enclosing);
            }
        }
    }

    /** Nested enums, records and interfaces are static; a nested class only if it says so. */
    private static boolean isStatic(ClassTree outer, ClassTree nested) {
        return nested.getKind() != Tree.Kind.CLASS || outer.getKind() == Tree.Kind.INTERFACE
                || nested.getModifiers().getFlags().contains(Modifier.STATIC);
    }

    private static String packageOf(CompilationUnitTree unit) {
        return unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    }

    /** The jar's {@code .java} files as in-memory sources, sorted by path so every run sees the same order. */
    private static List<JavaFileObject> read(File jar) {
        List<JavaFileObject> files = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar)) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().endsWith(".java") && !entry.getName().endsWith("module-info.java")
                        && !entry.getName().endsWith("package-info.java")) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                URI uri = URI.create("jar:///" + entry.getName());
                files.add(new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
