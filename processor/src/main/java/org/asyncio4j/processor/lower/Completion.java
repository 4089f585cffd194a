package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * Whether a copied statement can complete normally (JLS 14.22), so that generated code after it is never an
 * "unreachable statement" and never missing.
 *
 * <p>Some answers need constant folding, which the processor cannot do without attribution ({@code while (DEBUG)}
 * with a constant {@code DEBUG}); those are {@link #UNKNOWN}, and the writer then puts the statement inside
 * {@code if (true) { ... }}, which JLS 14.22 treats as able to complete normally whatever it contains.
 */
public enum Completion {
    NORMAL, ABRUPT, UNKNOWN;

    /** Whether an expression is certainly not a compile-time constant (it reads a variable, calls a method...). */
    interface Variability {
        boolean isVariable(Tree expression);
    }

    /** Knows no names: only literals and calls are told apart. */
    static final Variability NO_NAMES = expression -> false;

    public static Completion of(Tree tree) {
        return of(tree, NO_NAMES);
    }

    public static Completion of(Tree tree, Variability names) {
        if (tree instanceof ClassTree || tree instanceof VariableTree) {
            return NORMAL; // local class, record, enum or interface declarations, and local variables
        }
        switch (tree.getKind()) {
            case RETURN:
            case THROW:
            case BREAK:
            case CONTINUE:
            case YIELD:
                return ABRUPT;
            case BLOCK: {
                List<? extends StatementTree> statements = ((BlockTree) tree).getStatements();
                return statements.isEmpty() ? NORMAL : of(statements.get(statements.size() - 1), names);
            }
            case IF: {
                IfTree branch = (IfTree) tree;
                return branch.getElseStatement() == null ? NORMAL
                        : either(of(branch.getThenStatement(), names), of(branch.getElseStatement(), names));
            }
            case WHILE_LOOP:
                return loop(tree, ((WhileLoopTree) tree).getCondition(), names);
            case DO_WHILE_LOOP:
                return loop(tree, ((DoWhileLoopTree) tree).getCondition(), names);
            case FOR_LOOP: {
                ForLoopTree loop = (ForLoopTree) tree;
                return loop.getCondition() == null ? (breaksOut(tree, null) ? NORMAL : ABRUPT)
                        : loop(tree, loop.getCondition(), names);
            }
            case ENHANCED_FOR_LOOP:
                return NORMAL;
            case LABELED_STATEMENT: {
                LabeledStatementTree labeled = (LabeledStatementTree) tree;
                Completion inner = of(labeled.getStatement(), names);
                return inner == NORMAL || breaksOut(labeled.getStatement(), labeled.getLabel().toString())
                        ? NORMAL : inner;
            }
            case SWITCH: {
                SwitchTree sw = (SwitchTree) tree;
                boolean hasDefault = false;
                for (CaseTree c : sw.getCases()) {
                    hasDefault |= c.getExpressions().isEmpty();
                }
                return !hasDefault || breaksOut(tree, null) ? NORMAL : UNKNOWN;
            }
            case TRY: {
                TryTree attempt = (TryTree) tree;
                Completion body = of(attempt.getBlock(), names);
                for (CatchTree handler : attempt.getCatches()) {
                    body = either(body, of(handler.getBlock(), names));
                }
                if (attempt.getFinallyBlock() == null) {
                    return body;
                }
                Completion cleanup = of(attempt.getFinallyBlock(), names);
                return cleanup == ABRUPT ? ABRUPT : cleanup == UNKNOWN ? UNKNOWN : body;
            }
            case SYNCHRONIZED:
                return of(((SynchronizedTree) tree).getBlock(), names);
            case EXPRESSION_STATEMENT:
            case VARIABLE:
            case EMPTY_STATEMENT:
            case ASSERT:
            case CLASS:
                return NORMAL;
            default:
                return UNKNOWN;
        }
    }

    private static Completion either(Completion a, Completion b) {
        if (a == NORMAL || b == NORMAL) {
            return NORMAL;
        }
        return a == ABRUPT && b == ABRUPT ? ABRUPT : UNKNOWN;
    }

    /** A loop completes if its condition is not constant true or a break leaves it. */
    private static Completion loop(Tree loop, Tree condition, Variability names) {
        if (breaksOut(loop, null)) {
            return NORMAL;
        }
        Tree bare = AwaitCalls.stripParentheses(condition);
        if (bare instanceof LiteralTree) {
            return Boolean.TRUE.equals(((LiteralTree) bare).getValue()) ? ABRUPT : NORMAL;
        }
        return isVariable(bare, names) ? NORMAL : UNKNOWN; // else it may be a constant expression
    }

    /** Whether the expression reads something no constant expression can (JLS 15.29). */
    private static boolean isVariable(Tree expression, Variability names) {
        boolean[] variable = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree == null || variable[0]) {
                    return null;
                }
                switch (tree.getKind()) {
                    case METHOD_INVOCATION: case NEW_CLASS: case NEW_ARRAY: case ARRAY_ACCESS: case ASSIGNMENT:
                    case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
                    case INSTANCE_OF: case LAMBDA_EXPRESSION: case NULL_LITERAL:
                        variable[0] = true;
                        return null;
                    default:
                        variable[0] = names.isVariable(tree);
                        return variable[0] ? null : super.scan(tree, unused);
                }
            }
        }.scan(expression, null);
        return variable[0];
    }

    /**
     * Whether a {@code break} inside {@code statement} leaves it: an unlabelled break not inside a nested loop or
     * switch, or {@code break label}.
     */
    static boolean breaksOut(Tree statement, String label) {
        Tree body = statement instanceof LabeledStatementTree ? ((LabeledStatementTree) statement).getStatement()
                : statement;
        return anyBreak(body, isLoopOrSwitch(statement) ? -1 : 0, (tree, depth) -> tree.getLabel() == null
                ? depth == 0 : tree.getLabel().contentEquals(label == null ? "" : label));
    }

    /**
     * Whether a loop body may contain a {@code break} that leaves the loop: an unlabelled break outside nested loops
     * and switches, or any labelled break (over-approximated: the label may name an outer statement).
     */
    public static boolean mayBreakOut(Tree loopBody) {
        return anyBreak(loopBody, 0, (tree, depth) -> tree.getLabel() != null || depth == 0);
    }

    /** Whether some {@code break} in {@code tree}, outside lambdas and classes, satisfies {@code leaves}. */
    private static boolean anyBreak(Tree tree, int startDepth, java.util.function.BiPredicate<BreakTree, Integer> leaves) {
        boolean[] found = {false};
        new TreeScanner<Void, Integer>() {
            @Override
            public Void visitBreak(BreakTree node, Integer depth) {
                found[0] |= leaves.test(node, depth);
                return null;
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
                return super.visitWhileLoop(node, depth + 1);
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
                return super.visitDoWhileLoop(node, depth + 1);
            }

            @Override
            public Void visitForLoop(ForLoopTree node, Integer depth) {
                return super.visitForLoop(node, depth + 1);
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree node, Integer depth) {
                return super.visitEnhancedForLoop(node, depth + 1);
            }

            @Override
            public Void visitSwitch(SwitchTree node, Integer depth) {
                return super.visitSwitch(node, depth + 1);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Integer depth) {
                return null;
            }
        }.scan(tree, startDepth);
        return found[0];
    }

    private static boolean isLoopOrSwitch(Tree tree) {
        return tree instanceof WhileLoopTree || tree instanceof DoWhileLoopTree || tree instanceof ForLoopTree
                || tree instanceof EnhancedForLoopTree || tree instanceof SwitchTree;
    }
}
