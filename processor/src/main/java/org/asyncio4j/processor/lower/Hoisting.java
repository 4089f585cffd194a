package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which locals become fields of the state machine: those that live across a suspension.
 *
 * <p>A local declared by the lowering (not inside a copied statement) is kept as a Java local of its block when its
 * declaration and every use are in that one block; a block runs without suspending, so the value never has to
 * survive a suspension. Anything used in two blocks, the parameters, and loop cursors become fields. Blocks that are
 * re-entered (loops) re-run the declaration, exactly as the original loop did.
 * <pre>{@code
 * int n = 0;                      // used in blocks 0 and 2: field
 * String page = await(fetch());   // declared and used in block 1 only: stays a local of block 1
 * log(page);
 * await(sleep(1));
 * n++;
 * }</pre>
 */
public final class Hoisting {
    private Hoisting() {}

    /** The parameters and locals that must be fields, in declaration order (deterministic output). */
    public static Set<LocalVar> fields(List<Block> blocks, List<LocalVar> locals, List<LocalVar> cursors,
            BodyScan scan) {
        Map<LocalVar, Set<Integer>> blocksUsing = new IdentityHashMap<>();
        for (Block block : blocks) {
            for (Block.Op op : block.ops()) {
                for (LocalVar var : declaredBy(op)) {
                    blocksUsing.computeIfAbsent(var, v -> new HashSet<>()).add(block.id);
                }
                for (TreePath path : treesOf(op)) {
                    new TreeScanner<Void, Void>() {
                        @Override
                        public Void visitIdentifier(IdentifierTree tree, Void unused) {
                            LocalVar var = scan.resolve(tree);
                            if (var != null) {
                                blocksUsing.computeIfAbsent(var, v -> new HashSet<>()).add(block.id);
                            }
                            return null;
                        }
                    }.scan(path.getLeaf(), null);
                }
            }
        }
        Set<LocalVar> fields = new LinkedHashSet<>();
        for (LocalVar var : locals) {
            boolean acrossBlocks = blocksUsing.getOrDefault(var, Set.of()).size() > 1;
            if (var.kind == LocalVar.Kind.PARAMETER || (!var.insideFragment && acrossBlocks) || var.keptBinding) {
                fields.add(var);
            }
        }
        fields.addAll(cursors);
        return fields;
    }

    /**
     * Marks the pattern variables used outside the copied code that declares them as {@linkplain LocalVar#keptBinding
     * kept}. Lowering cuts a condition at an await: in {@code if (o instanceof Circle c && c.r() > await(limit))}
     * the {@code instanceof} and {@code c.r()} run in different blocks, and after {@code if (!(o instanceof String
     * s)) return; await(x); use(s);} the use is in another block too; Java's flow scoping cannot carry {@code c}
     * or {@code s} there, a field can. Only variables of {@code o instanceof T v} are kept: for one of a
     * {@code case} label or a record pattern, the problem is returned.
     */
    public static List<BodyScan.Problem> keepPatternVariables(List<Block> blocks, BodyScan scan) {
        Map<Tree, LocalVar> bindings = new IdentityHashMap<>();
        for (LocalVar var : scan.locals()) {
            if (var.declaration != null && var.declaration.getParentPath().getLeaf() instanceof BindingPatternTree) {
                bindings.put(var.tree(), var);
            }
        }
        if (bindings.isEmpty()) {
            return List.of();
        }
        Set<LocalVar> bindingVars = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        bindingVars.addAll(bindings.values());
        for (Block block : blocks) {
            for (Block.Op op : block.ops()) {
                for (TreePath path : treesOf(op)) {
                    Set<LocalVar> declaredHere = new HashSet<>();
                    new TreeScanner<Void, Void>() {
                        @Override
                        public Void visitVariable(VariableTree tree, Void unused) {
                            LocalVar var = bindings.get(tree);
                            if (var != null) {
                                declaredHere.add(var);
                            }
                            return super.visitVariable(tree, null);
                        }
                    }.scan(path.getLeaf(), null);
                    new TreePathScanner<Void, Void>() {
                        @Override
                        public Void visitIdentifier(IdentifierTree tree, Void unused) {
                            LocalVar var = scan.resolve(tree);
                            if (var != null && bindingVars.contains(var) && !declaredHere.contains(var)) {
                                var.keptBinding = true;
                                var.insideFragment = false;
                                if (var.firstUse == null) {
                                    var.firstUse = getCurrentPath();
                                }
                            }
                            return null;
                        }
                    }.scan(path, null);
                }
            }
        }
        List<BodyScan.Problem> problems = new ArrayList<>();
        for (LocalVar var : bindings.values()) {
            TreePath pattern = var.declaration.getParentPath();
            if (var.keptBinding && !(pattern.getParentPath().getLeaf() instanceof InstanceOfTree)) {
                problems.add(new BodyScan.Problem(Messages.PATTERN_VARIABLE_ACROSS_AWAIT.format(var.name,
                        var.tree().getType(), var.name, var.name), var.declaration));
            }
        }
        return problems;
    }

