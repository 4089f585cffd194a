package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers awaits nested inside expressions: each await is suspended on in evaluation order and its value saved in a
 * slot, and the expression is then evaluated with the saved values ({@link NestedAwaits} decides what must be
 * saved so that the order of side effects is kept). Conditionals, switch expressions and {@code &&}/{@code ||}
 * become branches, so only the await on the path taken runs.
 * <pre>{@code
 * int n = a() + await(b());   ===>   case 1: saved1 = a(); state = 2; suspend on b();
 *                                    case 2: saved2 = awaitedValue(task); int n = saved1 + saved2;
 * }</pre>
 * Part of the {@link LoweringCore} chain; not thread-safe.
 */
abstract class ExpressionLowering extends TryLowering {
    ExpressionLowering(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid, NestedAwaits.Fields fields) {
        super(awaitCalls, scan, unit, positions, returnsVoid, fields);
    }

    /**
     * Suspends on each await nested in the expression at {@code root}, in evaluation order, keeping all but the
     * last one's result; the caller then adds the op that evaluates the expression (see {@link NestedAwaits}).
     * Nothing when the expression has no await.
     */
    void suspendNested(TreePath root) {
        suspendNested(root, busySlots);
    }

    /** Save slots in use by enclosing expressions while statements inside them are lowered (switch case blocks). */
    int busySlots;

    /** {@code yield value;} with an await, in a lowered switch expression: save the value and go to its end. */
    void lowerYield(TreePath path, com.sun.source.tree.YieldTree tree) {
        TreePath target = Lowering.yieldTarget(path);
        Lowering.SwitchValue value = target == null ? null : switchValues.get(target.getLeaf());
        if (value == null) {
            report(Messages.AWAIT_STATEMENT.format("`yield`"), firstAwait(path));
            return;
        }
        TreePath result = new TreePath(path, tree.getValue());
        functionBranches.check(result);
        suspendNested(result, Math.max(busySlots, value.slot + 1));
        current.add(new Block.Op.SaveValue(value.slot, result, null));
        Finally.Exit exit = leave(path, target.getLeaf(), value.join);
        current.add(exit == null ? new Block.Op.Jump(value.join) : new Block.Op.EnterFinally(exit));
    }

    /** {@link #suspendNested(TreePath)} with the save slots from {@code firstSlot} on (the outer ones are busy). */
    void suspendNested(TreePath root, int firstSlot) {
        if (!scan.containsAwait(root.getLeaf())) {
            return;
        }
        NestedAwaits.Analysis analysis = nested.analyse(root);
        compoundSaves.addAll(analysis.compounds);
        compoundsWitnessed.addAll(analysis.witnessed);
        List<TreePath> points = analysis.points;
        int slot = firstSlot;
        for (int i = 0; i < points.size(); i++) {
            TreePath point = points.get(i);
            if (analysis.spills.contains(point.getLeaf())) {
                current.add(new Block.Op.SaveValue(slot, point, null));
                spills.put(point.getLeaf(), slot++);
                continue;
            }
            if (nested.isBranching(point.getLeaf())) {
                if (nested.isShortCircuit(point.getLeaf())) {
                    lowerShortCircuit(point, slot);
                } else if (nested.isConditional(point.getLeaf())) {
                    lowerConditional(point, slot);
                } else {
                    lowerSwitchExpression(point, slot);
                }
                awaitReads.put(point.getLeaf(), slot++);
                continue;
            }
            Block resume = newBlock(point.getLeaf());
            current.add(new Block.Op.Suspend(new TreePath(point, awaitCalls.awaitedOperand(point.getLeaf())),
                    resume));
            start(resume);
            boolean last = i == points.size() - 1;
            if (last) {
                awaitReads.put(point.getLeaf(), -1);
            } else {
                current.add(new Block.Op.SaveAwaited(slot));
                awaitReads.put(point.getLeaf(), slot++);
            }
        }
        savedSlots = Math.max(savedSlots, slot);
    }

    /**
     * {@code c ? a : b} whose sides await: branches on {@code c}, evaluates only the chosen side (awaits and all)
     * and saves its value in slot {@code slot}, read back as {@code spilled(saved1, () -> c ? a : b)} so that
     * javac types it as the whole conditional (see the printer's {@code AwaitReads}).
     */
    void lowerConditional(TreePath point, int slot) {
        com.sun.source.tree.ConditionalExpressionTree tree =
                (com.sun.source.tree.ConditionalExpressionTree) point.getLeaf();
        Block whenTrue = newBlock(tree.getTrueExpression());
        Block whenFalse = newBlock(tree.getFalseExpression());
        Block join = newBlock(tree);
        current.add(new Block.Op.Branch(new TreePath(point, tree.getCondition()), whenTrue, whenFalse));
        for (Block side : List.of(whenTrue, whenFalse)) {
            start(side);
            TreePath value = new TreePath(point, side == whenTrue ? tree.getTrueExpression()
                    : tree.getFalseExpression());
            functionBranches.check(value);
            suspendNested(value, slot + 1);
            current.add(new Block.Op.SaveValue(slot, value, null));
            jumpTo(join);
        }
        start(join);
    }

