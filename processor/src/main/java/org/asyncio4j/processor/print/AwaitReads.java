package org.asyncio4j.processor.print;

import org.asyncio4j.processor.lower.Lowering;
import org.asyncio4j.processor.lower.NestedAwaits;
import org.asyncio4j.processor.lower.WitnessedLocals;
import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Prints an {@code await(x)} nested in a larger expression as the read of its result, typed by javac like the
 * user's call was: {@code awaitedValue(task, false ? x : null)}, or {@code awaited(saved1, false ? x : null)} when a
 * later await of the expression suspended after it. The {@code false ? x : null} is never evaluated; it only gives the
 * result its type (the processor has no expression types, see {@link NestedAwaits}). Where the processor knows the
 * type itself ({@link KnownTypes}), no witness is written:
 * <pre>{@code
 * 1 + await(now(2))          (static Future<Integer> now(int))   ===>  1 + awaitedInt(task)
 * pick(await(now(2)))                                           ===>  pick((Integer) awaitedValue(task))
 * tr(a) + await(now(2))      (static int tr(int), saved first)  ===>  saved1 + awaitedInt(task)   (int saved1)
 * }</pre>
 */
public final class AwaitReads {
    private final Lowering.Result lowered;
    private final AwaitCalls awaitCalls;

    /** The declared type of a variable named at the path (a local or a field of the class), as source text. */
    private final java.util.function.BiFunction<TreePath, SourcePrinter, String> typeOfName;

    /** The frame-less body's task parameter, whose await slot holds the last await's outcome. */
    private final String taskVar;

    /** What types a witnessed local's reads, or null ({@link WitnessedLocals#witnessOf}). */
    private final java.util.function.Function<Tree, WitnessedLocals.Witness> witnessOfLocal;

    /** The types the processor can tell itself, read with a cast instead of a witness. */
    private final KnownTypes known;
    private final SavedSlots slots;

    /** The type of save slot {@code slot}'s field, or null for {@code Object} (see {@link SavedSlots}). */
    public javax.lang.model.type.TypeMirror slotType(int slot) {
        return slots.typeOf(slot);
    }

    public AwaitReads(Lowering.Result lowered, AwaitCalls awaitCalls, String taskVar,
            java.util.function.Function<Tree, WitnessedLocals.Witness> witnessOfLocal,
            java.util.function.BiFunction<TreePath, SourcePrinter, String> typeOfName, KnownTypes known) {
        this.lowered = lowered;
        this.known = known;
        this.slots = new SavedSlots(lowered, known, known.types());
        this.witnessOfLocal = witnessOfLocal;
        this.taskVar = taskVar;
        this.awaitCalls = awaitCalls;
        this.typeOfName = typeOfName;
    }

    /** {@code x op= right} whose old {@code x} was saved: {@code x = (T) ((T) savedN op (right))} (JLS 15.26.2). */
    private boolean printCompound(TreePath path, NameRewriter.Output out) {
        com.sun.source.tree.CompoundAssignmentTree tree = (com.sun.source.tree.CompoundAssignmentTree) path.getLeaf();
        TreePath target = new TreePath(path, tree.getVariable());
        if (lowered.compoundsWitnessed.contains(tree)) {
            return printWitnessedCompound(path, tree, target, out);
        }
        String type;
        if (tree.getVariable() instanceof com.sun.source.tree.ArrayAccessTree) { // a[i] op= ...: the element type
            String array = typeOfName.apply(new TreePath(target,
                    ((com.sun.source.tree.ArrayAccessTree) tree.getVariable()).getExpression()), out.printer());
            type = array.substring(0, array.lastIndexOf('[')).trim();
        } else {
            type = typeOfName.apply(target, out.printer());
        }
        Tree outer = asTarget;
        asTarget = tree.getVariable(); // the target is written as a variable (its parts as saved), not as its old value
        out.print(target);
        asTarget = outer;
        out.write(" = (" + type + ") ((" + type + ") " + lowered.savedFields.get(lowered.spills.get(tree.getVariable()))
                + " " + OPERATORS.get(tree.getKind()) + " (");
        out.print(new TreePath(path, tree.getExpression()));
        out.write("))");
        return true;
    }

