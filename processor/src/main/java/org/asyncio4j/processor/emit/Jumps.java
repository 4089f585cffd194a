package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.lower.Lowering;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Name;

/**
 * The {@code break}, {@code continue} and {@code return} statements inside copied (await-free) statements that leave
 * lowered code: they become state changes, through any lowered finally blocks on the way.
 * <pre>{@code
 * while (more()) {                         (the loop is lowered: its exit is state 6)
 *     try { await(x); if (done) break; }   ===>   if (done) { finally1Exit = 6; state = 4; continue dispatch; }
 *     finally { close(); }                        (state 4 is the finally block; it then goes on to state 6)
 * }
 * }</pre>
 * Jumps inside lambdas and classes of the body, and jumps to statements that were not lowered, print as written.
 */
public final class Jumps {
    /** Finds the lowered finally blocks a jump leaves (and records its route in them); see Lowering#leave. */
    public interface Leave {
        Finally.Exit leave(TreePath from, Tree targetTree, Block target);
    }

    private final Map<Tree, Lowering.JumpTarget> targets;
    private final Leave leave;
    private final Function<TreePath, String> print;
    private final MethodPlan plan;

    public Jumps(MethodPlan plan, Leave leave, Function<TreePath, String> print) {
        this.plan = plan;
        this.targets = plan.lowered.targets;
        this.leave = leave;
        this.print = print;
    }

    /**
     * Records, before any code is written, the route of every jump in the body that leaves lowered finally blocks,
     * so that each finally block's end knows all the places it can go on to.
     */
    public static void registerAll(TreePath body, Map<Tree, Lowering.JumpTarget> targets,
            Map<Tree, Lowering.SwitchValue> switchValues, Leave leave) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitBreak(BreakTree tree, Void unused) {
                register(getCurrentPath());
                return null;
            }

            @Override
            public Void visitContinue(ContinueTree tree, Void unused) {
                register(getCurrentPath());
                return null;
            }

            @Override
            public Void visitReturn(ReturnTree tree, Void unused) {
                leave.leave(getCurrentPath(), null, null);
                return null;
            }

            @Override
            public Void visitYield(com.sun.source.tree.YieldTree tree, Void unused) {
                TreePath target = Lowering.yieldTarget(getCurrentPath());
                Lowering.SwitchValue value = target == null ? null : switchValues.get(target.getLeaf());
                if (value != null) {
                    leave.leave(getCurrentPath(), target.getLeaf(), value.join);
                }
                return super.visitYield(tree, null);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null; // its jumps stay inside it
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                return null;
            }

