package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.lower.FrameNames;
import org.asyncio4j.processor.lower.JumpRoutes;
import org.asyncio4j.processor.lower.Lowering;
import org.asyncio4j.processor.print.AwaitReads;
import org.asyncio4j.processor.print.SourcePrinter;

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
    private final Lowering.Result lowered;
    private final AwaitReads reads;
    private final FrameNames frame;
    private final Signature signature;

    public Jumps(Lowering.Result lowered, AwaitReads reads, FrameNames frame, Signature signature) {
        this.lowered = lowered;
        this.reads = reads;
        this.frame = frame;
        this.signature = signature;
    }

    /** The statement to print instead of the jump at {@code path}, or null to print it as written. */
    public String rewrite(TreePath path, SourcePrinter printer) {
        Tree leaf = path.getLeaf();
        if (reads.inWitness()) {
            return null; // a type witness's copy of a switch expression: never runs
        }
        for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != lowered.body; p = p.getParentPath()) {
            if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
                return null;
            }
        }
        String code;
        if (leaf instanceof com.sun.source.tree.YieldTree) {
            TreePath target = Lowering.yieldTarget(path);
            Lowering.SwitchValue value = target == null ? null : lowered.switchValues.get(target.getLeaf());
            if (value == null) {
                return null;
            }
            Finally.Exit exit = lowered.exit(path, target.getLeaf(), value.join);
            code = lowered.savedFields.get(value.slot) + " = "
                    + printer.print(new TreePath(path, ((com.sun.source.tree.YieldTree) leaf).getValue())) + "; "
                    + (exit == null ? frame.stateField() + " = " + value.join.id + "; continue " + frame.dispatchLabel()
                            + ";" : enter(exit));
        } else if (leaf instanceof ReturnTree) {
            Finally.Exit exit = lowered.exit(path, null, null);
            Tree value = ((ReturnTree) leaf).getExpression();
            if (exit == null) {
                if (value != null && signature.primitiveResult() != null) {
                    return "return " + MethodPlan.unboxedReturn(signature.primitiveResult(), frame.frameVar(),
                            frame.taskVar(), printer.print(new TreePath(path, value))) + ";";
                }
                if (value != null && needsTargetType(value)) {
                    return "return " + targeted(new TreePath(path, value), printer) + ";";
                }
                return lowered.returnsVoid() && value == null ? "return null;" : null;
            }
            code = lowered.returnedField + " = "
                    + (value == null ? "null" : targeted(new TreePath(path, value), printer))
                    + "; " + enter(exit);
        } else {
            Tree target = JumpRoutes.target(path);
            Lowering.JumpTarget jumpTarget = target == null ? null : lowered.targets.get(target);
            if (jumpTarget == null) {
                return null;
            }
            Block to = JumpRoutes.destination(leaf, jumpTarget);
            Finally.Exit exit = lowered.exit(path, target, to);
            code = exit == null ? frame.stateField() + " = " + to.id + "; continue " + frame.dispatchLabel() + ";"
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
    private String targeted(TreePath value, SourcePrinter printer) {
        Tree leaf = value.getLeaf();
        if (leaf instanceof ParenthesizedTree && needsTargetType(leaf)) {
            return targeted(new TreePath(value, ((ParenthesizedTree) leaf).getExpression()), printer);
        } else if (leaf instanceof ConditionalExpressionTree && needsTargetType(leaf)) {
            ConditionalExpressionTree conditional = (ConditionalExpressionTree) leaf;
            return "(" + printer.print(new TreePath(value, conditional.getCondition())) + " ? "
                    + targeted(new TreePath(value, conditional.getTrueExpression()), printer) + " : "
                    + targeted(new TreePath(value, conditional.getFalseExpression()), printer) + ")";
        }
        String printed = printer.print(value);
        return needsTargetType(leaf) ? "(" + signature.resultType() + ") (" + printed + ")" : printed;
    }

    /** {@code finallyExit = key; state = start; continue dispatch;} */
    String enter(Finally.Exit exit) {
        int key = exit.isReturn() ? Finally.RETURN : exit.target.id;
        return exit.first.exitField + " = " + key + "; " + frame.stateField() + " = " + exit.first.start.id
                + "; continue " + frame.dispatchLabel() + ";";
    }
}