    /**
     * {@code g().f op= right} whose target's type is unknown: {@code g'.f = compound(old op (right), () -> g().f)},
     * where {@code g'} is the receiver Java evaluated, {@code old} the field's value it read (both kept), and the
     * never-called lambda gives javac the type to narrow to.
     */
    private boolean printWitnessedCompound(TreePath path, com.sun.source.tree.CompoundAssignmentTree tree,
            TreePath target, NameRewriter.Output out) {
        Tree outer = asTarget;
        asTarget = tree.getVariable();
        out.print(target);
        asTarget = outer;
        out.write(" = compound(spilled(" + lowered.savedFields.get(lowered.spills.get(tree.getVariable())) + ", () -> ");
        printWitness(target, out);
        out.write(") " + OPERATORS.get(tree.getKind()) + " (");
        out.print(new TreePath(path, tree.getExpression()));
        out.write("), () -> ");
        printWitness(target, out);
        out.write(")");
        return true;
    }

    /**
     * A saved value, or inside a type witness (a never-called lambda, where only its type matters) a null of that
     * type: the frame-less body keeps saved values in locals, which a lambda cannot capture.
     */
    private String savedOrNull(int slot) {
        return witnessOf == null ? lowered.savedFields.get(slot) : "(Object) null";
    }

    /** Prints {@code path} as written (types only: nothing kept is substituted), for a never-called lambda. */
    private void printWitness(TreePath path, NameRewriter.Output out) {
        Tree outer = witnessOf;
        witnessOf = path.getLeaf();
        out.print(path);
        witnessOf = outer;
    }

    private static final java.util.Map<Tree.Kind, String> OPERATORS = java.util.Map.ofEntries(
            java.util.Map.entry(Tree.Kind.PLUS_ASSIGNMENT, "+"), java.util.Map.entry(Tree.Kind.MINUS_ASSIGNMENT, "-"),
            java.util.Map.entry(Tree.Kind.MULTIPLY_ASSIGNMENT, "*"), java.util.Map.entry(Tree.Kind.DIVIDE_ASSIGNMENT, "/"),
            java.util.Map.entry(Tree.Kind.REMAINDER_ASSIGNMENT, "%"),
            java.util.Map.entry(Tree.Kind.LEFT_SHIFT_ASSIGNMENT, "<<"),
            java.util.Map.entry(Tree.Kind.RIGHT_SHIFT_ASSIGNMENT, ">>"),
            java.util.Map.entry(Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, ">>>"),
            java.util.Map.entry(Tree.Kind.AND_ASSIGNMENT, "&"), java.util.Map.entry(Tree.Kind.XOR_ASSIGNMENT, "^"),
            java.util.Map.entry(Tree.Kind.OR_ASSIGNMENT, "|"));

    /** A witnessed local being printed as the variable itself (see {@link #printWitnessedLocal}). */
    private Tree rawLocal;

    /**
     * A read, update or compound assignment of a {@linkplain WitnessedLocals witnessed} local {@code v}, whose
     * {@code Object} field is typed again by its initializer {@code W}: a read is {@code spilled(v, () -> W)};
     * {@code v op= e}, {@code ++v} and {@code v++} as a statement are
     * {@code spilled(v = compound(spilled(old, () -> W) op (e), () -> W), () -> W)} (JLS 15.26.2's narrowing, as for
     * targets of unknown type); {@code v++} used as a value is {@code Postfix.before(spilled(v, () -> W), v = ..)}.
     * An assignment {@code v = e} writes the field as is.
     */
    private boolean printWitnessedLocal(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        Tree target = leaf instanceof com.sun.source.tree.CompoundAssignmentTree
                ? AwaitCalls.stripParentheses(((com.sun.source.tree.CompoundAssignmentTree) leaf).getVariable())
                : leaf instanceof com.sun.source.tree.UnaryTree && isIncrement(leaf)
                        ? AwaitCalls.stripParentheses(((com.sun.source.tree.UnaryTree) leaf).getExpression()) : leaf;
        WitnessedLocals.Witness initializer = target instanceof IdentifierTree ? witnessOfLocal.apply(target) : null;
        if (initializer == null || (witnessOf == null && leaf != asTarget && saved.contains(leaf))) {
            return false; // (a value saved before an await is read back from its slot)
        }
        Tree parent = path.getParentPath().getLeaf();
        if (target == leaf && (parent instanceof com.sun.source.tree.AssignmentTree
                && AwaitCalls.stripParentheses(((com.sun.source.tree.AssignmentTree) parent).getVariable()) == leaf)) {
            return false; // written, not read
        }
        TreePath targetPath = new TreePath(path, target);
        if (target == leaf && declaredWitnesses.contains(initializer)) {
            out.write(initializer.localName); // inside a witness that declared it: its type is all that matters
            return true;
        }
        if (target == leaf) {
            typedRead(() -> printRaw(targetPath, out), initializer, out);
            return true;
        }
        boolean postfix = leaf.getKind() == Tree.Kind.POSTFIX_INCREMENT || leaf.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        if (postfix && !(parent instanceof com.sun.source.tree.ExpressionStatementTree)) {
            // its value is the old one: Postfix.before(old, update) evaluates both, in that order
            out.write(RuntimeNames.POSTFIX.canonicalName() + ".before(");
            typedRead(() -> printRaw(targetPath, out), initializer, out);
            out.write(", ");
            printUpdate(path, targetPath, initializer, out);
            out.write(")");
            return true;
        }
        typedRead(() -> printUpdate(path, targetPath, initializer, out), initializer, out);
        return true;
    }

