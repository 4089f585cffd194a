package org.asyncio4j.processor.print;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the labels of a {@code case} on any javac from 17 on, for {@link SourcePrinter}.
 *
 * <p>Java 21 gave {@link CaseTree} label trees ({@code getLabels()}: constant, {@code default} and pattern labels,
 * so {@code case null, default} is one case) and {@code getGuard()}. The processor is compiled against the Java 17
 * API, where those are preview API, so they are called reflectively through the public interface.
 * {@link CaseTree#getExpressions()} still lists the constant labels, in order, on every version.
 */
final class PrinterCaseLabels {
    static final String CONSTANT = "constant";
    static final String DEFAULT = "default";

    private static final Method GET_LABELS = method("getLabels");
    private static final Method GET_GUARD = method("getGuard");

    private PrinterCaseLabels() {}

    private static Method method(String name) {
        try {
            return CaseTree.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * {@link #CONSTANT} or {@link #DEFAULT} for each label in order ({@code default:} alone may give an empty list),
     * or {@code null} if this javac has no label trees.
     *
     * @throws UnsupportedTreeException for a pattern label or a guard
     */
    static List<String> kinds(CaseTree tree) {
        if (GET_GUARD != null && invoke(GET_GUARD, tree) != null) {
            throw new UnsupportedTreeException(tree, "a guarded case label");
        }
        if (GET_LABELS == null) {
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (Object label : (List<?>) invoke(GET_LABELS, tree)) {
            Tree labelTree = (Tree) label;
            String kind = labelTree.getKind().name();
            if (labelTree instanceof ExpressionTree || kind.equals("CONSTANT_CASE_LABEL")) {
                kinds.add(CONSTANT);
            } else if (kind.equals("DEFAULT_CASE_LABEL")) {
                kinds.add(DEFAULT);
            } else {
                throw new UnsupportedTreeException(labelTree, "a pattern in a case label");
            }
        }
        return kinds;
    }

    private static Object invoke(Method method, CaseTree tree) {
        try {
            return method.invoke(tree);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }
}
