package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@code var} locals that live across an await and whose type javac cannot give yet because their initializer calls
 * a companion generated in this build: {@code var v = f(t, await(DemoAsync.m(x)), y)} while {@code DemoAsync} is the
 * class being written. javac types such a local once the companion exists, so the generated code lets it:
 * <pre>{@code
 * var v = f(t, await(DemoAsync.m(x)), y);      private Object v;
 * await(sleep(1));                    ===>     v = f(t, awaitedValue(task, false ? DemoAsync.m(x) : null), y);
 * use(v);                                      ... use(spilled(v, () -> f(t, awaitedValue(..), y)));
 * }</pre>
 * The field is an {@code Object}; every read is typed again by a never-called copy of the initializer, as saved
 * values are (the printer's {@code AwaitReads}). That copy names the locals of the initializer, so those become
 * fields too, and a local whose initializer reads a witnessed local may be witnessed in turn. A {@code var} whose
 * type javac knows but Java cannot write, an intersection ({@code var x = flag ? 1 : "s"}) or a captured wildcard,
 * is kept the same way.
 */
public final class WitnessedLocals {
    private final Set<LocalVar> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<LocalVar> witnessed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final BodyScan scan;

    /**
     * The candidates: {@code var} locals whose initializer calls a companion's entry point ({@code isCompanionCall})
     * or reads a candidate declared before.
     */
    public WitnessedLocals(BodyScan scan, Predicate<Tree> isCompanionCall) {
        this.scan = scan;
        for (LocalVar var : scan.locals()) {
            TreePath source = source(var);
            if (source != null && mentions(source.getLeaf(), isCompanionCall)) {
                candidates.add(var);
            }
        }
    }

    /** What a witness reads of a local: an initializer, or the elements of a loop's expression. */
    public static final class Witness {
        public final TreePath expression;
        /** Whether {@link #expression} is the expression of the enhanced {@code for} declaring the local. */
        public final boolean elementOf;
        /** The name of the local that a witness of a later local declares for this one (see {@link #name}). */
        public String localName;
        /**
         * The witnessed locals {@link #expression} reads, directly or through theirs, in declaration order: a
         * witness declares each once, {@code () -> { var aType = ..; var bType = aType + aType; return ..; }}, so
         * that its size grows with the number of locals, not with the number of paths between them.
         */
        public List<Witness> dependencies;

        public Witness(TreePath expression, boolean elementOf) {
            this.expression = expression;
            this.elementOf = elementOf;
        }
    }

    /**
     * The expression that gives a {@code var} local its type: its initializer, or the loop's expression for the
     * variable of an enhanced {@code for}; null for other locals.
     */
    private static TreePath source(LocalVar var) {
        if (var.declaration == null || !LocalVar.isImplicit(var.tree())) {
            return null;
        }
        if (var.kind == LocalVar.Kind.FOR_EACH) {
            TreePath loop = var.declaration.getParentPath();
            return new TreePath(loop, ((com.sun.source.tree.EnhancedForLoopTree) loop.getLeaf()).getExpression());
        }
        Tree initializer = var.tree().getInitializer();
        return var.kind == LocalVar.Kind.LOCAL && initializer != null ? new TreePath(var.declaration, initializer) : null;
    }

    private boolean mentions(Tree initializer, Predicate<Tree> isCompanionCall) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                found[0] |= isCompanionCall.test(tree);
                return super.visitMethodInvocation(tree, null);
            }

            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
                found[0] |= candidates.contains(scan.resolve(tree));
                return null;
            }
        }.scan(initializer, null);
        return found[0];
    }

    /** Whether {@code var} may need a witness: its type is then asked for before any code is printed. */
    boolean isCandidate(LocalVar var) {
        return candidates.contains(var);
    }

    /** Whether {@code var}'s initializer (or loop expression) reads a candidate, whose type javac may not know yet. */
    boolean readsCandidate(LocalVar var) {
        TreePath source = source(var);
        boolean[] found = {false};
        if (source != null) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree tree, Void unused) {
                    found[0] |= candidates.contains(scan.resolve(tree));
                    return null;
                }
            }.scan(source.getLeaf(), null);
        }
        return found[0];
    }

    /** Records that {@code var}'s type is unknown: it is kept as an {@code Object}, read through a witness. */
    void witness(LocalVar var) {
        witnessed.add(var);
    }

    /** What types the reads of {@code local} (an identifier), or null if it is not witnessed. */
    public Witness witnessOf(Tree local) {
        LocalVar var = scan.resolve(local);
        return var != null ? witnesses.get(var) : null;
    }

    private final Map<LocalVar, Witness> witnesses = new IdentityHashMap<>();

    /** Names the locals that witnesses declare ({@link Witness#localName}), once the body's names are taken. */
    public void name(UnaryOperator<String> fresh) {
        for (LocalVar var : scan.locals()) {
            if (witnessed.contains(var)) {
                Witness witness = new Witness(source(var), var.kind == LocalVar.Kind.FOR_EACH);
                witness.localName = fresh.apply(var.name + "Type");
                witnesses.put(var, witness);
            }
        }
        for (Witness witness : witnesses.values()) {
            Set<LocalVar> reached = Collections.newSetFromMap(new IdentityHashMap<>());
            collectDependencies(witness.expression.getLeaf(), reached);
            witness.dependencies = new ArrayList<>();
            for (LocalVar var : scan.locals()) {
                if (reached.contains(var)) {
                    witness.dependencies.add(witnesses.get(var));
                }
            }
        }
    }

    private void collectDependencies(Tree expression, Set<LocalVar> reached) {
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
                LocalVar read = scan.resolve(tree);
                if (read != null && witnessed.contains(read) && !declaredInside(read, expression) && reached.add(read)) {
                    collectDependencies(source(read).getLeaf(), reached);
                }
                return null;
            }
        }.scan(expression, null);
    }

    /**
     * Whether {@code var}'s initializer (or loop expression) can type it again: one that declares no class (a copy
     * of {@code new Object() { .. }} would be another class).
     */
    boolean canWitness(LocalVar var) {
        TreePath source = source(var);
        if (source == null) {
            return false;
        }
        boolean[] declaresClass = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(com.sun.source.tree.ClassTree tree, Void unused) {
                declaresClass[0] = true;
                return null;
            }
        }.scan(source.getLeaf(), null);
        return !declaresClass[0];
    }

    /**
     * Types the {@code var} fields with {@code typeOf}, which {@link #witness witnesses} those it cannot name, and
     * returns {@code fields} with the locals their initializers read (declared outside them), in declaration order:
     * a witness is printed wherever the local is read. Those may be {@code var}s in need of witnesses in turn.
     */
    public Set<LocalVar> typed(Set<LocalVar> fields, Consumer<LocalVar> typeOf) {
        Set<LocalVar> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(fields);
        java.util.Deque<LocalVar> toType = new java.util.ArrayDeque<>(fields);
        // A candidate that lives in one state only is typed here too: if it needs a witness it becomes a field,
        // since only reads of fields are typed through one (a plain local was declared `Object` and read raw, which
        // did not compile: fuzz seed 3886).
        for (LocalVar var : scan.locals()) {
            if (candidates.contains(var) && !all.contains(var) && !var.insideFragment) {
                toType.add(var);
            }
        }
        while (!toType.isEmpty()) {
            LocalVar var = toType.pop();
            if (!canWitness(var)) {
                continue;
            }
            typeOf.accept(var);
            if (!witnessed.contains(var)) {
                continue;
            }
            all.add(var);
            Tree initializer = source(var).getLeaf();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree tree, Void unused) {
                    LocalVar read = scan.resolve(tree);
                    if (read != null && !read.insideFragment && !declaredInside(read, initializer) && all.add(read)) {
                        toType.push(read);
                    }
                    return null;
                }
            }.scan(initializer, null);
        }
        Set<LocalVar> ordered = new LinkedHashSet<>();
        for (LocalVar var : scan.locals()) {
            if (all.contains(var)) {
                ordered.add(var);
            }
        }
        fields.stream().filter(v -> !ordered.contains(v)).forEach(ordered::add); // loop cursors
        return ordered;
    }

    private static boolean declaredInside(LocalVar var, Tree tree) {
        for (TreePath p = var.declaration; p != null; p = p.getParentPath()) {
            if (p.getLeaf() == tree) {
                return true;
            }
        }
        return false;
    }
}
