package org.asyncio4j.processor.lower;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.Map;
import javax.lang.model.element.Name;

/**
 * Where the jumps of copied statements go: the lowered statement a {@code break} or {@code continue} leaves, and,
 * recorded before any code is written, the route of every jump that leaves lowered finally blocks (so each finally
 * block's end knows all the places it can go on to). The writer's {@code Jumps} then prints each jump as a state
 * change along that route.
 * <pre>{@code
 * while (more()) {                         (the loop is lowered: its exit is state 6)
 *     try { await(x); if (done) break; }   ===>   finally1 records the exit to state 6
 *     finally { close(); }
 * }
 * }</pre>
 * Stateless.
 */
public final class JumpRoutes {
    /** Finds the lowered finally blocks a jump leaves (and records its route in them); see Lowering#leave. */
    public interface Leave {
        Finally.Exit leave(TreePath from, Tree targetTree, Block target);
    }

    private JumpRoutes() {}

    /**
     * Records, before any code is written, the route of every jump in the body that leaves lowered finally blocks,
     * so that each finally block's end knows all the places it can go on to.
     */
    static void registerAll(TreePath body, Map<Tree, Lowering.JumpTarget> targets,
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

    /** Where a jump to {@code target} goes: its break or its continue block. */
    public static Block destination(Tree jump, Lowering.JumpTarget target) {
        return jump instanceof BreakTree ? target.breakTo : target.continueTo;
    }

    /** The statement a break or continue leaves or repeats (JLS 14.15, 14.16). */
    public static Tree target(TreePath path) {
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