    /**
     * A switch expression whose cases await: the selector's switch jumps to the matching case, which evaluates its
     * value (awaits and all) and saves it in slot {@code slot}, read back typed as the whole switch expression; in a
     * block body or a classic case, each {@code yield} saves its value and jumps to the end (see {@link JumpRoutes} for
     * the ones in copied statements). Without a {@code default}, no match throws
     * {@code IncompatibleClassChangeError}, as javac's code does.
     */
    void lowerSwitchExpression(TreePath point, int slot) {
        com.sun.source.tree.SwitchExpressionTree tree = (com.sun.source.tree.SwitchExpressionTree) point.getLeaf();
        Block join = newBlock(tree);
        List<List<TreePath>> labels = new ArrayList<>();
        List<Block> bodies = new ArrayList<>();
        Block otherwise = null;
        switchValues.put(tree, new Lowering.SwitchValue(slot, join));
        for (CaseTree clause : tree.getCases()) {
            TreePath clausePath = new TreePath(point, clause);
            List<TreePath> expressions = new ArrayList<>();
            for (ExpressionTree label : clause.getExpressions()) {
                expressions.add(new TreePath(clausePath, label));
            }
            Block body = newBlock(clause);
            if (expressions.isEmpty()) {
                otherwise = body;
            }
            labels.add(expressions);
            bodies.add(body);
        }
        Block noMatch = otherwise == null ? newBlock(tree) : null;
        current.add(new Block.Op.SwitchDispatch(new TreePath(point, tree.getExpression()), labels, bodies,
                otherwise != null ? otherwise : noMatch));
        int outerBusy = busySlots;
        busySlots = Math.max(busySlots, slot + 1); // statements in case blocks must not reuse the busy slots
        try {
            lowerSwitchCases(point, tree, bodies, join, slot);
        } finally {
            busySlots = outerBusy;
        }
        if (noMatch != null) {
            start(noMatch);
            current.add(new Block.Op.NoMatch());
        }
        start(join);
    }

    /** The cases of a lowered switch expression, each saving its value in {@code slot} and going to {@code join}. */
    void lowerSwitchCases(TreePath point, com.sun.source.tree.SwitchExpressionTree tree, List<Block> bodies,
            Block join, int slot) {
        for (int i = 0; i < bodies.size(); i++) {
            CaseTree clause = tree.getCases().get(i);
            TreePath clausePath = new TreePath(point, clause);
            start(bodies.get(i));
            Tree caseValue = NestedAwaits.caseValue(clause);
            if (caseValue == null) { // a block body or classic statements without await: they end in yield or throw
                if (clause.getCaseKind() == CaseTree.CaseKind.RULE) {
                    lower(new TreePath(clausePath, clause.getBody()));
                } else {
                    for (StatementTree statement : clause.getStatements()) {
                        lower(new TreePath(clausePath, statement));
                    }
                }
                jumpTo(i + 1 < bodies.size() && clause.getCaseKind() != CaseTree.CaseKind.RULE
                        ? bodies.get(i + 1) : join);
                continue;
            }
            TreePath value = new TreePath(clausePath, caseValue);
            if (value.getLeaf() instanceof ThrowTree) {
                lower(value);
                continue;
            }
            functionBranches.check(value);
            suspendNested(value, slot + 1);
            current.add(new Block.Op.SaveValue(slot, value, null));
            jumpTo(join);
        }
    }

    /**
     * {@code a && b} (or {@code a || b}) whose right side awaits: branches on {@code a} and evaluates {@code b}
     * (awaits and all) only when Java would, saving the result in slot {@code slot}:
     * <pre>{@code
     * if (ready && await(check())) ...   ===>   if (!ready) goto no; suspend on check(); saved1 = awaitedValue(task);
     *                                            goto join; no: saved1 = false; join: if ((boolean) saved1) ...
     * }</pre>
     */
    void lowerShortCircuit(TreePath point, int slot) {
        com.sun.source.tree.BinaryTree tree = (com.sun.source.tree.BinaryTree) point.getLeaf();
        boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
        Block right = newBlock(tree.getRightOperand());
        Block decided = newBlock(tree);
        Block join = newBlock(tree);
        current.add(new Block.Op.Branch(new TreePath(point, tree.getLeftOperand()), and ? right : decided,
                and ? decided : right));
        start(right);
        TreePath rightPath = new TreePath(point, tree.getRightOperand());
        suspendNested(rightPath, slot + 1);
        current.add(new Block.Op.SaveValue(slot, rightPath, null));
        jumpTo(join);
        start(decided);
        current.add(new Block.Op.SaveValue(slot, null, !and));
        jumpTo(join);
        start(join);
    }
}
