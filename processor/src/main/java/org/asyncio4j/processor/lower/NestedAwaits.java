package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.NameKinds;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Awaits nested inside a larger expression: which ones, in Java's evaluation order, and whether the expression
 * can be evaluated after its awaits without changing what happens.
 *
 * <p>The lowering suspends on each await in evaluation order first, and evaluates the whole expression once at the
 * end, with each await replaced by its (saved) result. That is exactly Java's behaviour when everything the
 * expression evaluates <em>before</em> an await has no effect and cannot change while the coroutine is suspended:
 * literals, local variables (only this coroutine can assign them), final fields, {@code this}, type names, class
 * literals, lambdas, method references, earlier awaits, and operators over those. Anything else before an await (a call, a
 * field read, {@code new}, a division that may throw) is reported with the fix: store it in a local first.
 * <pre>{@code
 * log.add("got " + await(fetch(a)) + await(fetch(b)));
 *   ===>  suspend on fetch(a); saved1 = awaitedValue(task); suspend on fetch(b);
 *         log.add("got " + awaited(saved1, false ? fetch(a) : null) + awaitedValue(task, false ? fetch(b) : null));
 * }</pre>
 * {@code a && await(b)}, {@code a || await(b)} and {@code c ? await(x) : y} become branches that evaluate only what
 * Java would; so does a switch expression whose cases await.
 */
public final class NestedAwaits {
    private final AwaitCalls awaitCalls;
    private final BodyScan scan;
    private final Fields fields;
    /** The values being saved by the current {@link #analyse}: stable from then on, like an await's result. */
    private Set<Tree> saving = Set.of();
    private final Stability stability;

    /** What the processor can tell about names that are not locals, from the class's elements. */
    interface Fields {
        /** Whether {@code name} is a field of the class or a class enclosing it. */
        boolean isField(String name);

        /** Whether {@code name} is a final field of the class or a class enclosing it. */
        boolean isFinalField(String name);

        /** What names in the body mean: package, type or value (JLS 6.5.2). */
        NameKinds names();

        /**
         * Whether {@code receiver} is a local whose declared type has an accessible (non-private) field
         * {@code name}, so that its type is known.
         */
        boolean isFieldOfLocal(Tree receiver, String name);
    }

    NestedAwaits(AwaitCalls awaitCalls, BodyScan scan, Fields fields) {
        this.awaitCalls = awaitCalls;
        this.scan = scan;
        this.fields = fields;
        this.stability = new Stability(this, awaitCalls, scan, fields);
    }

    /** What lowering an expression takes: its points in evaluation order, and what it keeps. */
    static final class Analysis {
        /** Awaits, lowered {@code &&}/{@code ||}, and values to save ({@link #spills}), in evaluation order. */
        final List<TreePath> points;
        final Set<Tree> spills;
        /** Compound assignments written as {@code x = (T) (saved op (right))}: their target is among the spills. */
        final Set<Tree> compounds;

        /** Those of {@link #compounds} whose target's type is unknown: narrowed through a witness. */
        final Set<Tree> witnessed;

        Analysis(List<TreePath> points, Set<Tree> spills, Set<Tree> compounds, Set<Tree> witnessed) {
            this.points = points;
            this.spills = spills;
            this.compounds = compounds;
            this.witnessed = witnessed;
        }
    }

