package org.asyncio4j.processor.realcode;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the class a type name in a method's source means, the way the original file sees it, without attribution:
 * the file's own package, its single-type and on-demand imports, {@code java.lang}, and qualified names. Good enough to
 * recognize {@link KnownBug} shapes; a name it cannot place is null.
 */
final class TypeNames {
    private TypeNames() {}

    static Class<?> resolve(MethodSite site, ExpressionTree name) {
        if (name instanceof ParameterizedTypeTree parameterized) {
            return resolve(site, (ExpressionTree) parameterized.getType());
        }
        String written = name instanceof IdentifierTree || name instanceof MemberSelectTree ? name.toString() : null;
        if (written == null) {
            return null;
        }
        String simple = written.contains(".") ? written.substring(0, written.indexOf('.')) : written;
        String rest = written.substring(simple.length()).replace('.', '$');
        for (String candidate : candidates(site, simple)) {
            Class<?> found = load(candidate + rest);
            if (found != null) {
                return found;
            }
        }
        return load(written);
    }

    private static List<String> candidates(MethodSite site, String simple) {
        List<String> candidates = new ArrayList<>();
        for (String imported : site.imports()) {
            String name = imported.replaceFirst("^import\\s+", "").replaceFirst(";$", "").trim();
            if (!name.startsWith("static ") && name.endsWith("." + simple)) {
                candidates.add(name);
            }
        }
        candidates.add(site.packageName() + "." + simple);
        for (String imported : site.imports()) {
            String name = imported.replaceFirst("^import\\s+", "").replaceFirst(";$", "").trim();
            if (!name.startsWith("static ") && name.endsWith(".*")) {
                candidates.add(name.substring(0, name.length() - 1) + simple);
            }
        }
        candidates.add("java.lang." + simple);
        return candidates;
    }

    private static Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, false, TypeNames.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