    /** {@code v = compound(spilled(old, () -> W) op (e), () -> W)} for {@code v op= e}, {@code v++}, ... */
    private void printUpdate(TreePath path, TreePath targetPath, WitnessedLocals.Witness initializer,
            NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        Tree outer = asTarget;
        asTarget = targetPath.getLeaf(); // written: the variable, even if its old value was saved
        printRaw(targetPath, out);
        asTarget = outer;
        out.write(" = compound(");
        typedRead(() -> {
            if (lowered.compoundSaves.contains(leaf) && saved.contains(
                    ((com.sun.source.tree.CompoundAssignmentTree) leaf).getVariable()) && witnessOf == null) {
                out.write(lowered.savedFields.get(lowered.spills.get(
                        ((com.sun.source.tree.CompoundAssignmentTree) leaf).getVariable())));
            } else {
                printRaw(targetPath, out);
            }
        }, initializer, out);
        if (leaf instanceof com.sun.source.tree.CompoundAssignmentTree) {
            out.write(" " + OPERATORS.get(leaf.getKind()) + " (");
            out.print(new TreePath(path, ((com.sun.source.tree.CompoundAssignmentTree) leaf).getExpression()));
            out.write(")");
        } else {
            boolean up = leaf.getKind() == Tree.Kind.PREFIX_INCREMENT || leaf.getKind() == Tree.Kind.POSTFIX_INCREMENT;
            out.write(up ? " + 1" : " - 1");
        }
        out.write(", () -> ");
        printWitness(initializer, out);
        out.write(")");
    }

    /** The witnesses whose locals the witness being printed declares (see {@link WitnessedLocals.Witness}). */
    private Set<WitnessedLocals.Witness> declaredWitnesses = Set.of();

    /**
     * The body of a witnessed local's {@code () -> ...}: its initializer, or
     * {@code ForEachSupport.elementOf(loop expression)}; a block declaring the witnessed locals it reads first.
     */
    private void printWitness(WitnessedLocals.Witness witness, NameRewriter.Output out) {
        if (declaredWitnesses.contains(witness)) {
            out.write(witness.localName);
            return;
        }
        if (witness.dependencies.isEmpty() || !declaredWitnesses.isEmpty()) {
            printWitnessExpression(witness, out);
            return;
        }
        Set<WitnessedLocals.Witness> outer = declaredWitnesses;
        declaredWitnesses = Collections.newSetFromMap(new IdentityHashMap<>());
        out.write("{ ");
        for (WitnessedLocals.Witness dependency : witness.dependencies) {
            out.write("var " + dependency.localName + " = ");
            printWitnessExpression(dependency, out);
            out.write("; ");
            declaredWitnesses.add(dependency);
        }
        out.write("return ");
        printWitnessExpression(witness, out);
        out.write("; }");
        declaredWitnesses = outer;
    }

