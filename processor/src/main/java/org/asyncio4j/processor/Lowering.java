package org.asyncio4j.processor;

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
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
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
 *     String page = await(fetch());   case 1:   state = 2; if (suspendOn(fetch())) return SUSPENDED;
 *     print(page);          ===>      case 2:   String page = awaitResult(); print(page);
 * }                                             state = 1; continue dispatch;
 * done();                             case 3: done();
 * }</pre>
 * In this version an {@code await} may be a whole statement, a local's initializer, the right side of an assignment
 * to a name, a {@code return} value, or the whole condition of {@code if}, {@code while} and {@code do}; inside
 * blocks, {@code if}, loops and labelled statements. Anything else is reported with the reason and the fix.
 */
final class Lowering {
    /** Where {@code break} and {@code continue} go for a lowered loop or labelled statement. */
    static final class JumpTarget {
        final Block breakTo;
        final Block continueTo;

        JumpTarget(Block breakTo, Block continueTo) {
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
    private Block current;
    /** Non-final locals are never constants: loops over them can complete (see {@link Completion}). */
    final Completion.Variability variability;

    private Lowering(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid) {
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
    static final class Result {
        final List<Block> blocks;
        final Map<Tree, JumpTarget> targets;
        final List<LocalVar> cursors;
        final List<BodyScan.Problem> problems;
        final Completion.Variability variability;

        Result(Lowering lowering) {
            this.variability = lowering.variability;
            this.blocks = List.copyOf(lowering.blocks);
            this.targets = lowering.targets;
            this.cursors = List.copyOf(lowering.cursors);
            this.problems = List.copyOf(lowering.problems);
        }
    }

    static Result lower(TreePath body, AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit,
            SourcePositions positions, boolean returnsVoid) {
        Lowering lowering = new Lowering(awaitCalls, scan, unit, positions, returnsVoid);
        List<? extends StatementTree> statements = ((BlockTree) body.getLeaf()).getStatements();
        lowering.start(lowering.newBlock(statements.isEmpty() ? body.getLeaf() : statements.get(0)));
        lowering.lowerStatements(body);
        if (returnsVoid && lowering.current.isOpen(lowering.variability)) {
            lowering.current.add(new Block.Op.ReturnVoid());
        }
        for (LocalVar var : scan.locals()) {
            var.insideFragment = !lowering.declaredHere.containsKey(var) && var.kind != LocalVar.Kind.PARAMETER;
        }
        return new Result(lowering);
    }

    /** Locals whose declarations the lowering took apart (the others are inside copied statements). */
    private final Map<LocalVar, Boolean> declaredHere = new IdentityHashMap<>();

    private Block newBlock(Tree at) {
        long start = positions.getStartPosition(unit, at);
        return new Block(start < 0 ? -1 : unit.getLineMap().getLineNumber(start));
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
        try {
            lowerStatement(path);
        } catch (InvalidCondition reported) {
            // the problem is recorded; the rest of the method is still checked for more problems
        }
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
        if (suspendIfAwait(path, initializer)) {
            current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.DECLARE, var, null));
        }
    }

    private void lowerExpressionStatement(TreePath path, ExpressionStatementTree tree) {
        ExpressionTree expression = tree.getExpression();
        TreePath expressionPath = new TreePath(path, expression);
        if (awaitCalls.isAwait(expression)) {
            suspend(expressionPath, expression);
            current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.DISCARD, null, null));
            return;
        }
        if (expression instanceof AssignmentTree) {
            AssignmentTree assignment = (AssignmentTree) expression;
            ExpressionTree target = assignment.getVariable();
            if (isSimpleName(target) && !scan.containsAwait(target)) {
                if (suspendIfAwait(expressionPath, assignment.getExpression())) {
                    current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.ASSIGN, null,
                            new TreePath(expressionPath, target)));
                }
                return;
            }
        }
        report(Messages.AWAIT_POSITION.format("inside this expression"), firstAwait(path));
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
        if (suspendIfAwait(path, tree.getExpression())) {
            current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.RETURN, null, null));
        }
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

    /** A condition that could not be lowered (already reported). */
    private static final class InvalidCondition extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidCondition() {
            super(null, null, false, false);
        }
    }

    /**
     * Prepares a branch on {@code condition}: when the condition is an await, suspends first and returns null
     * (branch on the awaited value); an await anywhere else in it is reported and abandons the statement.
     */
    private TreePath branchCondition(TreePath statement, ExpressionTree condition) {
        TreePath conditionPath = new TreePath(statement, condition);
        if (!scan.containsAwait(condition)) {
            return conditionPath;
        }
        ExpressionTree awaited = awaitCalls.awaitedOperand(condition);
        if (awaited == null || scan.containsAwait(awaited)) {
            report(Messages.AWAIT_POSITION.format("inside a condition (only a whole `await(...)` condition is)"),
                    firstAwait(conditionPath));
            throw new InvalidCondition();
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
            if (scan.containsAwait(tree.getCondition())) {
                report(Messages.AWAIT_POSITION.format("in a `for` condition"), firstAwait(path));
                return;
            }
            current.add(new Block.Op.Branch(new TreePath(path, tree.getCondition()), body, exit));
        }
        start(body);
        lower(new TreePath(path, tree.getStatement()));
        jumpTo(update);
        start(update);
        for (ExpressionStatementTree step : tree.getUpdate()) {
            if (scan.containsAwait(step)) {
                report(Messages.AWAIT_POSITION.format("in a `for` update"), firstAwait(new TreePath(path, step)));
                return;
            }
            current.add(new Block.Op.Evaluate(new TreePath(new TreePath(path, step), step.getExpression())));
        }
        jumpTo(test);
        start(exit);
    }

    private void lowerForEach(TreePath path, EnhancedForLoopTree tree, TreePath label) {
        if (scan.containsAwait(tree.getExpression())) {
            report(Messages.AWAIT_POSITION.format("in the expression of an enhanced `for`"),
                    firstAwait(new TreePath(path, tree.getExpression())));
            return;
        }
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

    /** If {@code expression} is an await, suspends on it and returns true; any other await in it is reported. */
    private boolean suspendIfAwait(TreePath parent, ExpressionTree expression) {
        ExpressionTree awaited = awaitCalls.awaitedOperand(expression);
        if (awaited == null || scan.containsAwait(awaited)) {
            report(Messages.AWAIT_POSITION.format("inside this expression"),
                    firstAwait(new TreePath(parent, expression)));
            return false;
        }
        suspend(new TreePath(parent, expression), (ExpressionTree) AwaitCalls.stripParentheses(expression));
        return true;
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

    boolean returnsVoid() {
        return returnsVoid;
    }
}
