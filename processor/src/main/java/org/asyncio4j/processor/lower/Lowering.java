package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.emit.Jumps;
import org.asyncio4j.processor.print.AwaitReads;
import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
 * <p>(This file runs past 500 lines. Splitting the processor by stage — scan, lower, print, emit, with an immutable
 * model between them — is issue #14's redesign, which also rewrites what this file does for linear generated code;
 * it is done there once rather than piecemeal here.)
 */
public final class Lowering {
    /** Where {@code break} and {@code continue} go for a lowered loop or labelled statement. */
    public static final class JumpTarget {
        public final Block breakTo;
        public final Block continueTo;

        public JumpTarget(Block breakTo, Block continueTo) {
            this.breakTo = breakTo;
            this.continueTo = continueTo;
        }
    }

    private final AwaitCalls awaitCalls;
    private final BodyScan scan;
    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final boolean returnsVoid;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<Tree, JumpTarget> targets = new IdentityHashMap<>();
    private final List<LocalVar> cursors = new ArrayList<>();
    private final List<BodyScan.Problem> problems = new ArrayList<>();
    /** Lowered try statements with a finally block, by tree, in the order they were lowered. */
    private final Map<Tree, Finally> finallies = new java.util.LinkedHashMap<>();
    /** The resource closes of lowered try-with-resources statements, by statement, in resource order. */
    private final Map<Tree, List<Finally>> resourceFinallies = new IdentityHashMap<>();
    /** Every lowered finally block and resource close, in the order they were made (for their fields). */
    private final List<Finally> allFinallies = new ArrayList<>();
    private Block current;
    /** The handler of the blocks made now: where an exception goes (see {@link Block#handler}). */
    private Block handler;
    private Tree bodyTree;
    private final Map<Tree, Integer> awaitReads = new IdentityHashMap<>();
    private final Map<Tree, Integer> spills = new IdentityHashMap<>();
    private final java.util.Set<Tree> compoundSaves =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final java.util.Set<Tree> compoundsWitnessed =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int savedSlots;
    private final NestedAwaits nested;
    /** Non-final locals are never constants: loops over them can complete (see {@link Completion}). */
    public final Completion.Variability variability;