            private void register(TreePath jump) {
                Tree target = target(jump);
                Lowering.JumpTarget lowered = target == null ? null : targets.get(target);
                if (lowered != null) {
                    leave.leave(jump, target, destination(jump.getLeaf(), lowered));
                }
            }
        }.scan(body, null);
    }

    /** The statement to print instead of the jump at {@code path}, or null to print it as written. */
    public String rewrite(TreePath path) {
        Tree leaf = path.getLeaf();
        if (plan.lowered.reads.inWitness()) {
            return null; // a type witness's copy of a switch expression: never runs
        }
        for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != plan.lowered.body; p = p.getParentPath()) {
            if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
                return null;
            }
        }
        String code;
        if (leaf instanceof com.sun.source.tree.YieldTree) {
            TreePath target = Lowering.yieldTarget(path);
            Lowering.SwitchValue value = target == null ? null : plan.lowered.switchValues.get(target.getLeaf());
            if (value == null) {
                return null;
            }
            Finally.Exit exit = leave.leave(path, target.getLeaf(), value.join);
            code = plan.lowered.savedFields.get(value.slot) + " = "
                    + print.apply(new TreePath(path, ((com.sun.source.tree.YieldTree) leaf).getValue())) + "; "
                    + (exit == null ? plan.stateField + " = " + value.join.id + "; continue " + plan.dispatchLabel
                            + ";" : enter(exit));
        } else if (leaf instanceof ReturnTree) {
            Finally.Exit exit = leave.leave(path, null, null);
            Tree value = ((ReturnTree) leaf).getExpression();
            if (exit == null) {
                if (value != null && plan.primitiveResult != null) {
                    return "return " + plan.unboxedReturn(print.apply(new TreePath(path, value))) + ";";
                }
                if (value != null && needsTargetType(value)) {
                    return "return " + targeted(new TreePath(path, value)) + ";";
                }
                return plan.lowered.returnsVoid() && value == null ? "return null;" : null;
            }
            code = plan.lowered.returnedField + " = " + (value == null ? "null" : targeted(new TreePath(path, value)))
                    + "; " + enter(exit);
        } else {
            Tree target = target(path);
            Lowering.JumpTarget lowered = target == null ? null : targets.get(target);
            if (lowered == null) {
                return null;
            }
            Block to = destination(leaf, lowered);
            Finally.Exit exit = leave.leave(path, target, to);
            code = exit == null ? plan.stateField + " = " + to.id + "; continue " + plan.dispatchLabel + ";"
                    : enter(exit);
        }
        Tree parent = path.getParentPath().getLeaf();
        // Several statements: braces only where one statement is expected (`if (c) break;`).
        return parent instanceof BlockTree || parent instanceof CaseTree ? code : "{ " + code + " }";
    }

    /**
     * A returned lambda or method reference ({@code return s -> s + suffix;}) takes its type from the method's
     * return type, which the state machine's step does not have (it returns {@code Object}): without a cast, javac
     * says "Object is not a functional interface".
     */
    private static boolean needsTargetType(Tree value) {
        if (value instanceof ParenthesizedTree) {
            return needsTargetType(((ParenthesizedTree) value).getExpression());
        } else if (value instanceof ConditionalExpressionTree) {
            ConditionalExpressionTree conditional = (ConditionalExpressionTree) value;
            return needsTargetType(conditional.getTrueExpression()) || needsTargetType(conditional.getFalseExpression());
        }
        return value instanceof LambdaExpressionTree || value instanceof MemberReferenceTree;
    }

    /**
     * The returned value as printed, each lambda or method reference in it cast to the coroutine's result type. A
     * {@code ?:} is cast branch by branch: in a cast context it is not a poly expression, so its lambdas would
     * still have no target type.
     */
    private String targeted(TreePath value) {
        Tree leaf = value.getLeaf();
        if (leaf instanceof ParenthesizedTree && needsTargetType(leaf)) {
            return targeted(new TreePath(value, ((ParenthesizedTree) leaf).getExpression()));
        } else if (leaf instanceof ConditionalExpressionTree && needsTargetType(leaf)) {
            ConditionalExpressionTree conditional = (ConditionalExpressionTree) leaf;
            return "(" + print.apply(new TreePath(value, conditional.getCondition())) + " ? "
                    + targeted(new TreePath(value, conditional.getTrueExpression())) + " : "
                    + targeted(new TreePath(value, conditional.getFalseExpression())) + ")";
        }
        String printed = print.apply(value);
        return needsTargetType(leaf) ? "(" + plan.resultType + ") (" + printed + ")" : printed;
    }

    /** {@code finallyExit = key; state = start; continue dispatch;} */
    String enter(Finally.Exit exit) {
        int key = exit.isReturn() ? Finally.RETURN : exit.target.id;
        return exit.first.exitField + " = " + key + "; " + plan.stateField + " = " + exit.first.start.id
                + "; continue " + plan.dispatchLabel + ";";
    }

    private static Block destination(Tree jump, Lowering.JumpTarget target) {
        return jump instanceof BreakTree ? target.breakTo : target.continueTo;
    }

    /** The statement a break or continue leaves or repeats (JLS 14.15, 14.16). */
    static Tree target(TreePath path) {
        Tree leaf = path.getLeaf();
        Name label = leaf instanceof BreakTree ? ((BreakTree) leaf).getLabel() : ((ContinueTree) leaf).getLabel();
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree tree = p.getLeaf();
            if (label != null) {
                if (tree instanceof LabeledStatementTree && ((LabeledStatementTree) tree).getLabel().equals(label)) {
                    return leaf instanceof ContinueTree ? ((LabeledStatementTree) tree).getStatement() : tree;
                }
            } else if (tree instanceof WhileLoopTree || tree instanceof DoWhileLoopTree || tree instanceof ForLoopTree
                    || tree instanceof EnhancedForLoopTree || (leaf instanceof BreakTree && tree instanceof SwitchTree)) {
                return tree;
            }
        }
        return null;
    }
}
