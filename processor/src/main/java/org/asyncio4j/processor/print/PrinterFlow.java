package org.asyncio4j.processor.print;

import org.asyncio4j.processor.lower.Completion;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.VariableTree;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The flow-sensitive scope of pattern variables (JLS 6.3.1 and 6.3.2), for {@link SourcePrinter}'s scoping.
 *
 * <p>{@code o instanceof String s} introduces {@code s} "when true"; {@code !}, {@code &&}, {@code ||} and
 * parentheses combine those sets, and {@code if}/{@code while}/{@code for}/{@code do} statements whose other branch
 * cannot complete normally introduce bindings into the rest of the enclosing block
 * ({@code if (!(o instanceof String s)) return; use(s);}). "Cannot complete normally" is approximated on the syntax
 * (return, throw, break, continue, yield, {@code while (true)} without break, and combinations), which is what the
 * JLS rules reduce to in real code.
 *
 * <p>Pattern variables that {@code kept} accepts live beyond their pattern (in a field of the state machine, see
 * {@link NameRewriter#keepsBinding}): they are no names the printed code declares, so they are left out.
 */
final class PrinterFlow {
    private PrinterFlow() {}

    /** The pattern variables that {@code expression} introduces when it evaluates to {@code whenTrue}. */
    static Set<String> bindings(ExpressionTree expression, boolean whenTrue, Predicate<VariableTree> kept) {
        Set<String> names = new LinkedHashSet<>();
        collect(expression, whenTrue, names, kept);
        return names;
    }

    private static void collect(Tree tree, boolean whenTrue, Set<String> names, Predicate<VariableTree> kept) {
        if (tree == null) {
            return;
        }
        switch (tree.getKind()) {
            case PARENTHESIZED:
                collect(((ParenthesizedTree) tree).getExpression(), whenTrue, names, kept);
                break;
            case LOGICAL_COMPLEMENT:
                collect(((UnaryTree) tree).getExpression(), !whenTrue, names, kept);
                break;
            case CONDITIONAL_AND:
                if (whenTrue) {
                    collect(((BinaryTree) tree).getLeftOperand(), true, names, kept);
                    collect(((BinaryTree) tree).getRightOperand(), true, names, kept);
                }
                break;
            case CONDITIONAL_OR:
                if (!whenTrue) {
                    collect(((BinaryTree) tree).getLeftOperand(), false, names, kept);
                    collect(((BinaryTree) tree).getRightOperand(), false, names, kept);
                }
                break;
            case INSTANCE_OF:
                Tree pattern = ((InstanceOfTree) tree).getPattern();
                if (whenTrue && pattern instanceof BindingPatternTree
                        && !kept.test(((BindingPatternTree) pattern).getVariable())) {
                    names.add(((BindingPatternTree) pattern).getVariable().getName().toString());
                }
                break;
            default:
                break;
        }
    }

    /** The pattern variables that {@code statement} introduces into the statements after it in its block. */
    static Set<String> introducedAfter(StatementTree statement, Predicate<VariableTree> kept) {
        switch (statement.getKind()) {
            case IF: {
                IfTree tree = (IfTree) statement;
                boolean thenCompletes = canCompleteNormally(tree.getThenStatement());
                if (tree.getElseStatement() == null) {
                    return thenCompletes ? Set.of() : bindings(tree.getCondition(), false, kept);
                }
                boolean elseCompletes = canCompleteNormally(tree.getElseStatement());
                if (thenCompletes && !elseCompletes) {
                    return bindings(tree.getCondition(), true, kept);
                }
                if (!thenCompletes && elseCompletes) {
                    return bindings(tree.getCondition(), false, kept);
                }
                return Set.of();
            }
            case WHILE_LOOP: {
                WhileLoopTree tree = (WhileLoopTree) statement;
                return breaksOut(tree.getStatement()) ? Set.of() : bindings(tree.getCondition(), false, kept);
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree tree = (DoWhileLoopTree) statement;
                return breaksOut(tree.getStatement()) ? Set.of() : bindings(tree.getCondition(), false, kept);
            }
            case FOR_LOOP: {
                ForLoopTree tree = (ForLoopTree) statement;
                return tree.getCondition() == null || breaksOut(tree.getStatement())
                        ? Set.of() : bindings(tree.getCondition(), false, kept);
            }
            case LABELED_STATEMENT:
                return introducedAfter(((LabeledStatementTree) statement).getStatement(), kept);
            default:
                return Set.of();
        }
    }

    /** JLS 14.22 "can complete normally", where an unknown answer counts as yes (no binding escapes then). */
    static boolean canCompleteNormally(StatementTree statement) {
        return Completion.of(statement) != Completion.ABRUPT;
    }

    private static boolean breaksOut(StatementTree body) {
        return Completion.mayBreakOut(body);
    }
}
