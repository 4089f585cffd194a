package org.asyncio4j.processor.print;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Lowering;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.Tree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The types of the save slots ({@code savedN}) that keep values across a later await of their expression: a slot is
 * typed when every value saved in it has the same type the processor knows ({@link KnownTypes}), and is read back as
 * it is; any other slot stays an {@code Object}, read back through a type witness.
 * <pre>{@code
 * f(tr(a), await(later(1)))   (static int tr(..))   ===>  int saved1;  saved1 = tr(a);  ...  f(saved1, ...)
 * ready && await(check())                          ===>  boolean saved1;  ...  if (saved1)
 * }</pre>
 * Slots of lowered {@code ?:} and switch expressions stay {@code Object}: their value's type is that of the whole
 * expression, which may differ from every branch's ({@code c ? 1 : 2L} is a {@code long}). Immutable once built.
 */
public final class SavedSlots {
    private final Map<Integer, TypeMirror> types = new HashMap<>();

    SavedSlots(Lowering.Result lowered, KnownTypes known, Types typeUtils) {
        Set<Integer> untyped = new HashSet<>();
        lowered.switchValues.values().forEach(v -> untyped.add(v.slot));
        lowered.awaitReads.forEach((tree, slot) -> {
            if (tree.getKind() == Tree.Kind.CONDITIONAL_EXPRESSION
                    || tree.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
                untyped.add(slot);
            }
        });
        Map<Block, Block.Op.Suspend> suspendOf = new IdentityHashMap<>();
        for (Block block : lowered.blocks) {
            for (Block.Op op : block.ops()) {
                if (op instanceof Block.Op.Suspend) {
                    suspendOf.put(((Block.Op.Suspend) op).resume, (Block.Op.Suspend) op);
                }
            }
        }
        Map<Integer, TypeMirror> found = new HashMap<>();
        for (Block block : lowered.blocks) {
            for (Block.Op op : block.ops()) {
                int slot;
                TypeMirror type;
                if (op instanceof Block.Op.SaveValue) {
                    Block.Op.SaveValue save = (Block.Op.SaveValue) op;
                    slot = save.slot;
                    type = save.constant != null || isShortCircuitValue(save, lowered)
                            ? typeUtils.getPrimitiveType(TypeKind.BOOLEAN) // a lowered && or ||
                            : lowered.spills.containsKey(save.expression.getLeaf())
                                    ? known.typeOf(save.expression.getLeaf()) : null;
                } else if (op instanceof Block.Op.SaveAwaited) {
                    slot = ((Block.Op.SaveAwaited) op).slot;
                    Block.Op.Suspend suspend = suspendOf.get(block);
                    type = suspend == null ? null : known.awaitedType(suspend.awaited.getLeaf());
                } else {
                    continue;
                }
                if (type == null || type.getKind() == TypeKind.ERROR
                        || (found.containsKey(slot) && !typeUtils.isSameType(found.get(slot), type))) {
                    untyped.add(slot);
                } else {
                    found.put(slot, type);
                }
            }
        }
        found.forEach((slot, type) -> {
            if (!untyped.contains(slot)) {
                types.put(slot, type);
            }
        });
    }

    /** Whether {@code save} keeps the right operand of a lowered {@code a && b} or {@code a || b}. */
    private static boolean isShortCircuitValue(Block.Op.SaveValue save, Lowering.Result lowered) {
        Tree parent = save.expression.getParentPath().getLeaf();
        return parent instanceof BinaryTree && ((BinaryTree) parent).getRightOperand() == save.expression.getLeaf()
                && Integer.valueOf(save.slot).equals(lowered.awaitReads.get(parent));
    }

    /** The type of slot {@code slot}'s field, or null for an {@code Object} one. */
    public TypeMirror typeOf(int slot) {
        return types.get(slot);
    }
}
