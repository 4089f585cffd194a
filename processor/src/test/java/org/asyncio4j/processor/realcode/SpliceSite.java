package org.asyncio4j.processor.realcode;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/**
 * A place in a method body where the splicer may put an await: before a statement, or around an expression.
 *
 * @param kind what kind of place it is, which is also what reports count
 * @param start where the statement or expression starts in the compilation unit
 * @param end where the expression ends ({@code start} for a statement position)
 * @param primitive for an expression of a known primitive type, its keyword: the awaited value is cast back to it,
 *     so boxing changes neither overload resolution nor {@code ==}
 * @param path the statement or expression, for the {@link KnownBug} shapes
 */
record SpliceSite(Kind kind, int start, int end, String primitive, TreePath path) {

    enum Kind {
        /** {@code await(...);} before a statement of a block or a case. */
        STATEMENT,
        /** A read of a local or parameter whose declared type is written out. */
        LOCAL_READ,
        /** The condition of an {@code if}, a loop or a {@code ?:}. */
        CONDITION,
        /** The value of a {@code return}. */
        RETURN_VALUE,
        /** The initializer of a local with a written-out type, or the right side of an assignment. */
        ASSIGNED_VALUE
    }

    Tree tree() {
        return path.getLeaf();
    }

    /** The line in the library's source file, for reports. */
    long line() {
        return path.getCompilationUnit().getLineMap().getLineNumber(start);
    }
}
