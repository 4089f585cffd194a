package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lowers an {@code @Async} body into basic blocks cut at every {@code await}.
 *
 * <p>Statements without {@code await} stay whole (copied later with names rewritten). A statement that contains an
 * {@code await} is taken apart into blocks and jumps:
 * <pre>{@code
 * while (more()) {                    case 1: if (!(more())) { state = 3; continue dispatch; }
 *     String page = await(fetch());   case 1:   state = 2; suspend on fetch();
 *     print(page);          ===>      case 2:   String page = awaitedValue(task); print(page);
 * }                                             state = 1; continue dispatch;
 * done();                             case 3: done();
 * }</pre>
 * In this version an {@code await} may be a whole statement, a local's initializer, the right side of an assignment
 * to a name, a {@code return} value, or the whole condition of {@code if}, {@code while} and {@code do}; inside
 * blocks, {@code if}, loops and labelled statements. Anything else is reported with the reason and the fix.
 *
 * <p>This class holds the entry point ({@link #lower}), the statements and the {@link Result}; the rest of the walk is
 * split by concern over the classes it extends: {@link ControlFlowLowering}, {@link ExpressionLowering},
 * {@link TryLowering} and {@link LoweringCore} (the state and its primitives). Not thread-safe.
 */
public final class Lowering extends ControlFlowLowering {
    /** Where {@code break} and {@code continue} go for a lowered loop or labelled statement. */
    public static final class JumpTarget {
        final Block breakTo;
        final Block continueTo;

        public JumpTarget(Block breakTo, Block continueTo) {
            this.breakTo = breakTo;
            this.continueTo = continueTo;
        }
    }

    private Lowering(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid, NestedAwaits.Fields fields) {
        super(awaitCalls, scan, unit, positions, returnsVoid, fields);
    }

    /** The result: blocks in writing order, jump targets of lowered statements, and the loop cursors it needs. */
    public static final class Result {
        public final List<Block> blocks;
        public final Map<Tree, JumpTarget> targets;
        public final List<LocalVar> cursors;
        public final List<BodyScan.Problem> problems;
        public final Completion.Variability variability;
        /** Lowered try statements with a finally block. */
        public final List<Finally> finallies;
        /** The method body. */
        public final Tree body;
        /** Names of the fields for the exception being dispatched and a return value on its way through finally. */
        public final String caughtField;
        public final String returnedField;
        /**
         * Awaits inside larger expressions: the slot their result is saved in, or -1 when the expression reads it
         * directly (see {@link NestedAwaits}).
         */
        public final Map<Tree, Integer> awaitReads;
        /** Compound assignments whose target's old value was saved (see {@link NestedAwaits}). */
        public final java.util.Set<Tree> compoundSaves;
        /** Those whose target type is unknown (computed targets): narrowed by {@code compound(v, () -> target)}. */
        public final java.util.Set<Tree> compoundsWitnessed;
        /** Lowered switch expressions, for the {@code yield}s inside them. */
        public final Map<Tree, SwitchValue> switchValues;
        /** Values saved because an await follows them in their expression: their save slot. */
        public final Map<Tree, Integer> spills;
        /** The fields of the save slots the nested awaits need, one per slot. */
        public final List<String> savedFields;
        /** Every name the body and the lowering's fields use: the frame's names are chosen apart from these. */
        final java.util.Set<String> takenNames;
        private final Lowering lowering;

        public Result(Lowering lowering) {
            this.lowering = lowering;
            this.variability = lowering.variability;
            this.blocks = List.copyOf(lowering.blocks);
            this.targets = lowering.targets;
            this.cursors = List.copyOf(lowering.cursors);
            this.problems = List.copyOf(lowering.problems);
            this.finallies = List.copyOf(lowering.allFinallies);
            this.body = lowering.bodyTree;
            this.awaitReads = lowering.awaitReads;
            this.spills = lowering.spills;
            this.switchValues = lowering.switchValues;
            this.compoundSaves = lowering.compoundSaves;
            this.compoundsWitnessed = lowering.compoundsWitnessed;
            this.caughtField = lowering.names.fresh("caught");
            List<String> saved = new ArrayList<>();
            for (int i = 0; i < lowering.savedSlots; i++) {
                saved.add(lowering.names.fresh("saved" + (i + 1)));
            }
            this.savedFields = List.copyOf(saved);
            this.returnedField = lowering.names.fresh("returned");
            this.takenNames = lowering.names.taken();
        }

        public boolean returnsVoid() {
            return lowering.returnsVoid;
        }

        /** Whether any block has an exception handler (the state machine then catches and dispatches). */
        public boolean hasHandlers() {
            return blocks.stream().anyMatch(b -> b.handler != null);
        }

        /**
         * The lowered finally blocks that a jump statement from {@code from} to {@code targetTree} leaves (null
         * target: a {@code return}), or null when it leaves none.
         */
        public Finally.Exit exit(TreePath from, Tree targetTree, Block target) {
            return lowering.leave(from, targetTree, target);
        }
    }

    public static Result lower(TreePath body, AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit,
            SourcePositions positions, boolean returnsVoid, NestedAwaits.Fields fields) {
        Lowering lowering = new Lowering(awaitCalls, scan, unit, positions, returnsVoid, fields);
        lowering.bodyTree = body.getLeaf();
        if (body.getLeaf() instanceof ExpressionTree) {
            lowering.start(lowering.newBlock(body.getLeaf()));
            lowering.lowerExpressionBody(body, (ExpressionTree) body.getLeaf());
        } else {
            List<? extends StatementTree> statements = ((BlockTree) body.getLeaf()).getStatements();
            lowering.start(lowering.newBlock(statements.isEmpty() ? body.getLeaf() : statements.get(0)));
            lowering.lowerStatements(body);
        }
        if (returnsVoid && lowering.current.isOpen(lowering.variability)) {
            lowering.current.add(new Block.Op.ReturnVoid());
        }
        for (LocalVar var : scan.locals()) {
            var.insideFragment = !lowering.declaredHere.containsKey(var) && var.kind != LocalVar.Kind.PARAMETER;
        }
        if (!lowering.allFinallies.isEmpty()) {
            JumpRoutes.registerAll(body, lowering.targets, lowering.switchValues, lowering::leave);
        }
        lowering.functionBranches.checkYields(body, lowering.switchValues.keySet());
        return new Result(lowering);
    }

    @Override
    void lower(TreePath path) {
        lowerStatement(path);
    }

    void lowerStatement(TreePath path) {
        Tree tree = path.getLeaf();
        if (tree instanceof VariableTree) {
            lowerDeclaration(path, (VariableTree) tree);
        } else if (!scan.containsAwait(tree)) {
            current.add(new Block.Op.Statement(path));
        } else if (tree instanceof BlockTree) {
            lowerStatements(path);
        } else if (tree instanceof ExpressionStatementTree) {
            lowerExpressionStatement(path, (ExpressionStatementTree) tree);
        } else if (tree instanceof ReturnTree) {
            lowerReturn(path, (ReturnTree) tree);
        } else if (tree instanceof IfTree) {
            lowerIf(path, (IfTree) tree);
        } else if (tree instanceof WhileLoopTree) {
            lowerWhile(path, (WhileLoopTree) tree, null);
        } else if (tree instanceof DoWhileLoopTree) {
            lowerDoWhile(path, (DoWhileLoopTree) tree, null);
        } else if (tree instanceof ForLoopTree) {
            lowerFor(path, (ForLoopTree) tree, null);
        } else if (tree instanceof EnhancedForLoopTree) {
            lowerForEach(path, (EnhancedForLoopTree) tree, null);
        } else if (tree instanceof LabeledStatementTree) {
            lowerLabeled(path, (LabeledStatementTree) tree);
        } else if (tree instanceof TryTree) {
            lowerTry(path, (TryTree) tree);
        } else if (tree instanceof SwitchTree) {
            lowerSwitch(path, (SwitchTree) tree);
        } else if (tree instanceof ThrowTree && !isWholeAwait(((ThrowTree) tree).getExpression())) {
            suspendNested(new TreePath(path, ((ThrowTree) tree).getExpression()));
            current.add(new Block.Op.Statement(path));
        } else if (tree instanceof ThrowTree) {
            suspendWhole(path, ((ThrowTree) tree).getExpression());
            current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.THROW, null, null));
        } else if (tree instanceof com.sun.source.tree.YieldTree) {
            lowerYield(path, (com.sun.source.tree.YieldTree) tree);
        } else if (tree instanceof com.sun.source.tree.AssertTree) {
            lowerAssert(path, (com.sun.source.tree.AssertTree) tree);
        } else if (tree instanceof SynchronizedTree) {
            report(Messages.AWAIT_IN_SYNCHRONIZED.format(), firstAwait(path));
        } else {
            report(Messages.AWAIT_STATEMENT.format(statementName(tree)), firstAwait(path));
        }
    }

    @Override
    void lowerDeclaration(TreePath path, VariableTree tree) {
        LocalVar var = scan.locals().stream().filter(v -> v.declaration != null && v.declaration.getLeaf() == tree)
                .findFirst().orElseThrow(() -> new IllegalStateException("undeclared local " + tree.getName()));
        declaredHere.put(var, true);
        ExpressionTree initializer = tree.getInitializer();
        if (initializer == null || !scan.containsAwait(initializer)) {
            current.add(new Block.Op.Declare(var, initializer == null ? null : new TreePath(path, initializer)));
            return;
        }
        if (!isWholeAwait(initializer)) {
            suspendNested(new TreePath(path, initializer));
            current.add(new Block.Op.Declare(var, new TreePath(path, initializer)));
            return;
        }
        suspendWhole(path, initializer);
        current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.DECLARE, var, null));
    }

    /** A lowered switch expression: where its value is saved and where its {@code yield}s continue. */
    public static final class SwitchValue {
        public final int slot;
        public final Block join;

        public SwitchValue(int slot, Block join) {
            this.slot = slot;
            this.join = join;
        }
    }

    /** The switch expression a {@code yield} at {@code path} belongs to (not crossing lambdas or classes), or null. */
    public static TreePath yieldTarget(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree tree = p.getLeaf();
            if (tree instanceof com.sun.source.tree.SwitchExpressionTree) {
                return p;
            }
            if (tree instanceof com.sun.source.tree.LambdaExpressionTree
                    || tree instanceof com.sun.source.tree.ClassTree) {
                return null;
            }
        }
        return null;
    }

    void lowerExpressionStatement(TreePath path, ExpressionStatementTree tree) {
        ExpressionTree expression = tree.getExpression();
        TreePath expressionPath = new TreePath(path, expression);
        if (isWholeAwait(expression)) {
            suspend(expressionPath, (ExpressionTree) AwaitCalls.stripParentheses(expression));
            current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.DISCARD, null, null));
            return;
        }
        if (expression instanceof AssignmentTree) {
            AssignmentTree assignment = (AssignmentTree) expression;
            ExpressionTree target = assignment.getVariable();
            if (isSimpleName(target) && !scan.containsAwait(target) && isWholeAwait(assignment.getExpression())) {
                suspendWhole(expressionPath, assignment.getExpression());
                current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.ASSIGN, null,
                        new TreePath(expressionPath, target)));
                return;
            }
        }
        suspendNested(expressionPath);
        current.add(new Block.Op.Statement(path));
    }

    /** {@code x} or {@code this.x}: assigning to these after resuming does not reorder any evaluation. */
    static boolean isSimpleName(ExpressionTree target) {
        if (target instanceof IdentifierTree) {
            return true;
        }
        return target instanceof MemberSelectTree
                && ((MemberSelectTree) target).getExpression() instanceof IdentifierTree
                && ((IdentifierTree) ((MemberSelectTree) target).getExpression()).getName().contentEquals("this");
    }

    /**
     * An async lambda's expression body, lowered as the block {@code { return expression; }}, or {@code { expression; }}
     * when the lambda returns nothing (a call of a void method).
     */
    private void lowerExpressionBody(TreePath path, ExpressionTree expression) {
        if (isWholeAwait(expression)) {
            suspendWhole(path.getParentPath(), expression);
            current.add(new Block.Op.TakeAwaited(returnsVoid ? Block.Op.TakeAwaited.Into.DISCARD
                    : Block.Op.TakeAwaited.Into.RETURN, null, null));
            return;
        }
        suspendNested(path);
        current.add(new Block.Op.Evaluate(path, !returnsVoid));
    }

    void lowerReturn(TreePath path, ReturnTree tree) {
        if (!isWholeAwait(tree.getExpression())) {
            suspendNested(new TreePath(path, tree.getExpression()));
            current.add(new Block.Op.Statement(path));
            return;
        }
        suspendWhole(path, tree.getExpression());
        current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.RETURN, null, null, leave(path, null, null)));
    }
}
