package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers {@code try} statements that contain an {@code await}: the try block, each catch clause and the finally block
 * become blocks, and every way out of a lowered try (falling through, a jump, a return, an exception) goes through
 * the finally block, which then goes on to where that exit was headed.
 * <pre>{@code
 * try {                          case 1: state = 2; suspend on fetch();   (handler: case 3)
 *     page = await(fetch());     case 2: page = awaitedValue(task); finally1Exit = 4; state = 3; continue dispatch;
 * } finally {          ===>      case 3: close();
 *     close();                           switch (finally1Exit) { case -1: throw finally1Error; case 4: ... }
 * }                              case 4: ...
 * }</pre>
 * A resource of try-with-resources is closed the same way, by a {@link Finally} of its own. Part of the
 * {@link LoweringCore} chain; not thread-safe.
 */
abstract class TryLowering extends LoweringCore {
    TryLowering(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid, NestedAwaits.Fields fields) {
        super(awaitCalls, scan, unit, positions, returnsVoid, fields);
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
    void lowerTry(TreePath path, TryTree tree) {
        Block outerHandler = handler;
        Block after = newBlock(tree);
        Finally fin = null;
        if (tree.getFinallyBlock() != null) {
            fin = newFinally(tree, null);
            finallies.put(tree, fin);
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
    void lowerResources(TreePath path, TryTree tree, int i) {
        if (i == tree.getResources().size()) {
            lowerStatements(new TreePath(path, tree.getBlock()));
            return;
        }
        Tree resource = tree.getResources().get(i);
        TreePath resourcePath = new TreePath(path, resource);
        Finally close = newFinally(tree, resourcePath);
        close.async = scan.isAsync(resource);
        if (resource instanceof VariableTree) {
            lowerDeclaration(resourcePath, (VariableTree) resource);
            close.resourceVar = localDeclaredBy((VariableTree) resource);
        } else if (scan.containsAwait(resource) && !scan.isAsync(resource)) {
            report(Messages.AWAIT_STATEMENT.format("try-with-resources"), firstAwait(resourcePath));
        }
        resourceFinallies.computeIfAbsent(tree, t -> new ArrayList<>()).add(close);
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
        closeIn(close, resource);
        current.add(new Block.Op.EndFinally(close));
        start(after);
    }

    /**
     * The close of a resource or an async loop's cursor, in its finally-like block: a plain {@code close()}, or an
     * awaited {@code closeAsync()}/{@code closeAsync(failure)} whose failure propagates from the resumed block
     * (to the enclosing handler: the next resource out closes with it as the failure).
     * <pre>{@code
     * try (Session s = open()) {       case 4: state = 5; if (suspendOn(frame, task,
     *     ...                   ===>               AsyncSupport.closing(s, finally1Exit == THROW ? finally1Error : null)))
     * }                                            break suspend;
     *                                  case 5: awaitedValue(task); (end of finally: go on as finally1Exit says)
     * }</pre>
     */
    void closeIn(Finally close, Tree at) {
        if (!close.async) {
            current.add(new Block.Op.CloseResource(close));
            return;
        }
        Block resume = newBlock(at);
        current.add(new Block.Op.CloseAsync(close, resume));
        start(resume);
        current.add(new Block.Op.TakeAwaited(Block.Op.TakeAwaited.Into.DISCARD, null, null));
    }

    /** The normal end of a try block or catch clause: through the finally block, if any, to {@code after}. */
    void leaveTryPart(Block after, Finally fin) {
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
    static List<TreePath> catchTypes(TreePath clause) {
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
            if (targetTree instanceof LabeledStatementTree && tree instanceof EnhancedForLoopTree
                    && ((LabeledStatementTree) targetTree).getStatement() == tree) {
                break; // `break label` of a labelled async loop: its break block closes the cursor itself
            }
            List<Finally> closes = resourceFinallies.getOrDefault(tree, List.of());
            for (int k = openResources(tree, child, closes) - 1; k >= 0; k--) {
                crossed.add(closes.get(k)); // resources close in reverse order, before the statement's finally
            }
            Finally fin = finallies.get(tree);
            if (fin != null && child != ((TryTree) fin.tree).getFinallyBlock()) {
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
    static int openResources(Tree tree, Tree child, List<Finally> closes) {
        if (closes.isEmpty()) {
            return 0;
        }
        if (tree instanceof EnhancedForLoopTree) { // an async loop's cursor: open in the body
            return child == ((EnhancedForLoopTree) tree).getStatement() ? closes.size() : 0;
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
}
