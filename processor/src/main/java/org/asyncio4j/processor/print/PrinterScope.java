package org.asyncio4j.processor.print;

import com.sun.source.tree.ClassTree;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names that the code being printed by {@link SourcePrinter} declares itself, with Java's lexical scoping.
 *
 * <p>A stack of frames: a block, a lambda, a {@code for} or {@code catch} pushes one; a class body declared in the
 * printed code (anonymous or local) pushes a <em>class</em> frame holding all its members at once, since members
 * are in scope in the whole body (and so are those it inherits from other classes declared in the printed code).
 * Variables, methods and types are separate namespaces, as in Java. Names outside all frames belong to the hook
 * ({@link NameRewriter}).
 *
 * <p>Not thread-safe; one instance per {@code print} call.
 */
final class PrinterScope {
    private static final class Frame {
        final boolean classBody;
        final Set<String> variables = new HashSet<>();
        final Set<String> methods = new HashSet<>();
        final Set<String> types = new HashSet<>();
        final Map<String, ClassTree> classes = new HashMap<>();

        Frame(boolean classBody) {
            this.classBody = classBody;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();

    PrinterScope() {
        frames.push(new Frame(false));
    }

    /** Opens a block-like frame (block, lambda, loop, catch, switch, method). */
    void push() {
        frames.push(new Frame(false));
    }

    /** Opens the frame of a class body declared in the printed code: {@code this} now means that class. */
    void pushClassBody() {
        frames.push(new Frame(true));
    }

    void pop() {
        if (frames.size() == 1) {
            throw new IllegalStateException("unbalanced scope");
        }
        frames.pop();
    }

    void declareVariable(CharSequence name) {
        frames.peek().variables.add(name.toString());
    }

    void declareVariables(Collection<String> names) {
        frames.peek().variables.addAll(names);
    }

    void declareMethod(CharSequence name) {
        frames.peek().methods.add(name.toString());
    }

    /** A type parameter: a type name with no members known here. */
    void declareType(CharSequence name) {
        frames.peek().types.add(name.toString());
    }

    /** A class declared in the printed code (local, member of one, ...), kept so that subclasses inherit. */
    void declareClass(ClassTree tree) {
        String name = tree.getSimpleName().toString();
        frames.peek().types.add(name);
        frames.peek().classes.put(name, tree);
    }

    /** The class declared in the printed code that {@code name} means here, or {@code null}. */
    ClassTree declaredClass(CharSequence name) {
        String key = name.toString();
        for (Frame frame : frames) {
            if (frame.types.contains(key)) {
                return frame.classes.get(key); // null for a type parameter, which shadows outer classes
            }
        }
        return null;
    }

    boolean isVariable(CharSequence name) {
        String key = name.toString();
        for (Frame frame : frames) {
            if (frame.variables.contains(key)) {
                return true;
            }
        }
        return false;
    }

    boolean isMethod(CharSequence name) {
        String key = name.toString();
        for (Frame frame : frames) {
            if (frame.methods.contains(key)) {
                return true;
            }
        }
        return false;
    }

    boolean isType(CharSequence name) {
        String key = name.toString();
        for (Frame frame : frames) {
            if (frame.types.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code this}/{@code super} refer to a class declared in the printed code. */
    boolean inClassBody() {
        for (Frame frame : frames) {
            if (frame.classBody) {
                return true;
            }
        }
        return false;
    }
}
