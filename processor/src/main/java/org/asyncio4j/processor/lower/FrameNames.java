package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * The names of the state machine and of its frame: every generated name is allocated here, once, so that none
 * equals a name the body uses (no capture, no shadowing), and each local gets the name it is written with.
 * <pre>{@code
 * @Async String greet(String state) {        className GreetCoroutine, receiver self, stateField state2,
 *     String name = await(lookup());  ===>   dispatchLabel dispatch, frameVar frame, taskVar task,
 *     ...                                    locals {state: state, name: name}
 * }</pre>
 * The lowering's own fields ({@code caught}, {@code saved1}, {@code returned}, {@code finally1Exit}) were named by
 * the lowering ({@link Lowering.Result#savedFields}, {@link Finally#exitField}); these names are chosen apart from
 * them, and nothing here writes into its input. The allocator {@link #fresh} goes on handing out names while the
 * writer writes.
 *
 * @param className the state machine's class, unique in its companion
 * @param receiver the receiver's field and parameter; null for a static method
 * @param stateField the frame's state
 * @param dispatchLabel the label of the dispatch loop
 * @param frameVar the frame-less body's frame parameter ({@code null} until it first suspends)
 * @param taskVar the frame-less body's task parameter
 * @param locals the name each local of the body is written with (an identity map: locals are told apart by
 *     declaration, not by name)
 * @param fresh hands out further names that are not used anywhere in the body
 */
public record FrameNames(String className, String receiver, String stateField, String dispatchLabel,
        String frameVar, String taskVar, Map<LocalVar, String> locals, Names fresh) {
    public FrameNames {
        locals = Collections.unmodifiableMap(locals);
    }

    /**
     * Allocates the names of {@code method}'s state machine; {@code fields} are the hoisted locals and
     * {@code takenClassNames} the companion's class names so far (this one is added).
     */
    public static FrameNames allocate(ExecutableElement method, BodyScan scan, Lowering.Result lowered,
            Set<LocalVar> fields, Set<String> takenClassNames) {
        return allocate(!method.getModifiers().contains(Modifier.STATIC), Character.toUpperCase(method
                .getSimpleName().charAt(0)) + method.getSimpleName().toString().substring(1) + "Coroutine", scan,
                lowered, fields, takenClassNames);
    }

    /**
     * Allocates the names of a state machine whose class is named {@code base} (or {@code base2}, ... if taken):
     * a method's, or an async lambda's ({@code RunLambda}); {@code receiver}: whether it has a receiver.
     */
    public static FrameNames allocate(boolean hasReceiver, String base, BodyScan scan, Lowering.Result lowered,
            Set<LocalVar> fields, Set<String> takenClassNames) {
        Names names = new Names(new HashSet<>(lowered.takenNames));
        String receiver = hasReceiver ? names.fresh("self") : null;
        String stateField = names.fresh("state");
        String dispatchLabel = names.fresh("dispatch");
        String frameVar = names.fresh("frame");
        String taskVar = names.fresh("task");
        Map<LocalVar, String> generated = new IdentityHashMap<>();
        Set<String> used = new HashSet<>(List.of(RuntimeNames.SUSPENDED, stateField, dispatchLabel));
        if (receiver != null) {
            used.add(receiver);
        }
        for (LocalVar var : scan.locals()) {
            if (var.insideFragment) {
                continue;
            }
            String name = used.contains(var.name) || (fields.contains(var) && clashesAsWritten(var, scan))
                    ? names.fresh(var.name) : var.name;
            used.add(name);
            generated.put(var, name);
        }
        for (LocalVar cursor : lowered.cursors) {
            String name = names.fresh(cursor.name);
            used.add(name);
            generated.put(cursor, name);
        }
        String className = base;
        for (int i = 2; takenClassNames.contains(className); i++) {
            className = base + i;
        }
        takenClassNames.add(className);
        return new FrameNames(className, receiver, stateField, dispatchLabel, frameVar, taskVar, generated, names);
    }

    /**
     * Whether a hoisted local, which is a local of the whole frame-less body, has its name declared by code that is
     * copied as written: an await-free statement's local, a lambda parameter, a local class's member, or its own
     * declaration inside a switch expression (copied again as a type witness).
     */
    private static boolean clashesAsWritten(LocalVar var, BodyScan scan) {
        if (var.kind == LocalVar.Kind.PARAMETER) {
            return false;
        }
        return scan.shadowed(var.name) || insideSwitchExpression(var) || scan.locals().stream()
                .anyMatch(other -> other != var && other.insideFragment && other.name.equals(var.name));
    }

    private static boolean insideSwitchExpression(LocalVar var) {
        for (TreePath p = var.declaration; p != null; p = p.getParentPath()) {
            if (p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
                return true;
            }
            if (p.getLeaf() instanceof MethodTree) {
                return false;
            }
        }
        return false;
    }

    /** Hands out names that are not used anywhere in the body. */
    public static final class Names {
        private final Set<String> taken;

        public Names(Set<String> taken) {
            this.taken = taken;
        }

        /** The names handed out or taken so far (a copy). */
        java.util.Set<String> taken() {
            return java.util.Set.copyOf(taken);
        }

        public String fresh(String base) {
            String name = base;
            for (int i = 2; taken.contains(name); i++) {
                name = base + i;
            }
            taken.add(name);
            return name;
        }
    }
}
