package org.asyncio4j.processor.scan;


import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;

/**
 * A parameter or local variable of an {@code @Async} method, as declared in the template.
 *
 * <p>The generated name and whether the variable becomes a field are decided later; this object only records the
 * declaration. Identity matters: two locals with the same name in different scopes are different objects.
 */
public final class LocalVar {
    /** {@code ASYNC_CURSOR}: the generated cursor of an async for-each loop (no declaration). */
    public enum Kind { PARAMETER, LOCAL, FOR_EACH, ASYNC_CURSOR }

    public final String name;
    public final Kind kind;
    /** The declaration; its path, for {@code Trees.getScope} when the type is {@code var}. */
    public final TreePath declaration;
    /** Whether the declaration is copied verbatim as part of a larger await-free statement. */
    public boolean insideFragment;
    /**
     * A pattern variable used outside the copied code that declares it (its scope crosses an await): kept in a
     * field like other locals (see {@code Hoisting.keepPatternVariables}).
     */
    public boolean keptBinding;
    /** For a {@link #keptBinding}: its first use, where {@code Trees.getScope} sees it with its type. */
    public TreePath firstUse;

    public LocalVar(String name, Kind kind, TreePath declaration) {
        this.name = name;
        this.kind = kind;
        this.declaration = declaration;
    }

    public VariableTree tree() {
        return (VariableTree) declaration.getLeaf();
    }

    /** Whether a declaration leaves its type to javac: {@code var x = ...}, or a lambda parameter without a type. */
    public static boolean isImplicit(VariableTree tree) {
        com.sun.source.tree.Tree type = tree.getType();
        return type == null || (type instanceof com.sun.source.tree.IdentifierTree
                && ((com.sun.source.tree.IdentifierTree) type).getName().contentEquals("var"));
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
