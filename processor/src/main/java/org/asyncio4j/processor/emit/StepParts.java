package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Hoisting;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a state machine's {@code stepBody} would pass the JVM's 64 KB limit on one method's bytecode, and if so,
 * which consecutive states go into which part ({@link SplitStepWriter}).
 *
 * <p>The processor cannot measure bytecode before javac runs, so it estimates: each state's bytes from the tree
 * nodes of its ops (the template's code the state copies or evaluates) plus a fixed cost per op of the state
 * machine's own code (a suspension, a jump, a catch test, a switch label). Calibration against the bytecode javac
 * wrote ({@code CodeSizes}) for 150 of the fuzzer's methods (seed 777) and long methods of both of
 * {@code GeneratedSizeTest}'s shapes: javac's {@code stepBody} was 0.71 to 0.99 times the estimate for every method
 * estimated above 2,000 bytes (up to 1.47 for the smallest, whose fixed costs weigh more), and the ratio grows with
 * the size (wide local indexes, long jumps): about 1.2 for a 1,000-line method of some 50 KB. A method is split when
 * its estimate is above {@link #DEFAULT_SPLIT_ABOVE}, so that no method of a state machine passes HotSpot's
 * 8,000-byte limit for JIT compilation (above it, a method runs interpreted for the life of the process: a fuzzed
 * method of a 3,846 B template had a 9,066 B {@code stepBody}); 250 fuzzed methods (CI batch) were 0.70 to 0.93 times
 * their estimate between 2,500 and 5,700 B, so 7,000 leaves room for 1.14 times. Parts are cut at
 * {@link #PART_TARGET}, which keeps each one under the JIT limit with its own loads and saves of the frame. Ordinary
 * methods, estimated under 7,000, stay one {@code stepBody} (a split costs a call per crossing of parts).
 * <pre>{@code
 * 812 states, estimated 61,000 B   ===>   parts [0, 52) [52, 98) ... [760, 812): 16 parts of about 4,000 B each
 * }</pre>
 * A state is never cut: a state larger than the target (an await-free statement of thousands of bytes) is a part
 * of its own, as large as the template's code it copies.
 */
final class StepParts {
    /** The estimate above which a body is split (the processor option {@code asyncio4j.splitAbove} overrides it). */
    static final int DEFAULT_SPLIT_ABOVE = 7_000;
    /** The estimated size a part is filled to (its own loads and saves come on top). */
    static final int PART_TARGET = 4_000;

    /** Half-bytes of bytecode per tree node of the template's code (the weights are halved at the end). */
    static final int PER_NODE = 3;
    /** The {@code case}'s table entry and the jump at its end. */
    static final int PER_STATE = 8;

    /** Each part's states: {@code [from, to)} indexes into the blocks, consecutive and covering all. */
    final List<int[]> ranges;
    final int estimate;

    private StepParts(List<int[]> ranges, int estimate) {
        this.ranges = ranges;
        this.estimate = estimate;
    }

    /**
     * The parts of {@code blocks}, or null when the estimated body fits one method ({@code splitAbove});
     * {@code frameLocals} is how many locals {@code stepBody} loads from the frame and saves into it.
     */
    static StepParts of(List<Block> blocks, int frameLocals, int splitAbove, int partTarget) {
        int[] sizes = new int[blocks.size()];
        long total = 6L * frameLocals; // loaded once and saved once: aload, getfield or putfield, a local's load or store
        for (int i = 0; i < blocks.size(); i++) {
            sizes[i] = estimate(blocks.get(i));
            total += sizes[i];
        }
        if (total <= splitAbove || blocks.size() < 2) {
            return null;
        }
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        int filled = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (i > from && filled + sizes[i] > partTarget) {
                ranges.add(new int[] {from, i});
                from = i;
                filled = 0;
            }
            filled += sizes[i];
        }
        ranges.add(new int[] {from, blocks.size()});
        return new StepParts(ranges, (int) Math.min(Integer.MAX_VALUE, total));
    }

    /** The estimated bytecode of one state: its ops' fixed costs and their trees' nodes. */
    static int estimate(Block block) {
        return (weight(block) + 1) / 2;
    }

    /** Twice the estimate: the weights are whole numbers of half-bytes. */
    private static int weight(Block block) {
        int bytes = PER_STATE + (block.handler != null ? 8 : 0); // the handler dispatch's lookupswitch entry
        for (Block.Op op : block.ops()) {
            bytes += opCost(op);
            for (TreePath path : Hoisting.treesOf(op)) {
                bytes += PER_NODE * nodes(path.getLeaf());
            }
        }
        return bytes;
    }

    /** The state machine's own code for an op, beyond its trees (measured on javac's output, rounded up). */
    private static int opCost(Block.Op op) {
        if (op instanceof Block.Op.Statement || op instanceof Block.Op.Evaluate) {
            return 2;
        } else if (op instanceof Block.Op.Suspend) {
            return 30; // state = n; if (suspendOn(frame, task, x)) break suspend; (or the frame-less call)
        } else if (op instanceof Block.Op.TakeAwaited) {
            return 16; // awaitedValue(task) or awaitedInt(task), and where it goes
        } else if (op instanceof Block.Op.SwitchDispatch) {
            Block.Op.SwitchDispatch dispatch = (Block.Op.SwitchDispatch) op;
            int labels = 0;
            for (List<TreePath> group : dispatch.labels) {
                labels += group.size();
            }
            // per label: a lookupswitch entry, or a string's hash entry and equals test; per target: state = n; goto
            return 40 + 40 * labels + 12 * dispatch.targets.size();
        } else if (op instanceof Block.Op.CatchTest) {
            return 16 + 12 * ((Block.Op.CatchTest) op).types.size();
        } else if (op instanceof Block.Op.EndFinally) {
            return 40 + 40 * ((Block.Op.EndFinally) op).owner.routes.size();
        } else if (op instanceof Block.Op.CloseResource) {
            return 60;
        }
        return 16; // a jump, branch, declaration, save, rethrow, catch binding, finally entry, assertion
    }

    /** How many nodes {@code tree} has (lambda and class bodies included: an overestimate is the safe side). */
    static int nodes(Tree tree) {
        int[] count = {0};
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree node, Void unused) {
                if (node != null) {
                    count[0]++;
                }
                return super.scan(node, unused);
            }
        }.scan(tree, null);
        return count[0];
    }
}
