package org.asyncio4j.processor;

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
 * user's call was: {@code awaitResult(false ? x : null)}, or {@code awaited(saved1, false ? x : null)} when a later
 * await of the expression suspended after it. The {@code false ? x : null} is never evaluated; it only gives the
 * result its type (the processor has no expression types, see {@link NestedAwaits}).
 */
final class AwaitReads {
    private final Lowering.Result lowered;
    private final AwaitCalls awaitCalls;

    AwaitReads(Lowering.Result lowered, AwaitCalls awaitCalls) {
        this.lowered = lowered;
        this.awaitCalls = awaitCalls;
    }

    /** Spilled values whose save has been written: later code reads them back. */
    private final Set<Tree> saved = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The spilled value whose type witness is being printed: printed as written there. */
    private Tree witnessOf;

    /** Whether a type witness is being printed: code there never runs, so jumps in it print as written. */
    boolean inWitness() {
        return witnessOf != null;
    }

    /** Called once the save of a spilled value is written: from now on it is read back. */
    void saved(Tree value) {
        saved.add(value);
    }

    /** The {@link NameRewriter#expression} hook: prints the await at {@code path} if it is a nested one. */
    boolean print(TreePath path, NameRewriter.Output out) {
        Tree leaf = path.getLeaf();
        Integer spill = lowered.spills.get(leaf);
        if (spill == null && (leaf instanceof com.sun.source.tree.ConditionalExpressionTree
                || leaf instanceof com.sun.source.tree.SwitchExpressionTree)) {
            spill = lowered.awaitReads.get(leaf); // a lowered ?: or switch is read back like a saved value
        }
        if (spill != null && (saved.contains(leaf) || !lowered.spills.containsKey(leaf)) && leaf != witnessOf) {
            Tree outer = witnessOf;
            witnessOf = leaf;
            out.write("spilled(" + lowered.savedFields.get(spill) + ", () -> ");
            out.print(path);
            out.write(")");
            witnessOf = outer;
            return true;
        }
        Integer slot = lowered.awaitReads.get(leaf);
        if (slot == null || leaf == witnessOf) {
            return false;
        }
        if (path.getLeaf() instanceof com.sun.source.tree.BinaryTree) { // a lowered && or ||: its saved boolean
            out.write("(boolean) " + lowered.savedFields.get(slot));
            return true;
        }
        Tree awaitable = awaitCalls.awaitedOperand(path.getLeaf());
        out.write(slot < 0 ? RuntimeNames.AWAIT_RESULT + "(false ? "
                : "awaited(" + lowered.savedFields.get(slot) + ", false ? ");
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