    private static List<LocalVar> declaredBy(Block.Op op) {
        if (op instanceof Block.Op.Declare) {
            return List.of(((Block.Op.Declare) op).var);
        }
        if (op instanceof Block.Op.TakeAwaited && ((Block.Op.TakeAwaited) op).var != null) {
            return List.of(((Block.Op.TakeAwaited) op).var);
        }
        if (op instanceof Block.Op.IterateNext) {
            return List.of(((Block.Op.IterateNext) op).var);
        }
        if (op instanceof Block.Op.BindCatch) {
            return List.of(((Block.Op.BindCatch) op).var);
        }
        Finally closed = Block.Op.closed(op);
        if (closed != null && closed.resourceVar != null) {
            return List.of(closed.resourceVar); // used there, so a field
        }
        if (closed != null && closed.cursor != null) {
            return List.of(closed.cursor);
        }
        return List.of();
    }

    /** The user trees an op copies, in which names are looked up. */
    public static List<TreePath> treesOf(Block.Op op) {
        List<TreePath> trees = new ArrayList<>();
        if (op instanceof Block.Op.Statement) {
            trees.add(((Block.Op.Statement) op).path);
        } else if (op instanceof Block.Op.Evaluate) {
            trees.add(((Block.Op.Evaluate) op).expression);
        } else if (op instanceof Block.Op.Declare && ((Block.Op.Declare) op).initializer != null) {
            trees.add(((Block.Op.Declare) op).initializer);
        } else if (op instanceof Block.Op.TakeAwaited && ((Block.Op.TakeAwaited) op).target != null) {
            trees.add(((Block.Op.TakeAwaited) op).target);
        } else if (op instanceof Block.Op.Suspend) {
            trees.add(((Block.Op.Suspend) op).awaited);
        } else if (op instanceof Block.Op.Branch && ((Block.Op.Branch) op).condition != null) {
            trees.add(((Block.Op.Branch) op).condition);
        } else if (op instanceof Block.Op.IterateStart) {
            trees.add(((Block.Op.IterateStart) op).expression);
        } else if (op instanceof Block.Op.AssertFail) {
            trees.add(((Block.Op.AssertFail) op).detail);
        } else if (op instanceof Block.Op.AssertCheck) {
            trees.add(((Block.Op.AssertCheck) op).condition);
            if (((Block.Op.AssertCheck) op).detail != null) {
                trees.add(((Block.Op.AssertCheck) op).detail);
            }
        } else if (op instanceof Block.Op.SaveValue && ((Block.Op.SaveValue) op).expression != null) {
            trees.add(((Block.Op.SaveValue) op).expression);
        } else if (op instanceof Block.Op.SwitchDispatch) {
            trees.add(((Block.Op.SwitchDispatch) op).selector);
        } else if (Block.Op.closed(op) != null && Block.Op.closed(op).resourceVar == null
                && Block.Op.closed(op).resource != null) {
            trees.add(Block.Op.closed(op).resource);
        }
        return trees;
    }

