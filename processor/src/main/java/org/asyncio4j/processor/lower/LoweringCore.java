package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one {@link Lowering} and its primitives: the blocks made so far, the current block, and the steps
 * every part of the lowering uses (start a block, jump, suspend, report).
 *
 * <p>The lowering is one walk over the body, split by concern into a chain of classes (each file under 500 lines):
 * this core, {@link TryLowering} (try, catch, finally, resources), {@link ExpressionLowering} (awaits nested in
 * expressions), {@link ControlFlowLowering} (if, switch, loops, labels, assert) and {@link Lowering} (statements, the
 * entry point and its {@link Lowering.Result}). For example, {@link #suspend} ends the current block:
 * <pre>{@code
 * String page = await(fetch());   ===>   case 1: state = 2; suspend on fetch();
 *                                        case 2: String page = awaitedValue(task);
 * }</pre>
 * Not thread-safe: one instance lowers one body, once.
 */
abstract class LoweringCore {
    final AwaitCalls awaitCalls;
    final BodyScan scan;
    final CompilationUnitTree unit;
    final SourcePositions positions;
    final boolean returnsVoid;
    final List<Block> blocks = new ArrayList<>();
    final Map<Tree, Lowering.JumpTarget> targets = new IdentityHashMap<>();
    final List<LocalVar> cursors = new ArrayList<>();
    final List<BodyScan.Problem> problems = new ArrayList<>();
    /** Lowered try statements with a finally block, by tree, in the order they were lowered. */
    final Map<Tree, Finally> finallies = new java.util.LinkedHashMap<>();
    /** The resource closes of lowered try-with-resources statements, by statement, in resource order. */
    final Map<Tree, List<Finally>> resourceFinallies = new IdentityHashMap<>();
    /** Every lowered finally block and resource close, in the order they were made (for their fields). */
    final List<Finally> allFinallies = new ArrayList<>();
    Block current;
    /** The handler of the blocks made now: where an exception goes (see {@link Block#handler}). */
    Block handler;
    Tree bodyTree;
    final Map<Tree, Integer> awaitReads = new IdentityHashMap<>();
    final Map<Tree, Integer> spills = new IdentityHashMap<>();
    final java.util.Set<Tree> compoundSaves =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    final java.util.Set<Tree> compoundsWitnessed =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    int savedSlots;
    /**
     * Hands out the names of the lowering's own fields (finally exits and errors here; caught, saved and returned
     * values when the result is made), none equal to a name the body uses. The frame's names continue from it.
     */
    final FrameNames.Names names;
    final NestedAwaits nested;
    /** Non-final locals are never constants: loops over them can complete (see {@link Completion}). */
    public final Completion.Variability variability;

    LoweringCore(AwaitCalls awaitCalls, BodyScan scan, CompilationUnitTree unit, SourcePositions positions,
            boolean returnsVoid, NestedAwaits.Fields fields) {
        this.nested = new NestedAwaits(awaitCalls, scan, fields);
        this.awaitCalls = awaitCalls;
        this.scan = scan;
        this.unit = unit;
        this.positions = positions;
        this.returnsVoid = returnsVoid;
        java.util.Set<String> taken = new java.util.HashSet<>(scan.names());
        taken.add(org.asyncio4j.processor.scan.RuntimeNames.SUSPENDED);
        this.names = new FrameNames.Names(taken);
        this.variability = tree -> {
            LocalVar var = scan.resolve(tree);
            return var != null && (var.declaration == null
                    || !var.tree().getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL));
        };
    }

    /** Locals whose declarations the lowering took apart (the others are inside copied statements). */
    final Map<LocalVar, Boolean> declaredHere = new IdentityHashMap<>();

    Block newBlock(Tree at) {
        long start = positions.getStartPosition(unit, at);
        return new Block(start < 0 ? -1 : unit.getLineMap().getLineNumber(start), handler);
    }

    /**
     * A new lowered finally block or resource close of {@code tree}, with its fields named, in
     * {@link #allFinallies}.
     */
    Finally newFinally(Tree tree, com.sun.source.util.TreePath resource) {
        int number = allFinallies.size() + 1;
        Finally fin = new Finally(tree, resource, names.fresh("finally" + number + "Exit"),
                names.fresh("finally" + number + "Error"));
        allFinallies.add(fin);
        return fin;
    }

    /** Makes {@code block} the current one; blocks are written in the order they are started. */
    void start(Block block) {
        block.id = blocks.size();
        blocks.add(block);
        current = block;
    }

    void jumpTo(Block target) {
        if (current.isOpen(variability)) {
            current.add(new Block.Op.Jump(target));
        }
    }

    void lowerStatements(TreePath blockPath) {
        for (StatementTree statement : ((BlockTree) blockPath.getLeaf()).getStatements()) {
            lower(new TreePath(blockPath, statement));
        }
    }

    /** {@code await(x)} (maybe parenthesized) where {@code x} itself has no await: the simple, common forms. */
    boolean isWholeAwait(ExpressionTree expression) {
        ExpressionTree awaited = awaitCalls.awaitedOperand(expression);
        return awaited != null && !scan.containsAwait(awaited);
    }

    final Map<Tree, Lowering.SwitchValue> switchValues = new IdentityHashMap<>();
    /** Lambdas and method references that would be saved where they have no target type: reported. */
    final FunctionBranches functionBranches = new FunctionBranches(this::report);

    LocalVar localDeclaredBy(VariableTree tree) {
        return scan.locals().stream().filter(v -> v.declaration != null && v.declaration.getLeaf() == tree)
                .findFirst().orElseThrow(() -> new IllegalStateException("undeclared local " + tree.getName()));
    }

    void register(TreePath loop, TreePath label, Block breakTo, Block continueTo) {
        Lowering.JumpTarget target = new Lowering.JumpTarget(breakTo, continueTo);
        targets.put(loop.getLeaf(), target);
        if (label != null) {
            targets.put(label.getLeaf(), target);
        }
    }

    /** Suspends on {@code expression}, a whole await (callers check {@link #isWholeAwait}). */
    void suspendWhole(TreePath parent, ExpressionTree expression) {
        suspend(new TreePath(parent, expression), (ExpressionTree) AwaitCalls.stripParentheses(expression));
    }

    void suspend(TreePath at, ExpressionTree awaitCall) {
        TreePath call = new TreePath(at, awaitCall);
        ExpressionTree awaited = awaitCalls.awaitedOperand(awaitCall);
        Block resume = newBlock(awaitCall);
        current.add(new Block.Op.Suspend(new TreePath(call, awaited), resume));
        start(resume);
    }

    static boolean isConstantTrue(ExpressionTree condition) {
        Tree bare = AwaitCalls.stripParentheses(condition);
        return bare instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) bare).getValue());
    }

    /** The first await call in the tree at {@code path}, to anchor a diagnostic on. */
    TreePath firstAwait(TreePath path) {
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

    void report(String message, TreePath where) {
        problems.add(new BodyScan.Problem(message, where));
    }

    static String statementName(Tree tree) {
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

    /** Lowers one statement (see {@link Lowering}). */
    abstract void lower(TreePath path);

    /** Lowers a local's declaration (see {@link Lowering}). */
    abstract void lowerDeclaration(TreePath path, VariableTree tree);
}
