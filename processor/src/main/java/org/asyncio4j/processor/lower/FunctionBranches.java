package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reports a lambda or method reference that is the value of a lowered {@code ?:} branch, switch-expression case or
 * {@code yield} ({@code [FunctionBranchAcrossAwait]}). The lowering saves such a value in an {@code Object} slot,
 * where it has no functional interface to be: javac gives it the whole expression's target type, which the lowering
 * does not know.
 *
 * <pre>
 *   Runnable x = c ? (await(f))::run : null;     // before: saved1 = (..)::run;  -- "Object is not a functional interface"
 *                                                // now: [FunctionBranchAcrossAwait] at (await(f))::run
 * </pre>
 *
 * <p>Each value is reported once, however many paths reach it. Not thread-safe: one per lowered method.
 */
final class FunctionBranches {
    private final BiConsumer<String, TreePath> report;
    private final Set<Tree> checked = Collections.newSetFromMap(new IdentityHashMap<>());

    FunctionBranches(BiConsumer<String, TreePath> report) {
        this.report = report;
    }

    /** Reports {@code value} if it is a lambda or method reference (in parentheses or not). */
    void check(TreePath value) {
        Tree leaf = AwaitCalls.stripParentheses(value.getLeaf());
        if (!checked.add(leaf)) {
            return;
        }
        TreePath at = leaf == value.getLeaf() ? value : new TreePath(value, leaf);
        if (leaf.getKind() == Tree.Kind.LAMBDA_EXPRESSION) {
            report.accept(Messages.FUNCTION_BRANCH_ACROSS_AWAIT.format("a lambda"), at);
        } else if (leaf.getKind() == Tree.Kind.MEMBER_REFERENCE) {
            report.accept(Messages.FUNCTION_BRANCH_ACROSS_AWAIT.format("method reference `" + leaf + "`"), at);
        }
    }

    /**
     * Checks the {@code yield}s without an await into the lowered switch expressions {@code lowered}: copied as
     * statements, they save their value in the switch's slot too.
     */
    void checkYields(TreePath body, Set<Tree> lowered) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitYield(YieldTree tree, Void unused) {
                TreePath target = Lowering.yieldTarget(getCurrentPath());
                if (target != null && lowered.contains(target.getLeaf())) {
                    check(new TreePath(getCurrentPath(), tree.getValue()));
                }
                return super.visitYield(tree, unused);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null; // its yields belong to switches inside it
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                return null;
            }
        }.scan(body, null);
    }
}
