package org.asyncio4j.processor.print;

import com.sun.source.tree.Tree;

/**
 * Thrown by {@link SourcePrinter} for a construct it cannot print: a tree kind of a newer Java version (record
 * patterns, patterns in {@code case} labels, ...), a parse error, or a tree shape it does not know.
 *
 * <p>Callers turn it into a compile error at {@link #tree()} instead of letting javac crash.
 */
public final class UnsupportedTreeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Tree tree;
    private final String what;

    UnsupportedTreeException(Tree tree, String what) {
        super("cannot copy " + what + " (" + (tree == null ? "no tree" : tree.getKind()) + ") into generated code");
        this.tree = tree;
        this.what = what;
    }

    /** The tree that could not be printed; put the diagnostic here. */
    public Tree tree() {
        return tree;
    }

    /** A short description of the construct, such as {@code "a record pattern"}. */
    String what() {
        return what;
    }
}
