package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers the control-flow statements that contain an {@code await}: {@code if}, {@code switch}, the four loops,
 * labelled statements and {@code assert}. Each becomes blocks with explicit jumps; {@code break} and
 * {@code continue} targets are registered for the statements copied inside them.
 * <pre>{@code
 * if (ready) {                   case 0: if (!(ready)) { state = 2; continue dispatch; }
 *     await(go());      ===>             state = 1; suspend on go();
 * }                              case 1: state = 2; continue dispatch;
 * done();                        case 2: done();
 * }</pre>
 * Part of the {@link LoweringCore} chain; not thread-safe.
 */
abstract class ControlFlowLowering extends ExpressionLowering {
    ControlFlowLowering(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid, NestedAwaits.Fields fields) {
        super(awaitCalls, scan, unit, positions, returnsVoid, fields);
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
    void lowerAssert(TreePath path, com.sun.source.tree.AssertTree tree) {
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
    void lowerSwitch(TreePath path, SwitchTree tree) {
        TreePath selector = new TreePath(path, tree.getExpression());
        suspendNested(selector);
        Block exit = newBlock(tree);
        targets.put(tree, new Lowering.JumpTarget(exit, null));
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

    void lowerIf(TreePath path, IfTree tree) {
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
    TreePath branchCondition(TreePath statement, ExpressionTree condition) {
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

    void lowerWhile(TreePath path, WhileLoopTree tree, TreePath label) {
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

    void lowerDoWhile(TreePath path, DoWhileLoopTree tree, TreePath label) {
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

    void lowerFor(TreePath path, ForLoopTree tree, TreePath label) {
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

    void lowerForEach(TreePath path, EnhancedForLoopTree tree, TreePath label) {
        if (scan.isAsync(tree)) {
            lowerAsyncForEach(path, tree, label);
            return;
        }
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

    /**
     * A for-each over an {@code AsyncIterable} ({@code async for}): each element is awaited, and the cursor is closed
     * on every way out of the loop — its end, {@code break}, {@code return}, an exception, a cancellation — like a
     * try-with-resources resource (asyncio's {@code aclose()}; C#'s {@code await foreach} disposes the same way).
     * <pre>{@code
     * for (String line : lines) {      iterator = AsyncSupport.iterate(lines);
     *     print(line);                 case 1: state = 2; suspend on iterator.hasNextAsync();   (handler: case 4)
     * }                       ===>     case 2: if (!awaitedBoolean(task)) goto 3;
     *                                          String line = AsyncSupport.next(iterator); print(line); goto 1;
     *                                  case 3: (break, or the end) finally1Exit = 6; goto 5;
     *                                  case 4: finally1Error = caught; finally1Exit = THROW;
     *                                  case 5: await the cursor's close (see TryLowering#closeIn)
     *                                  case 6: after the loop
     * }</pre>
     */
    void lowerAsyncForEach(TreePath path, EnhancedForLoopTree tree, TreePath label) {
        suspendNested(new TreePath(path, tree.getExpression()));
        LocalVar cursor = new LocalVar("iterator", LocalVar.Kind.ASYNC_CURSOR, null);
        cursors.add(cursor);
        current.add(new Block.Op.IterateStart(cursor, new TreePath(path, tree.getExpression())));
        Finally close = newFinally(tree, null);
        close.cursor = cursor;
        close.async = true;
        resourceFinallies.computeIfAbsent(tree, t -> new ArrayList<>()).add(close);
        Block outerHandler = handler;
        Block after = newBlock(tree);
        close.onThrow = newBlock(tree);
        close.start = newBlock(tree);
        handler = close.onThrow;
        Block test = newBlock(tree);
        Block resume = newBlock(tree);
        Block body = newBlock(tree.getStatement());
        Block exit = newBlock(tree);
        register(path, label, exit, test);
        jumpTo(test);
        start(test);
        current.add(new Block.Op.HasNextAsync(cursor, resume));
        start(resume);
        current.add(new Block.Op.Branch(null, body, exit));
        start(body);
        VariableTree variable = tree.getVariable();
        LocalVar element = localDeclaredBy(variable);
        declaredHere.put(element, true);
        current.add(new Block.Op.IterateNext(element, cursor));
        lower(new TreePath(path, tree.getStatement()));
        jumpTo(test);
        start(exit);
        leaveTryPart(after, close);
        handler = outerHandler;
        start(close.onThrow);
        current.add(new Block.Op.CaptureError(close));
        start(close.start);
        closeIn(close, tree);
        current.add(new Block.Op.EndFinally(close));
        start(after);
    }

    void lowerLabeled(TreePath path, LabeledStatementTree tree) {
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
            targets.put(tree, new Lowering.JumpTarget(exit, null));
            lower(inner);
            jumpTo(exit);
            start(exit);
        }
    }
}