    /**
     * Local classes declared in one block and used in another: a class declaration cannot be kept in a field, so
     * this version reports them ({@link Messages#LOCAL_CLASS_ACROSS_AWAIT}). A use is a mention of the name in the
     * class's scope (JLS 6.3: after its declaration, up to the end of the enclosing block); the same name before or
     * outside it means another type, such as a member class the local class shadows.
     */
    public static List<BodyScan.Problem> localClassesAcrossBlocks(List<Block> blocks, CompilationUnitTree unit,
            SourcePositions positions) {
        List<BodyScan.Problem> problems = new ArrayList<>();
        for (LocalClass local : localClasses(blocks, unit, positions)) {
            boolean usedElsewhere = blocks.stream().filter(other -> other != local.block)
                    .flatMap(other -> other.ops().stream()).flatMap(o -> treesOf(o).stream())
                    .anyMatch(path -> local.mentionedIn(path.getLeaf(), unit, positions));
            if (usedElsewhere) {
                problems.add(local.problem());
            }
        }
        return problems;
    }

    /**
     * Local classes that type a local kept in the frame: {@code final Bits bits = new Bits();} used after an await
     * makes {@code bits} a field of the state machine, declared outside the block where {@code Bits} is in scope
     * (found in commons-collections4's {@code BitMapExtractor.asBitMapArray}). Reported like a use in another block.
     */
    public static List<BodyScan.Problem> localClassesTypingFields(List<Block> blocks, Set<LocalVar> fields,
            CompilationUnitTree unit, SourcePositions positions) {
        List<BodyScan.Problem> problems = new ArrayList<>();
        for (LocalClass local : localClasses(blocks, unit, positions)) {
            if (fields.stream().filter(var -> var.declaration != null && var.tree().getType() != null)
                    .anyMatch(var -> local.mentionedIn(var.tree().getType(), unit, positions))) {
                problems.add(local.problem());
            }
        }
        return problems;
    }

    /** A local class declared by a copied statement of {@code block}. */
    private record LocalClass(Block block, TreePath declaration, String name) {
        /**
         * Whether {@code tree} names this class within its scope (JLS 6.3: after its declaration, up to the end of
         * the enclosing block).
         */
        boolean mentionedIn(Tree tree, CompilationUnitTree unit, SourcePositions positions) {
            long from = positions.getEndPosition(unit, declaration.getLeaf());
            long to = positions.getEndPosition(unit, declaration.getParentPath().getLeaf());
            return mentions(tree, name, id -> {
                long at = positions.getStartPosition(unit, id);
                return at >= from && at <= to;
            });
        }

        BodyScan.Problem problem() {
            return new BodyScan.Problem(Messages.LOCAL_CLASS_ACROSS_AWAIT.format(name), declaration);
        }
    }

    private static List<LocalClass> localClasses(List<Block> blocks, CompilationUnitTree unit,
            SourcePositions positions) {
        List<LocalClass> classes = new ArrayList<>();
        for (Block block : blocks) {
            for (Block.Op op : block.ops()) {
                if (op instanceof Block.Op.Statement
                        && ((Block.Op.Statement) op).path.getLeaf() instanceof ClassTree) {
                    TreePath declaration = ((Block.Op.Statement) op).path;
                    classes.add(new LocalClass(block, declaration,
                            ((ClassTree) declaration.getLeaf()).getSimpleName().toString()));
                }
            }
        }
        return classes;
    }

    /** Whether {@code tree} mentions the simple name {@code name} where {@code where} accepts the identifier. */
    static boolean mentions(Tree tree, String name, java.util.function.Predicate<IdentifierTree> where) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                found[0] |= id.getName().contentEquals(name) && where.test(id);
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }
}
