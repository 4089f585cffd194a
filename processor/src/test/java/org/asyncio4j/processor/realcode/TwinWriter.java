package org.asyncio4j.processor.realcode;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes twins: a small class {@code twins.Twin<N>} holding one copy of a library method as a static method
 * {@code twin}, with a spliced body (a copy of an instance method takes the receiver as its first parameter). The
 * async twin marks it {@code @Async}; the plain twin is the same text compiled against a {@code Splice} class in
 * which {@code await} and every helper return their argument.
 *
 * <p>The copy sees what the original saw: the original file's imports, the public types of the original package
 * (single-type imports, so they win over on-demand imports as the package's own types do), the member types and
 * static members of the classes around the method (on-demand imports), and its own class's methods through the
 * qualified calls the splicer adds, and copies of the static helpers and constants it could not reach from another
 * package ({@link CopiedMembers}). What it still cannot see (private instance members, private nested classes,
 * mutable static state) makes it not compile as a copy, and it is counted as not extractable.
 */
final class TwinWriter {
    static final String PACKAGE = "twins";

    private TwinWriter() {}

    static String className(int index) {
        return "Twin" + index;
    }

    static String twin(MethodSite site, int index, String body, boolean async) {
        MethodTree method = site.method();
        StringBuilder text = new StringBuilder("package " + PACKAGE + ";\n");
        for (String imported : imports(site)) {
            text.append(imported).append('\n');
        }
        text.append(async ? "import static org.asyncio4j.Asyncio.await;\n" : "import static twins.Splice.await;\n");
        // Library code may use raw types, deprecated API and unchecked casts; none of that is the processor's doing.
        text.append("@SuppressWarnings(\"all\")\nfinal class ").append(className(index)).append(" {\n");
        text.append("  // ").append(site.describe()).append('\n');
        text.append(async ? "  @org.asyncio4j.Async\n" : "").append("  static ");
        // An instance method's copy takes the receiver first, and its class's type parameters as its own.
        List<TypeParameterTree> typeParameters = new ArrayList<>();
        if (!site.isStatic()) {
            typeParameters.addAll(site.declaringClass().getTypeParameters());
        }
        typeParameters.addAll(method.getTypeParameters());
        if (!typeParameters.isEmpty()) {
            text.append('<').append(typeParameters.stream().map(site::text).collect(Collectors.joining(", ")))
                    .append("> ");
        }
        text.append(site.text(method.getReturnType())).append(" twin(");
        List<String> parameters = new ArrayList<>();
        if (!site.isStatic()) {
            parameters.add(site.receiverType() + " " + SpliceScanner.RECEIVER);
        }
        method.getParameters().forEach(parameter -> parameters.add(parameter(site, parameter)));
        text.append(String.join(", ", parameters));
        text.append(')');
        if (!method.getThrows().isEmpty()) {
            text.append(" throws ").append(method.getThrows().stream().map(site::text)
                    .collect(Collectors.joining(", ")));
        }
        text.append(' ').append(body).append('\n');
        for (String copy : CopiedMembers.of(site).texts()) {
            text.append("  ").append(copy).append('\n');
        }
        return text.append("}\n").toString();
    }

    /** A parameter as written, without annotations (which might be the library's own, not visible here). */
    private static String parameter(MethodSite site, VariableTree parameter) {
        String type = site.text(parameter.getType());
        boolean varargs = site.text(parameter).contains("...");
        return (varargs && !type.endsWith("...") ? type + "..." : type) + " " + parameter.getName();
    }

    private static Set<String> imports(MethodSite site) {
        Set<String> imports = new LinkedHashSet<>(site.imports());
        Set<String> importedNames = new LinkedHashSet<>();
        for (String imported : site.imports()) {
            if (!imported.contains(" static ") && !imported.endsWith("*;")) {
                String name = imported.replaceFirst(";$", "");
                importedNames.add(name.substring(name.lastIndexOf('.') + 1));
            }
        }
        String prefix = site.packageName().isEmpty() ? "" : site.packageName() + ".";
        for (String type : site.packageTypes()) {
            if (!importedNames.contains(type) && !type.equals("Splice")) {
                imports.add("import " + prefix + type + ";");
            }
        }
        for (MethodSite.EnclosingClass enclosing : site.enclosingClasses()) {
            imports.add("import " + prefix + enclosing.sourceName() + ".*;");
            imports.add("import static " + prefix + enclosing.sourceName() + ".*;");
        }
        return imports;
    }

    /** The helpers the async twins await: done at once, done by a later callback, or after a coroutine's sleep. */
    static final String ASYNC_SPLICE = """
            package twins;
            import org.asyncio4j.*;
            import static org.asyncio4j.Asyncio.*;
            public final class Splice {
              private Splice() {}
              public static <T> Future<T> now(T value) {
                Future<T> future = getRunningLoop().createFuture();
                future.setResult(value);
                return future;
              }
              public static <T> Future<T> later(T value) {
                EventLoop loop = getRunningLoop();
                Future<T> future = loop.createFuture();
                loop.callSoon(() -> future.setResult(value));
                return future;
              }
              public static <T> Coroutine<T> pause(T value) {
                return SpliceAsync.pauseThen(value);
              }
              @Async static <T> T pauseThen(T value) {
                await(sleep(0.001));
                return value;
              }
            }
            """;

    /** The same helpers when nothing waits: the plain twin's reference behaviour. */
    static final String PLAIN_SPLICE = """
            package twins;
            public final class Splice {
              private Splice() {}
              public static <T> T await(T value) { return value; }
              public static <T> T now(T value) { return value; }
              public static <T> T later(T value) { return value; }
              public static <T> T pause(T value) { return value; }
            }
            """;
}