    private void printWitnessExpression(WitnessedLocals.Witness witness, NameRewriter.Output out) {
        if (witness.elementOf) {
            out.write(RuntimeNames.FOR_EACH_SUPPORT.canonicalName() + "." + RuntimeNames.ELEMENT_OF + "(");
        }
        printWitness(witness.expression, out);
        if (witness.elementOf) {
            out.write(")");
        }
    }

    private static boolean isIncrement(Tree tree) {
        switch (tree.getKind()) {
            case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
                return true;
            default:
                return false;
        }
    }

    /** {@code spilled(<value>, () -> <witness>)}. */
    private void typedRead(Runnable value, WitnessedLocals.Witness witness, NameRewriter.Output out) {
        out.write("spilled(");
        value.run();
        out.write(", () -> ");
        printWitness(witness, out);
        out.write(")");
    }

    /** Prints a witnessed local as the variable (its name, or in a witness the frame's field). */
    private void printRaw(TreePath local, NameRewriter.Output out) {
        Tree outer = rawLocal;
        rawLocal = local.getLeaf();
        out.print(local);
        rawLocal = outer;
    }

    /** Spilled values whose save has been written: later code reads them back. */
    private final Set<Tree> saved = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The spilled value whose type witness is being printed: printed as written there. */
    private Tree witnessOf;
    /** The target of a compound assignment being written: printed as a variable, not as its saved old value. */
    private Tree asTarget;

    /** Whether a type witness is being printed: code there never runs, so jumps in it print as written. */
    public boolean inWitness() {
        return witnessOf != null;
    }

    /** Called once the save of a spilled value is written: from now on it is read back. */
    public void saved(Tree value) {
        saved.add(value);
    }

    /** {@code (T) value}, in parentheses where the parent binds tighter than a cast ({@code ((T) value).m()}). */
    private static void writeCast(TreePath path, String type, String value, NameRewriter.Output out) {
        Tree.Kind parent = path.getParentPath().getLeaf().getKind();
        boolean wrap = parent == Tree.Kind.MEMBER_SELECT || parent == Tree.Kind.ARRAY_ACCESS
                || parent == Tree.Kind.MEMBER_REFERENCE;
        out.write((wrap ? "((" : "(") + type + ") " + value + (wrap ? ")" : ""));
    }

    /**
     * Whether the value at {@code path} is unboxed by what it is an operand of, whatever its boxed type: arithmetic,
     * shifts, comparisons but {@code ==} and {@code !=}, logical operators, unary operators, an array index (string
     * concatenation reads an {@code int} as it reads an {@code Integer}).
     */
    private static boolean unboxes(TreePath path) {
        Tree child = path.getLeaf();
        TreePath parent = path.getParentPath();
        while (parent.getLeaf() instanceof ParenthesizedTree) {
            child = parent.getLeaf();
            parent = parent.getParentPath();
        }
        switch (parent.getLeaf().getKind()) {
            case MULTIPLY: case DIVIDE: case REMAINDER: case PLUS: case MINUS: case LEFT_SHIFT: case RIGHT_SHIFT:
            case UNSIGNED_RIGHT_SHIFT: case LESS_THAN: case GREATER_THAN: case LESS_THAN_EQUAL:
            case GREATER_THAN_EQUAL: case AND: case OR: case XOR: case CONDITIONAL_AND: case CONDITIONAL_OR:
            case UNARY_MINUS: case UNARY_PLUS: case BITWISE_COMPLEMENT: case LOGICAL_COMPLEMENT:
                return true;
            case ARRAY_ACCESS:
                return ((com.sun.source.tree.ArrayAccessTree) parent.getLeaf()).getIndex() == child;
            default:
                return false;
        }
    }

