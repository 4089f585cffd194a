package org.asyncio4j.processor.realcode;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.SourcePositions;
import java.util.List;
import java.util.Set;

/**
 * One method of a library as parsed from its sources jar: where it lives, its signature as written, and its tree
 * (with positions into {@link #source}) for the splicer.
 *
 * @param binaryClassName the declaring class as {@code Class.forName} knows it ({@code p.Outer$Inner})
 * @param classPath the declaring class as source names it from the twin, {@code Outer.Inner}
 * @param enclosingClasses the declaring class and the classes around it, innermost first, as source names
 *     ({@code Outer.Inner}, {@code Outer}), each with the names of the methods it declares
 * @param imports the compilation unit's import declarations, as written
 * @param packageTypes the simple names of the public top-level types of the package, which the original sees
 *     without an import
 */
record MethodSite(Library library, String packageName, String binaryClassName, String classPath,
        List<EnclosingClass> enclosingClasses, List<String> imports, Set<String> packageTypes,
        ClassTree declaringClass, MethodTree method, CompilationUnitTree unit, SourcePositions positions,
        String source) {

    /**
     * A class around the method and the names of its methods and fields: an unqualified call of one of its methods
     * means that class (or, in an instance method of the declaring class, the receiver), and so does an unqualified
     * field name in an instance method.
     */
    record EnclosingClass(String sourceName, Set<String> methodNames, Set<String> fieldNames, ClassTree tree) {}

    boolean isStatic() {
        return method.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.STATIC);
    }

    /** The declaring class as a type, with its type parameters: {@code Pair<L, R>}. */
    String receiverType() {
        List<? extends com.sun.source.tree.TypeParameterTree> parameters = declaringClass.getTypeParameters();
        return classPath + (parameters.isEmpty() ? "" : parameters.stream().map(p -> p.getName().toString())
                .collect(java.util.stream.Collectors.joining(", ", "<", ">")));
    }

    String name() {
        return method.getName().toString();
    }

    /** {@code lang3 org.apache.commons.lang3.StringUtils.isBlank(CharSequence)}: how reports name the method. */
    String describe() {
        return library.name().toLowerCase(java.util.Locale.ROOT) + " " + packageName + "." + classPath + "." + name()
                + "(" + String.join(", ", method.getParameters().stream().map(p -> p.getType().toString()).toList())
                + ")";
    }

    int start(com.sun.source.tree.Tree tree) {
        return (int) positions.getStartPosition(unit, tree);
    }

    int end(com.sun.source.tree.Tree tree) {
        return (int) positions.getEndPosition(unit, tree);
    }

    /** The source text of a tree, exactly as written. */
    String text(com.sun.source.tree.Tree tree) {
        return source.substring(start(tree), end(tree));
    }
}
