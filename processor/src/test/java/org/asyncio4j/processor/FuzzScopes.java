package org.asyncio4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The locals in scope at the point {@link ProgramGenerator} is writing, one list per enclosing block, innermost
 * first, with what the generator may do with each. Not thread-safe: one instance per generated program.
 */
final class FuzzScopes {
    /**
     * VAR may be assigned; FIXED only read (counters, captured locals); ARRAY is an int[3]; REFERENCE and
     * FIXED_REFERENCE are the same for other types ({@link FuzzTypes}).
     */
    enum Kind { VAR, FIXED, ARRAY, REFERENCE, FIXED_REFERENCE }

    /** A local in scope; {@code type} is {@code int} for the int kinds. */
    record Local(String name, Kind kind, String type) {
        Local(String name, Kind kind) {
            this(name, kind, "int");
        }
    }

    private final Deque<List<Local>> scopes = new ArrayDeque<>();

    /** Opens a block in whose scope {@code locals} are (a loop counter, a pattern binding). */
    void push(Local... locals) {
        scopes.push(new ArrayList<>(List.of(locals)));
    }

    void pop() {
        scopes.pop();
    }

    /** Adds a local to the innermost block, from here to its end. */
    void add(Local local) {
        scopes.peek().add(local);
    }

    /** The names of the visible locals of these kinds. */
    List<String> names(Kind... kinds) {
        List<String> names = new ArrayList<>();
        for (Local local : locals(kinds)) {
            names.add(local.name);
        }
        return names;
    }

    private List<Local> locals(Kind... kinds) {
        List<Local> found = new ArrayList<>();
        for (List<Local> scope : scopes) {
            for (Local local : scope) {
                if (List.of(kinds).contains(local.kind)) {
                    found.add(local);
                }
            }
        }
        return found;
    }

    /** Every visible local of a reference type. */
    List<Local> references() {
        return locals(Kind.REFERENCE, Kind.FIXED_REFERENCE);
    }

    /** The visible reference locals that may be assigned. */
    List<Local> assignableReferences() {
        return locals(Kind.REFERENCE);
    }

    /** The names of the visible locals of {@code type}. */
    List<String> references(String type) {
        List<String> names = new ArrayList<>();
        for (Local local : references()) {
            if (local.type.equals(type)) {
                names.add(local.name);
            }
        }
        return names;
    }
}