    /** The {@link NameRewriter#expression} hook: prints the await at {@code path} if it is a nested one. */
    public boolean print(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        if (leaf != rawLocal && printWitnessedLocal(path, out)) {
            return true;
        }
        if (witnessOf == null && lowered.compoundSaves.contains(leaf) && saved.contains(
                ((com.sun.source.tree.CompoundAssignmentTree) leaf).getVariable())) {
            return printCompound(path, out);
        }
        Integer spill = lowered.spills.get(leaf);
        if (spill == null && (leaf instanceof com.sun.source.tree.ConditionalExpressionTree
                || leaf instanceof com.sun.source.tree.SwitchExpressionTree)) {
            spill = lowered.awaitReads.get(leaf); // a lowered ?: or switch is read back like a saved value
        }
        // Inside a witness only types matter: values are printed as written (a saved target stays assignable).
        if (spill != null && witnessOf == null && leaf != asTarget
                && (saved.contains(leaf) || !lowered.spills.containsKey(leaf))) {
            if (slots.typeOf(spill) != null) { // a typed slot: read as it is
                out.write(lowered.savedFields.get(spill));
                return true;
            }
            javax.lang.model.type.TypeMirror type = lowered.spills.containsKey(leaf) ? known.typeOf(leaf) : null;
            if (type != null && KnownTypes.castable(type)) { // (int) saved1: no witness where the type is known
                writeCast(path, known.sourceText(type), lowered.savedFields.get(spill), out);
                return true;
            }
            Tree outer = witnessOf;
            witnessOf = leaf;
            out.write("spilled(" + lowered.savedFields.get(spill) + ", () -> ");
            out.print(path);
            out.write(")");
            witnessOf = outer;
            return true;
        }
        Integer slot = lowered.awaitReads.get(leaf);
        if (slot == null && witnessOf != null && awaitCalls.isAwait(leaf)) {
            slot = -1; // an await lowered as a statement inside a witnessed switch block: only its type matters here
        }
        if (slot == null || leaf == witnessOf || (witnessOf != null && !awaitCalls.isAwait(leaf))) {
            return false; // (a lowered &&, || or ?: inside a witness is printed as written: only its type matters)
        }
        if (path.getLeaf() instanceof com.sun.source.tree.BinaryTree) { // a lowered && or ||: its saved boolean
            out.write(witnessOf == null && slots.typeOf(slot) != null ? lowered.savedFields.get(slot)
                    : "(boolean) " + savedOrNull(slot));
            return true;
        }
        if (slot >= 0 && witnessOf == null && slots.typeOf(slot) != null && !(path.getParentPath().getLeaf()
                instanceof com.sun.source.tree.ExpressionStatementTree)) {
            out.write(lowered.savedFields.get(slot)); // a typed slot: the await's result as it was saved
            return true;
        }
        if (awaitCalls.generator() && AwaitCalls.isEmitPoint(path.getLeaf())) {
            out.write(RuntimeNames.AWAITED_VALUE + "(" + taskVar + ")"); // `emit(x);` resumed: null, or GeneratorExit
            return true;
        }
        Tree awaitable = awaitCalls.awaitedOperand(path.getLeaf());
        javax.lang.model.type.TypeMirror result = known.awaitedType(awaitable);
        boolean statement = path.getParentPath().getLeaf() instanceof com.sun.source.tree.ExpressionStatementTree;
        if (result != null && KnownTypes.castable(result) && !statement) { // (a cast is no statement)
            // The type javac gives await(awaitable), known: awaitedInt(task) where the context unboxes it anyway,
            // else (Integer) awaitedValue(task), with no witness for javac to attribute.
            String unboxed = slot < 0 && unboxes(path) ? known.unboxedSuffix(result) : null;
            if (unboxed != null) {
                out.write(RuntimeNames.AWAITED_VALUE.replace("Value", unboxed) + "(" + taskVar + ")");
            } else {
                writeCast(path, known.sourceText(result),
                        slot < 0 ? RuntimeNames.AWAITED_VALUE + "(" + taskVar + ")" : savedOrNull(slot), out);
            }
            return true;
        }
        out.write(slot < 0 ? RuntimeNames.AWAITED_VALUE + "(" + taskVar + ", false ? "
                : "awaited(" + savedOrNull(slot) + ", false ? ");
        boolean parenthesize = !(awaitable instanceof MethodInvocationTree || awaitable instanceof IdentifierTree
                || awaitable instanceof MemberSelectTree || awaitable instanceof NewClassTree
                || awaitable instanceof ParenthesizedTree);
        out.write(parenthesize ? "(" : "");
        out.print(new TreePath(path, awaitable));
        out.write(parenthesize ? ")" : "");
        out.write(" : null)");
        return true;
    }
}