    /**
     * The points of {@code root} in the order Java evaluates them (inner ones first): await calls; {@code a && b} /
     * {@code a || b} whose right side awaits (a branch; see {@link #isShortCircuit}; awaits inside that right side
     * are lowered on their own); and the parts Java evaluates before an await that are not stable, whose values are
     * saved when Java would evaluate them (see {@code AsyncStateMachine.spilled}).
     */
    Analysis analyse(TreePath root) {
        List<TreePath> suspensions = suspensions(root);
        Set<Tree> spills = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        saving = spills;
        compounds = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        witnessed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        earlyWriters = new java.util.HashMap<>();
        // A local is stable unless a part evaluated before the end (an awaited operand, a saved value, a lowered
        // branch) assigns it: then its earlier reads must be saved too, which may save more parts: iterate.
        for (;;) {
            spills.clear();
            compounds.clear();
            witnessed.clear();
            for (TreePath point : suspensions) {
                Tree child = point.getLeaf();
                for (TreePath p = point.getParentPath(); child != root.getLeaf(); p = p.getParentPath()) {
                    Tree node = p.getLeaf();
                    for (Tree before : childrenBefore(node, child)) {
                        TreePath beforePath = new TreePath(p, before);
                        spillsOf(node, beforePath, spills);
                    }
                    child = node;
                }
            }
            java.util.Map<LocalVar, Set<Tree>> writers = new java.util.HashMap<>();
            for (TreePath point : suspensions) {
                Tree early = isBranching(point.getLeaf()) ? point.getLeaf()
                        : awaitCalls.awaitedOperand(point.getLeaf());
                collectWriters(early, writers);
            }
            spills.forEach(spill -> collectWriters(spill, writers));
            if (earlyWriters.equals(writers)) {
                break;
            }
            earlyWriters = writers;
        }
        return new Analysis(inOrder(root, suspensions, spills), spills, compounds, witnessed);
    }

    /** Compound assignments whose target's old value the current {@link #analyse} saves. */
    private Set<Tree> compounds = Set.of();
    /** Those of them whose target's type is not known: narrowed through a witness. */
    private Set<Tree> witnessed = Set.of();

    /**
     * Locals that {@link #analyse} found assigned before the end of the expression, with the trees that assign them
     * ({@code x = }, {@code x += }, {@code x++}): a read of such a local is not stable, except as the target of the
     * one tree that assigns it (which reads and writes it at the same time).
     */
    private java.util.Map<LocalVar, Set<Tree>> earlyWriters = java.util.Map.of();

    /** Adds the locals that {@code tree} assigns, with the assigning trees, to {@code writers}. */
    private void collectWriters(Tree tree, java.util.Map<LocalVar, Set<Tree>> writers) {
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                note(node, node.getVariable());
                return super.visitAssignment(node, null);
            }