    private Lowering(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid, NestedAwaits.Fields fields) {
        this.nested = new NestedAwaits(awaitCalls, scan, fields);
        this.awaitCalls = awaitCalls;
        this.scan = scan;
        this.unit = unit;
        this.positions = positions;
        this.returnsVoid = returnsVoid;
        this.variability = tree -> {
            LocalVar var = scan.resolve(tree);
            return var != null && (var.declaration == null
                    || !var.tree().getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL));
        };
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
        public String caughtField;
        public String returnedField;
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
        /** How many save slots the nested awaits need, and their field names (chosen when planned). */
        public final int savedSlots;
        public final List<String> savedFields = new ArrayList<>();
        /** Prints nested awaits and saved values (set when planned). */
        public AwaitReads reads;
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
            this.savedSlots = lowering.savedSlots;
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
        List<? extends StatementTree> statements = ((BlockTree) body.getLeaf()).getStatements();
        lowering.start(lowering.newBlock(statements.isEmpty() ? body.getLeaf() : statements.get(0)));
        lowering.lowerStatements(body);
        if (returnsVoid && lowering.current.isOpen(lowering.variability)) {
            lowering.current.add(new Block.Op.ReturnVoid());
        }
        for (LocalVar var : scan.locals()) {
            var.insideFragment = !lowering.declaredHere.containsKey(var) && var.kind != LocalVar.Kind.PARAMETER;
        }
        if (!lowering.allFinallies.isEmpty()) {
            Jumps.registerAll(body, lowering.targets, lowering.switchValues, lowering::leave);
        }
        lowering.functionBranches.checkYields(body, lowering.switchValues.keySet());
        return new Result(lowering);
    }

    /** Locals whose declarations the lowering took apart (the others are inside copied statements). */
    private final Map<LocalVar, Boolean> declaredHere = new IdentityHashMap<>();

    private Block newBlock(Tree at) {
        long start = positions.getStartPosition(unit, at);
        return new Block(start < 0 ? -1 : unit.getLineMap().getLineNumber(start), handler);
    }

    /** Makes {@code block} the current one; blocks are written in the order they are started. */
    private void start(Block block) {
        block.id = blocks.size();
        blocks.add(block);
        current = block;
    }

    private void jumpTo(Block target) {
        if (current.isOpen(variability)) {
            current.add(new Block.Op.Jump(target));
        }
    }

    private void lowerStatements(TreePath blockPath) {
        for (StatementTree statement : ((BlockTree) blockPath.getLeaf()).getStatements()) {
            lower(new TreePath(blockPath, statement));
        }
    }

    private void lower(TreePath path) {
        lowerStatement(path);
    }

    private void lowerStatement(TreePath path) {
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

    private void lowerDeclaration(TreePath path, VariableTree tree) {
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

    /** {@code await(x)} (maybe parenthesized) where {@code x} itself has no await: the simple, common forms. */
    private boolean isWholeAwait(ExpressionTree expression) {
        ExpressionTree awaited = awaitCalls.awaitedOperand(expression);
        return awaited != null && !scan.containsAwait(awaited);
    }

    /**
     * Suspends on each await nested in the expression at {@code root}, in evaluation order, keeping all but the
     * last one's result; the caller then adds the op that evaluates the expression (see {@link NestedAwaits}).
     * Nothing when the expression has no await.
     */
    private void suspendNested(TreePath root) {
        suspendNested(root, busySlots);
    }

    /** Save slots in use by enclosing expressions while statements inside them are lowered (switch case blocks). */
    private int busySlots;

    /** {@code yield value;} with an await, in a lowered switch expression: save the value and go to its end. */
    private void lowerYield(TreePath path, com.sun.source.tree.YieldTree tree) {
        TreePath target = yieldTarget(path);
        SwitchValue value = target == null ? null : switchValues.get(target.getLeaf());
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

    /** A lowered switch expression: where its value is saved and where its {@code yield}s continue. */
    public static final class SwitchValue {
        public final int slot;
        public final Block join;

        public SwitchValue(int slot, Block join) {
            this.slot = slot;
            this.join = join;
        }
    }

    private final Map<Tree, SwitchValue> switchValues = new IdentityHashMap<>();
    /** Lambdas and method references that would be saved where they have no target type: reported. */
    private final FunctionBranches functionBranches = new FunctionBranches(this::report);

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

    /** {@link #suspendNested(TreePath)} with the save slots from {@code firstSlot} on (the outer ones are busy). */
    private void suspendNested(TreePath root, int firstSlot) {
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
     * javac types it as the whole conditional (see {@link AwaitReads}).
     */
    private void lowerConditional(TreePath point, int slot) {
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
     * block body or a classic case, each {@code yield} saves its value and jumps to the end (see {@link Jumps} for
     * the ones in copied statements). Without a {@code default}, no match throws
     * {@code IncompatibleClassChangeError}, as javac's code does.
     */
    private void lowerSwitchExpression(TreePath point, int slot) {
        com.sun.source.tree.SwitchExpressionTree tree = (com.sun.source.tree.SwitchExpressionTree) point.getLeaf();
        Block join = newBlock(tree);
        List<List<TreePath>> labels = new ArrayList<>();
        List<Block> bodies = new ArrayList<>();
        Block otherwise = null;
        switchValues.put(tree, new SwitchValue(slot, join));
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
    private void lowerSwitchCases(TreePath point, com.sun.source.tree.SwitchExpressionTree tree, List<Block> bodies,
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
    private void lowerShortCircuit(TreePath point, int slot) {
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

    private void lowerExpressionStatement(TreePath path, ExpressionStatementTree tree) {
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
    private static boolean isSimpleName(ExpressionTree target) {
        if (target instanceof IdentifierTree) {
            return true;
        }
        return target instanceof MemberSelectTree
                && ((MemberSelectTree) target).getExpression() instanceof IdentifierTree
                && ((IdentifierTree) ((MemberSelectTree) target).getExpression()).getName().contentEquals("this");
    }

    private void lowerReturn(TreePath path, ReturnTree tree) {
        if (!isWholeAwait(tree.getExpression())) {
            suspendNested(new TreePath(path, tree.getExpression()));
            current.add(new Block.Op.Statement(path));
            return;
        }
        suspendWhole(path, tree.getExpression());
        current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.RETURN, null, null, leave(path, null, null)));
    }

    /**
     * A {@code try} that awaits somewhere. Its parts become blocks whose {@link Block#handler} sends exceptions
     * to the catch clauses (tested in order, in a dispatch block) and then to the finally block:
     * <pre>{@code
     * try {                              case 1: ...body; finally1Exit = 4; state = 3; continue dispatch;
     *     body;                          case 2: if (caught instanceof IOException) goto 5; throw caught;
     * } catch (IOException e) {  ===>    case 5: e = (IOException) caught; ...; finally1Exit = 4; goto 3;
     *     handle(e);                     case 6: finally1Error = caught; finally1Exit = THROW;  // from 1, 2, 5
     * } finally {                        case 3: cleanup(); (end of finally: go on as finally1Exit says)
     *     cleanup();                     case 4: after...
     * }
     * }</pre>
     * Try-with-resources closes each resource in a finally-like close of its own (see {@link #lowerResources}).
     */
    private void lowerTry(TreePath path, TryTree tree) {
        Block outerHandler = handler;
        Block after = newBlock(tree);
        Finally fin = null;
        if (tree.getFinallyBlock() != null) {
            fin = new Finally(tree, null);
            finallies.put(tree, fin);
            allFinallies.add(fin);
            fin.onThrow = newBlock(tree.getFinallyBlock());
            fin.start = newBlock(tree.getFinallyBlock());
            handler = fin.onThrow;
        }
        Block protectedHandler = handler; // catch bodies and the dispatch are protected by the finally only
        List<? extends CatchTree> catches = tree.getCatches();
        Block dispatch = catches.isEmpty() ? null : newBlock(catches.get(0));
        if (dispatch != null) {
            handler = dispatch;
        }
        Block body = newBlock(tree.getBlock());
        jumpTo(body);
        start(body);
        lowerResources(path, tree, 0);
        leaveTryPart(after, fin);
        handler = protectedHandler;
        if (dispatch != null) {
            List<Block> bodies = new ArrayList<>();
            for (CatchTree clause : catches) {
                bodies.add(newBlock(clause));
            }
            start(dispatch);
            for (int i = 0; i < catches.size(); i++) {
                TreePath clause = new TreePath(path, catches.get(i));
                current.add(new Block.Op.CatchTest(catchTypes(clause), bodies.get(i)));
            }
            current.add(new Block.Op.Rethrow());
            for (int i = 0; i < catches.size(); i++) {
                TreePath clause = new TreePath(path, catches.get(i));
                start(bodies.get(i));
                LocalVar parameter = localDeclaredBy(catches.get(i).getParameter());
                declaredHere.put(parameter, true);
                current.add(new Block.Op.BindCatch(parameter));
                lowerStatements(new TreePath(clause, catches.get(i).getBlock()));
                leaveTryPart(after, fin);
            }
        }
        handler = outerHandler;
        if (fin != null) {
            start(fin.onThrow);
            current.add(new Block.Op.CaptureError(fin));
            start(fin.start);
            lowerStatements(new TreePath(path, tree.getFinallyBlock()));
            if (current.isOpen(variability)) {
                current.add(new Block.Op.EndFinally(fin));
            }
        }
        start(after);
    }

    /**
     * The resources of a try-with-resources from the {@code i}th on, then its block, as JLS 14.20.3.1 defines them:
     * each resource is declared (its initializer may await), then everything after it runs protected by its close,
     * which runs on every way out, in reverse order of declaration, and adds a failing close to the primary
     * exception as suppressed:
     * <pre>{@code
     * try (Conn c = await(open())) {     case 1: state = 2; suspend on open();
     *     use(c);                        case 2: c = awaitedValue(task); use(c); finally1Exit = 5; goto 4;
     * }                         ===>     case 3: finally1Error = caught; finally1Exit = THROW;
     *                                    case 4: if (c != null) { close c, or add its failure as suppressed }
     *                                            (end of finally: go on as finally1Exit says)
     * }</pre>
     */
    private void lowerResources(TreePath path, TryTree tree, int i) {
        if (i == tree.getResources().size()) {
            lowerStatements(new TreePath(path, tree.getBlock()));
            return;
        }
        Tree resource = tree.getResources().get(i);
        TreePath resourcePath = new TreePath(path, resource);
        Finally close = new Finally(tree, resourcePath);
        if (resource instanceof VariableTree) {
            lowerDeclaration(resourcePath, (VariableTree) resource);
            close.resourceVar = localDeclaredBy((VariableTree) resource);
        } else if (scan.containsAwait(resource)) {
            report(Messages.AWAIT_STATEMENT.format("try-with-resources"), firstAwait(resourcePath));
        }
        resourceFinallies.computeIfAbsent(tree, t -> new ArrayList<>()).add(close);
        allFinallies.add(close);
        Block outerHandler = handler;
        Block after = newBlock(resource);
        close.onThrow = newBlock(resource);
        close.start = newBlock(resource);
        handler = close.onThrow;
        Block protectedStart = newBlock(resource);
        jumpTo(protectedStart);
        start(protectedStart);
        lowerResources(path, tree, i + 1);
        leaveTryPart(after, close);
        handler = outerHandler;
        start(close.onThrow);
        current.add(new Block.Op.CaptureError(close));
        start(close.start);
        current.add(new Block.Op.CloseResource(close));
        current.add(new Block.Op.EndFinally(close));
        start(after);
    }

    /** The normal end of a try block or catch clause: through the finally block, if any, to {@code after}. */
    private void leaveTryPart(Block after, Finally fin) {
        if (!current.isOpen(variability)) {
            return;
        }
        if (fin == null) {
            current.add(new Block.Op.Jump(after));
        } else {
            fin.routes.put(after, null);
            current.add(new Block.Op.EnterFinally(new Finally.Exit(fin, after)));
        }
    }

    /** The type trees of a catch parameter: one, or the alternatives of a multi-catch. */
    private static List<TreePath> catchTypes(TreePath clause) {
        VariableTree parameter = ((CatchTree) clause.getLeaf()).getParameter();
        TreePath parameterPath = new TreePath(clause, parameter);
        Tree type = parameter.getType();
        TreePath typePath = new TreePath(parameterPath, type);
        List<TreePath> types = new ArrayList<>();
        if (type instanceof UnionTypeTree) {
            for (Tree alternative : ((UnionTypeTree) type).getTypeAlternatives()) {
                types.add(new TreePath(typePath, alternative));
            }
        } else {
            types.add(typePath);
        }
        return types;
    }

    private LocalVar localDeclaredBy(VariableTree tree) {
        return scan.locals().stream().filter(v -> v.declaration != null && v.declaration.getLeaf() == tree)
                .findFirst().orElseThrow(() -> new IllegalStateException("undeclared local " + tree.getName()));
    }

    /**
     * The lowered finally blocks that a jump from {@code from} to {@code targetTree} leaves, innermost first
     * (a null {@code targetTree}: a {@code return}, which leaves them all). Records the route in each of them, so
     * each one's end continues to the next; null when the jump leaves none.
     */
    Finally.Exit leave(TreePath from, Tree targetTree, Block target) {
        List<Finally> crossed = new ArrayList<>();
        Tree child = from.getLeaf();
        for (TreePath p = from.getParentPath(); p != null; p = p.getParentPath()) {
            Tree tree = p.getLeaf();
            if (tree == targetTree || tree == bodyTree) {
                break;
            }
            List<Finally> closes = resourceFinallies.getOrDefault(tree, List.of());
            for (int k = openResources(tree, child, closes) - 1; k >= 0; k--) {
                crossed.add(closes.get(k)); // resources close in reverse order, before the statement's finally
            }
            Finally fin = finallies.get(tree);
            if (fin != null && child != fin.tree.getFinallyBlock()) {
                crossed.add(fin);
            }
            child = tree;
        }
        if (crossed.isEmpty()) {
            return null;
        }
        for (int i = 0; i < crossed.size(); i++) {
            crossed.get(i).routes.put(target, i + 1 < crossed.size() ? crossed.get(i + 1) : null);
        }
        return new Finally.Exit(crossed.get(0), target);
    }

    /**
     * How many resources of the try-with-resources {@code tree} are open where its part {@code child} runs: all in
     * its block, the earlier ones in a later resource's initializer, none in catch and finally.
     */
    private static int openResources(Tree tree, Tree child, List<Finally> closes) {
        if (closes.isEmpty()) {
            return 0;
        }
        if (child == ((TryTree) tree).getBlock()) {
            return closes.size();
        }
        for (int i = 0; i < closes.size(); i++) {
            if (closes.get(i).resource.getLeaf() == child) {
                return i;
            }
        }
        return 0;
    }

    /**
     * An {@code assert} whose condition awaits: as javac compiles {@code assert}, nothing of it runs unless assertions
     * are enabled for the class (its top-level class's status, read once per check):
     * <pre>{@code
     * assert await(valid(x)) : x;   ===>   case 1: if (!Owner.class.desiredAssertionStatus()) goto 3;
     *                                      case 2: suspend on valid(x);
     *                                              if (!awaitedValue(task)) throw new AssertionError(x);
     *                                      case 3: ...
     * }</pre>
     */
    private void lowerAssert(TreePath path, com.sun.source.tree.AssertTree tree) {
        Block check = newBlock(tree);
        Block after = newBlock(tree);
        current.add(new Block.Op.AssertionsEnabled(check, after));
        start(check);
        TreePath condition = new TreePath(path, tree.getCondition());
        TreePath detail = tree.getDetail() == null ? null : new TreePath(path, tree.getDetail());
        suspendNested(condition);
        if (detail == null || !scan.containsAwait(detail.getLeaf())) {
            current.add(new Block.Op.AssertCheck(condition, detail));
            jumpTo(after);
        } else { // the message awaits only when the assertion fails, as Java evaluates it only then
            Block fail = newBlock(tree.getDetail());
            current.add(new Block.Op.Branch(condition, after, fail));
            start(fail);
            suspendNested(detail);
            current.add(new Block.Op.AssertFail(detail));
        }
        start(after);
    }

    /**
     * A {@code switch} statement that awaits in a case. The selector is evaluated once, by a Java switch that
     * jumps to the block of the matching case; a classic case falls through into the next one's block:
     * <pre>{@code
     * switch (kind) {                    case 1: switch (kind) { case "a": state = 2; continue dispatch;
     *     case "a": await(x);    ===>                            default: state = 4; continue dispatch; }
     *     default: other();              case 2: ...await...     case 3: other(); (falls into 4)
     * }                                  case 4: after the switch
     * }</pre>
     */
    private void lowerSwitch(TreePath path, SwitchTree tree) {
        TreePath selector = new TreePath(path, tree.getExpression());
        suspendNested(selector);
        Block exit = newBlock(tree);
        targets.put(tree, new JumpTarget(exit, null));
        List<List<TreePath>> labels = new ArrayList<>();
        List<Block> bodies = new ArrayList<>();
        Block otherwise = exit;
        for (CaseTree clause : tree.getCases()) {
            TreePath clausePath = new TreePath(path, clause);
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
        current.add(new Block.Op.SwitchDispatch(selector, labels, bodies, otherwise));
        List<? extends CaseTree> cases = tree.getCases();
        for (int i = 0; i < cases.size(); i++) {
            CaseTree clause = cases.get(i);
            TreePath clausePath = new TreePath(path, clause);
            start(bodies.get(i));
            if (clause.getCaseKind() == CaseTree.CaseKind.RULE) {
                lower(new TreePath(clausePath, clause.getBody()));
                jumpTo(exit);
            } else {
                for (StatementTree statement : clause.getStatements()) {
                    lower(new TreePath(clausePath, statement));
                }
                jumpTo(i + 1 < cases.size() ? bodies.get(i + 1) : exit);
            }
        }
        start(exit);
    }

    private void lowerIf(TreePath path, IfTree tree) {
        TreePath condition = branchCondition(path, tree.getCondition());
        Block then = newBlock(tree.getThenStatement());
        Block join = newBlock(tree);
        Block otherwise = tree.getElseStatement() == null ? join : newBlock(tree.getElseStatement());
        current.add(new Block.Op.Branch(condition, then, otherwise));
        start(then);
        lower(new TreePath(path, tree.getThenStatement()));
        jumpTo(join);
        if (tree.getElseStatement() != null) {
            start(otherwise);
            lower(new TreePath(path, tree.getElseStatement()));
            jumpTo(join);
        }
        start(join);
    }

    /**
     * Prepares a branch on {@code condition}: when the condition is an await, suspends first and returns null
     * (branch on the awaited value); awaits nested in it are suspended on first (see {@link #suspendNested}).
     */
    private TreePath branchCondition(TreePath statement, ExpressionTree condition) {
        TreePath conditionPath = new TreePath(statement, condition);
        if (!scan.containsAwait(condition)) {
            return conditionPath;
        }
        if (!isWholeAwait(condition)) {
            suspendNested(conditionPath);
            return conditionPath;
        }
        suspend(conditionPath, (ExpressionTree) AwaitCalls.stripParentheses(condition));
        return null;
    }

    private void lowerWhile(TreePath path, WhileLoopTree tree, TreePath label) {
        Block test = newBlock(tree);
        Block body = newBlock(tree.getStatement());
        Block exit = newBlock(tree);
        register(path, label, exit, test);
        jumpTo(test);
        start(test);
        if (!isConstantTrue(tree.getCondition())) {
            TreePath condition = branchCondition(path, tree.getCondition());
            current.add(new Block.Op.Branch(condition, body, exit));
        }
        start(body);
        lower(new TreePath(path, tree.getStatement()));
        jumpTo(test);
        start(exit);
    }

    private void lowerDoWhile(TreePath path, DoWhileLoopTree tree, TreePath label) {
        Block body = newBlock(tree.getStatement());
        Block test = newBlock(tree.getCondition());
        Block exit = newBlock(tree);
        register(path, label, exit, test);
        jumpTo(body);
        start(body);
        lower(new TreePath(path, tree.getStatement()));
        jumpTo(test);
        start(test);
        TreePath condition = branchCondition(path, tree.getCondition());
        current.add(new Block.Op.Branch(condition, body, exit));
        start(exit);
    }

    private void lowerFor(TreePath path, ForLoopTree tree, TreePath label) {
        for (StatementTree init : tree.getInitializer()) {
            lower(new TreePath(path, init));
        }
        Block test = newBlock(tree);
        Block body = newBlock(tree.getStatement());
        Block update = newBlock(tree);
        Block exit = newBlock(tree);
        register(path, label, exit, update);
        jumpTo(test);
        start(test);
        if (tree.getCondition() != null && !isConstantTrue(tree.getCondition())) {
            TreePath condition = new TreePath(path, tree.getCondition());
            suspendNested(condition);
            current.add(new Block.Op.Branch(condition, body, exit));
        }
        start(body);
        lower(new TreePath(path, tree.getStatement()));
        jumpTo(update);
        start(update);
        for (ExpressionStatementTree step : tree.getUpdate()) {
            TreePath expression = new TreePath(new TreePath(path, step), step.getExpression());
            suspendNested(expression);
            current.add(new Block.Op.Evaluate(expression));
        }
        jumpTo(test);
        start(exit);
    }

    private void lowerForEach(TreePath path, EnhancedForLoopTree tree, TreePath label) {
        suspendNested(new TreePath(path, tree.getExpression()));
        LocalVar cursor = new LocalVar("iterator", LocalVar.Kind.LOCAL, null);
        cursors.add(cursor);
        current.add(new Block.Op.IterateStart(cursor, new TreePath(path, tree.getExpression())));
        Block test = newBlock(tree);
        Block body = newBlock(tree.getStatement());
        Block exit = newBlock(tree);
        register(path, label, exit, test);
        jumpTo(test);
        start(test);
        current.add(new Block.Op.IterateTest(cursor, body, exit));
        start(body);
        VariableTree variable = tree.getVariable();
        LocalVar element = scan.locals().stream()
                .filter(v -> v.declaration != null && v.declaration.getLeaf() == variable)
                .findFirst().orElseThrow();
        declaredHere.put(element, true);
        current.add(new Block.Op.IterateNext(element, cursor));
        lower(new TreePath(path, tree.getStatement()));
        jumpTo(test);
        start(exit);
    }

    private void lowerLabeled(TreePath path, LabeledStatementTree tree) {
        TreePath inner = new TreePath(path, tree.getStatement());
        Tree statement = tree.getStatement();
        if (statement instanceof WhileLoopTree) {
            lowerWhile(inner, (WhileLoopTree) statement, path);
        } else if (statement instanceof DoWhileLoopTree) {
            lowerDoWhile(inner, (DoWhileLoopTree) statement, path);
        } else if (statement instanceof ForLoopTree) {
            lowerFor(inner, (ForLoopTree) statement, path);
        } else if (statement instanceof EnhancedForLoopTree) {
            lowerForEach(inner, (EnhancedForLoopTree) statement, path);
        } else {
            Block exit = newBlock(tree);
            targets.put(tree, new JumpTarget(exit, null));
            lower(inner);
            jumpTo(exit);
            start(exit);
        }
    }

    private void register(TreePath loop, TreePath label, Block breakTo, Block continueTo) {
        JumpTarget target = new JumpTarget(breakTo, continueTo);
        targets.put(loop.getLeaf(), target);
        if (label != null) {
            targets.put(label.getLeaf(), target);
        }
    }

    /** Suspends on {@code expression}, a whole await (callers check {@link #isWholeAwait}). */
    private void suspendWhole(TreePath parent, ExpressionTree expression) {
        suspend(new TreePath(parent, expression), (ExpressionTree) AwaitCalls.stripParentheses(expression));
    }

    private void suspend(TreePath at, ExpressionTree awaitCall) {
        TreePath call = new TreePath(at, awaitCall);
        ExpressionTree awaited = awaitCalls.awaitedOperand(awaitCall);
        Block resume = newBlock(awaitCall);
        current.add(new Block.Op.Suspend(new TreePath(call, awaited), resume));
        start(resume);
    }

    private static boolean isConstantTrue(ExpressionTree condition) {
        Tree bare = AwaitCalls.stripParentheses(condition);
        return bare instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) bare).getValue());
    }

    /** The first await call in the tree at {@code path}, to anchor a diagnostic on. */
    private TreePath firstAwait(TreePath path) {
        TreePath[] found = {null};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                if (found[0] == null && awaitCalls.isAwait(tree)) {
                    found[0] = getCurrentPath();
                    return null;
                }
                return super.visitMethodInvocation(tree, unused);
            }
        }.scan(path, null);
        return found[0] != null ? found[0] : path;
    }

    private void report(String message, TreePath where) {
        problems.add(new BodyScan.Problem(message, where));
    }

    private static String statementName(Tree tree) {
        switch (tree.getKind()) {
            case SWITCH:
                return "`switch`";
            case TRY:
                return "`try`";
            case SYNCHRONIZED:
                return "`synchronized`";
            case THROW:
                return "`throw`";
            case ASSERT:
                return "`assert`";
            default:
                return tree.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public boolean returnsVoid() {
        return returnsVoid;
    }
}