            @Override
            public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree node, Void unused) {
                note(node, node.getVariable());
                return super.visitCompoundAssignment(node, null);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                switch (node.getKind()) {
                    case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
                        note(node, node.getExpression());
                        break;
                    default:
                        break;
                }
                return super.visitUnary(node, null);
            }

            private void note(Tree writer, Tree target) {
                Tree bare = AwaitCalls.stripParentheses(target);
                LocalVar var = bare instanceof IdentifierTree ? scan.resolve(bare) : null;
                if (var != null) {
                    writers.computeIfAbsent(var, v -> java.util.Collections.newSetFromMap(
                            new java.util.IdentityHashMap<>())).add(writer);
                }
            }
        }.scan(tree, null);
    }

    /** Whether the local read at {@code path} may change before the end of the expression (see earlyWriters). */
    boolean assignedEarly(TreePath path, LocalVar local) {
        Set<Tree> writers = earlyWriters.getOrDefault(local, Set.of());
        Tree parent = path.getParentPath().getLeaf();
        Tree ownWriter = (parent instanceof AssignmentTree || parent instanceof com.sun.source.tree.CompoundAssignmentTree
                || parent instanceof UnaryTree) ? parent : null;
        for (Tree writer : writers) {
            if (writer != ownWriter) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds what must be saved of {@code before}, which Java evaluates before an await inside {@code node}: nothing
     * when stable; the parts of an assignment's target; for a compound assignment's target, its parts and its old
     * value (JLS 15.26.2: the assignment is then written {@code x = (T) (old op (right))}, with {@code T} named when
     * the target is a variable, a named array's element or a local's field, else given by a witness); for a called
     * method's {@code receiver.name}, the receiver; else the whole value.
     */
    private void spillsOf(Tree node, TreePath before, Set<Tree> spills) {
        if (isStable(before) || spills.contains(before.getLeaf())) {
            return;
        }
        Tree leaf = before.getLeaf();
        if (node instanceof com.sun.source.tree.CompoundAssignmentTree
                && ((com.sun.source.tree.CompoundAssignmentTree) node).getVariable() == leaf) {
            boolean typed = true;
            if (leaf instanceof ArrayAccessTree) {
                ArrayAccessTree access = (ArrayAccessTree) leaf;
                spillIfUnstable(new TreePath(before, access.getExpression()), spills);
                spillIfUnstable(new TreePath(before, access.getIndex()), spills);
                typed = isNamedVariable(access.getExpression());
            } else if (leaf instanceof MemberSelectTree && !isNamedVariable(leaf)) {
                MemberSelectTree select = (MemberSelectTree) leaf;
                spillIfUnstable(new TreePath(before, select.getExpression()), spills);
                typed = fields.isFieldOfLocal(select.getExpression(), select.getIdentifier().toString());
            } else if (!isNamedVariable(leaf)) {
                // javac rejects a compound assignment to anything but a variable, field or array element
                throw new IllegalStateException("compound assignment to a non-variable: " + leaf);
            }
            compounds.add(node);
            if (!typed) {
                witnessed.add(node); // the type to narrow to comes from a never-called witness
            }
            spills.add(leaf);
            return;
        }
        if (node instanceof MethodInvocationTree && ((MethodInvocationTree) node).getMethodSelect() == leaf) {
            // `receiver().m(await(x))`: Java evaluates the receiver first (JLS 15.12.4.1); a method name is no value
            if (leaf instanceof MemberSelectTree) {
                spillIfUnstable(new TreePath(before, ((MemberSelectTree) leaf).getExpression()), spills);
            }
            return;
        }
        if (node instanceof AssignmentTree && ((AssignmentTree) node).getVariable() == leaf) {
            if (leaf instanceof ArrayAccessTree) {
                spillIfUnstable(new TreePath(before, ((ArrayAccessTree) leaf).getExpression()), spills);
                spillIfUnstable(new TreePath(before, ((ArrayAccessTree) leaf).getIndex()), spills);
            } else if (leaf instanceof MemberSelectTree) {
                spillIfUnstable(new TreePath(before, ((MemberSelectTree) leaf).getExpression()), spills);
            }
            return; // a name is assigned, not read
        }
        spills.add(leaf);
    }

    /** A local, or a field of the class named by a simple name or {@code this.name}: its declared type is known. */
    private boolean isNamedVariable(Tree tree) {
        if (tree instanceof MemberSelectTree && ((MemberSelectTree) tree).getExpression() instanceof IdentifierTree
                && ((IdentifierTree) ((MemberSelectTree) tree).getExpression()).getName().contentEquals("this")) {
            return fields.isField(((MemberSelectTree) tree).getIdentifier().toString());
        }
        return tree instanceof IdentifierTree && (scan.resolve(tree) != null
                || fields.isField(((IdentifierTree) tree).getName().toString()));
    }

    private void spillIfUnstable(TreePath path, Set<Tree> spills) {
        if (!isStable(path)) {
            spills.add(path.getLeaf());
        }
    }

    /** Awaits and lowered {@code &&}/{@code ||}, in evaluation order. */
    private List<TreePath> suspensions(TreePath root) {
        return inOrder(root, null, java.util.Set.of());
    }

    /** The suspensions (all when {@code only} is null) and the spills of {@code root}, in evaluation order. */
    private List<TreePath> inOrder(TreePath root, List<TreePath> only, Set<Tree> spills) {
        List<TreePath> points = new ArrayList<>();
        Set<Tree> wanted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (only != null) {
            only.forEach(p -> wanted.add(p.getLeaf()));
        }
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                super.scan(tree, null);
                if (tree != null && spills.contains(tree)) {
                    points.add(new TreePath(getCurrentPath(), tree));
                }
                return null;
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                super.visitMethodInvocation(tree, null);
                if (awaitCalls.isAwait(tree) && (only == null || wanted.contains(tree))) {
                    points.add(getCurrentPath());
                }
                return null;
            }

            @Override
            public Void visitBinary(BinaryTree tree, Void unused) {
                if (!isShortCircuit(tree)) {
                    return super.visitBinary(tree, null);
                }
                scan(tree.getLeftOperand(), null);
                points.add(getCurrentPath());
                return null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
                if (!isBranching(tree)) {
                    return super.visitSwitchExpression(tree, null);
                }
                scan(tree.getExpression(), null);
                points.add(getCurrentPath());
                return null;
            }

            @Override
            public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
                if (!isBranching(tree)) {
                    return super.visitConditionalExpression(tree, null);
                }
                scan(tree.getCondition(), null);
                points.add(getCurrentPath());
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null; // an await there is reported by the scan, or is an async lambda's own
            }

            @Override
            public Void visitClass(com.sun.source.tree.ClassTree tree, Void unused) {
                return null;
            }
        }.scan(root, null);
        return points;
    }

    /**
     * {@code a && b} or {@code a || b} whose right side awaits: the lowering branches on {@code a} and awaits in
     * {@code b} only when Java would evaluate it, keeping the {@code boolean} result in a field.
     */
    boolean isShortCircuit(Tree tree) {
        return (tree.getKind() == Tree.Kind.CONDITIONAL_AND || tree.getKind() == Tree.Kind.CONDITIONAL_OR)
                && scan.containsAwait(((BinaryTree) tree).getRightOperand());
    }

    /**
     * {@code c ? a : b} whose {@code a} or {@code b} awaits: the lowering branches on {@code c}, evaluates (and
     * awaits in) only the chosen side, and saves its value, read back typed as the whole conditional.
     */
    boolean isConditional(Tree tree) {
        return tree instanceof ConditionalExpressionTree
                && (scan.containsAwait(((ConditionalExpressionTree) tree).getTrueExpression())
                        || scan.containsAwait(((ConditionalExpressionTree) tree).getFalseExpression()));
    }

    /**
     * A switch expression whose cases await: the lowering jumps to the matching case, evaluates only its value
     * (or runs its block up to a {@code yield}) and saves it, read back typed as the whole switch expression.
     */
    boolean isSwitchExpression(Tree tree) {
        if (!(tree instanceof SwitchExpressionTree)) {
            return false;
        }
        for (com.sun.source.tree.CaseTree clause : ((SwitchExpressionTree) tree).getCases()) {
            if (scan.containsAwait(clause)) {
                return true;
            }
        }
        return false;
    }

    /** The value of an arrow case ({@code case A -> value;} or {@code -> throw ...}), or null (a block, classic). */
    static Tree caseValue(com.sun.source.tree.CaseTree clause) {
        if (clause.getCaseKind() != com.sun.source.tree.CaseTree.CaseKind.RULE) {
            return null;
        }
        Tree body = clause.getBody();
        return body instanceof com.sun.source.tree.ExpressionTree || body instanceof com.sun.source.tree.ThrowTree
                ? body : null;
    }

    /** A lowered {@code &&}, {@code ||}, {@code ?:} or switch expression. */
    boolean isBranching(Tree tree) {
        return isShortCircuit(tree) || isConditional(tree) || isSwitchExpression(tree);
    }

    /** The direct children of {@code node} that Java evaluates before {@code child}. */
    private static List<Tree> childrenBefore(Tree node, Tree child) {
        List<Tree> children = new ArrayList<>();
        node.accept(new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null) {
                    children.add(tree);
                }
                return null;
            }
        }, null);
        int index = children.indexOf(child);
        return index < 0 ? List.of() : children.subList(0, index);
    }

    /** Evaluating it has no effect, cannot fail, and gives the same value after a suspension. */
    private boolean isStable(TreePath path) {
        return stability.isStable(path);
    }

    /** Whether the current {@link #analyse} saves {@code tree}'s value (it is then stable, like an await's result). */
    boolean isSaving(Tree tree) {
        return saving.contains(tree);
    }
}
