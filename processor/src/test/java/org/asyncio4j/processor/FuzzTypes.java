package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Locals of reference types for {@link ProgramGenerator}: collections, arrays, boxed numbers, a record and a mutable
 * class ({@link FuzzFeature#REFERENCE_TYPES}), strings and string builders ({@link FuzzFeature#STRINGS}) and the
 * {@code Color} enum ({@link FuzzFeature#ENUMS}), declared with their type or {@code var}
 * ({@link FuzzFeature#VAR_EVERYWHERE}), awaited as values ({@code await(laterV(List.of(..)))}), changed across
 * awaits, and read back into the int expressions as operands ({@code names.size()}).
 *
 * <p>Values never make a program fail by accident: lists are never emptied, strings are never empty and start with
 * one of {@link #STRING_STARTS} (so a switch on their first letter hits its cases), maps are {@code TreeMap}s (a
 * trace prints them in one order). Not thread-safe: one instance per generated program.
 */
final class FuzzTypes {
    private static final List<String> REFERENCE = List.of("List<Integer>", "List<String>", "Map<String, Integer>",
            "String[]", "Integer", "Long", "Item", "Box");
    /** The first letters of every String value: the labels of a switch on {@code s.substring(0, 1)}. */
    static final String STRING_STARTS = "\"s\",\"q\",\"w\"";

    private final ProgramGenerator g;
    private final Random random;
    private final FuzzExpressions expressions;

    FuzzTypes(ProgramGenerator g, FuzzExpressions expressions) {
        this.g = g;
        this.random = g.random();
        this.expressions = expressions;
    }

    /** The reference types the enabled features declare locals of. */
    private List<String> types() {
        List<String> types = new ArrayList<>();
        if (g.has(FuzzFeature.REFERENCE_TYPES)) {
            types.addAll(REFERENCE);
        }
        if (g.has(FuzzFeature.STRINGS)) {
            types.add("String");
            types.add("StringBuilder");
        }
        if (g.has(FuzzFeature.ENUMS)) {
            types.add("Color");
        }
        return types;
    }

    /** Declarations, changes and traces of reference locals, as statement options. */
    void addStatements(List<Runnable> options) {
        List<String> types = types();
        if (types.isEmpty()) {
            return;
        }
        ProgramGenerator.add(options, 2, () -> {
            String type = types.get(random.nextInt(types.size()));
            g.declareReference("o", type, value(type, 1));
        });
        List<FuzzScopes.Local> locals = g.scopes().references();
        if (locals.isEmpty()) {
            return;
        }
        List<FuzzScopes.Local> assignable = g.scopes().assignableReferences();
        if (!assignable.isEmpty()) {
            ProgramGenerator.add(options, 2, () -> change(pick(assignable)));
        }
        ProgramGenerator.add(options, 1, () -> {
            FuzzScopes.Local local = pick(locals);
            g.line("trace.add(\"o\" + " + shown(local) + ");");
        });
    }

    /** An int operand that reads a reference local, or null if none is in scope. */
    String intOperand(int budget) {
        List<FuzzScopes.Local> locals = g.scopes().references();
        if (locals.isEmpty()) {
            return null;
        }
        FuzzScopes.Local local = pick(locals);
        String x = local.name();
        boolean first = random.nextBoolean();
        switch (local.type()) {
            case "String":
                return first ? x + ".length()" : "(" + x + ".startsWith(\"s\") ? " + x + ".indexOf('q') : "
                        + x + ".lastIndexOf('2'))";
            case "StringBuilder":
                return x + ".length()";
            case "List<Integer>":
                return first ? x + ".get(0)" : x + ".size()";
            case "List<String>":
                return first ? x + ".get(" + x + ".size() - 1).length()" : "String.join(\"\", " + x + ").length()";
            case "Map<String, Integer>":
                return first ? x + ".getOrDefault(\"k1\", " + expressions.expression(budget) + ")" : x + ".size()";
            case "String[]":
                return first ? x + ".length" : x + "[" + index(x, budget) + "].length()";
            case "Integer":
                return x;
            case "Long":
                return first ? x + ".intValue()" : "(int) (" + x + " % 5L)";
            case "Item":
                return first ? x + ".n()" : x + ".name().length()";
            case "Box":
                return x + ".get()";
            case "Color":
                return first ? x + ".ordinal()" : "Color.GREEN.ordinal() - " + x + ".ordinal()";
            default:
                // MyCounter and IntBinaryOperator locals (FuzzMembers).
                return shown(local);
        }
    }

    /** A local as a trace shows it: never an identity hash code, which the twins would not share. */
    private static String shown(FuzzScopes.Local local) {
        switch (local.type()) {
            case "String[]":
                return "Arrays.toString(" + local.name() + ")";
            case "MyCounter":
                return local.name() + ".n";
            case "java.util.function.IntBinaryOperator":
                return local.name() + ".applyAsInt(1, 2)";
            default:
                return local.name();
        }
    }

    /** An expression of {@code type}, awaiting now and then. */
    String value(String type, int budget) {
        String e = expressions.expression(budget);
        switch (type) {
            case "String":
                return string(budget);
            case "StringBuilder":
                return random.nextBoolean() ? "new StringBuilder(\"s\" + (" + e + "))"
                        : "new StringBuilder(\"q\").append(" + awaited(budget) + ")";
            case "List<Integer>":
                return random.nextBoolean() ? "new ArrayList<>(List.of(" + e + ", " + awaited(budget) + "))"
                        : "new ArrayList<>(" + awaitedValue("List.of(" + e + ")") + ")";
            case "List<String>":
                return "new ArrayList<>(List.of(" + string(budget) + (random.nextBoolean() ? ", " + string(budget)
                        : "") + "))";
            case "Map<String, Integer>":
                return "new TreeMap<>(Map.of(\"k0\", " + e + ", \"k1\", " + awaited(budget) + "))";
            case "String[]":
                return "new String[] {" + string(budget) + ", " + string(budget) + "}";
            case "Integer":
                return random.nextBoolean() ? awaited(budget) : "Integer.valueOf(" + e + ")";
            case "Long":
                return random.nextBoolean() ? awaitedValue("7L + (" + e + ")") : "Long.valueOf(" + e + ")";
            case "Item":
                return random.nextBoolean() ? "new Item(" + string(budget) + ", " + e + ")"
                        : awaitedValue("new Item(\"q\", " + e + ")");
            case "Box":
                return "new Box(" + (random.nextBoolean() ? e : awaited(budget)) + ")";
            case "Color":
                return random.nextBoolean() ? "Color.values()[Math.floorMod(" + e + ", 3)]"
                        : awaitedValue("Color.valueOf(\"" + (random.nextBoolean() ? "RED" : "BLUE") + "\")");
            default:
                throw new IllegalArgumentException(type);
        }
    }

    /** A String that starts with one of {@link #STRING_STARTS}. */
    private String string(int budget) {
        List<String> strings = g.scopes().references("String");
        String e = expressions.expression(budget);
        switch (random.nextInt(strings.isEmpty() ? 4 : 6)) {
            case 0:
                return "\"s\" + (" + e + ")";
            case 1:
                return "\"q\" + " + awaited(budget);
            case 2:
                return awaitedValue("\"w\" + (" + e + ")");
            case 3:
                return g.has(FuzzFeature.STRINGS) ? "String.format(\"s%d-%s\", " + awaited(budget) + ", \"x\")"
                        : "\"w\" + " + awaited(budget);
            case 4:
                return strings.get(random.nextInt(strings.size())) + " + " + awaited(budget);
            default:
                String s = strings.get(random.nextInt(strings.size()));
                return s + ".substring(0, Math.min(2, " + s + ".length()))";
        }
    }

    /** A statement that changes a local of a reference type (or assigns it), with an await in it now and then. */
    private void change(FuzzScopes.Local local) {
        String x = local.name();
        String e = expressions.expression(1);
        boolean first = random.nextBoolean();
        switch (local.type()) {
            case "String":
                g.line(first ? g.addTo(x, awaited(1)) : x + " = " + string(1) + ";");
                break;
            case "StringBuilder":
                // A chain whose receiver is computed before the await. `0 + (e)`: a conditional or switch with an
                // awaiting branch would be a poly expression, matching append(int) and append(Object) alike.
                g.line(x + ".append(0 + (" + e + ")).append(" + (first ? awaited(1) : awaitedValue("\"q\"")) + ").append(','"
                        + ");");
                break;
            case "List<Integer>":
                g.line(first ? x + ".add(" + awaited(1) + ");" : x + ".set(0, " + x + ".get(0) + " + awaited(1) + ");");
                break;
            case "List<String>":
                g.line(x + ".add(" + (first ? "0, " : "") + string(1) + ");");
                break;
            case "Map<String, Integer>":
                g.line(first ? x + ".merge(\"k\" + Math.floorMod(" + e + ", 3), " + awaited(1) + ", Integer::sum);"
                        : x + ".computeIfAbsent(\"k\" + " + awaited(1) + ", k -> k.length());");
                break;
            case "String[]":
                g.line(x + "[" + index(x, 1) + "] = " + string(1) + ";");
                break;
            case "Integer":
                g.line(first ? g.addTo(x, awaited(1)) : x + " = " + awaited(1) + ";");
                break;
            case "Long":
                g.line(g.addTo(x, awaited(1)));
                break;
            case "Item":
                g.line(x + " = " + x + ".grow(" + awaited(1) + ");");
                break;
            case "Box":
                g.line(x + ".set(" + x + ".get() + " + awaited(1) + ");");
                break;
            case "Color":
                g.line(x + " = Color.values()[Math.floorMod(" + x + ".ordinal() + " + awaited(1) + ", 3)];");
                break;
            default:
                g.line("trace.add(\"o\" + " + shown(local) + ");");
                break;
        }
    }

    /**
     * A source and element type for a for-each over a reference local or an awaited list ({@code null} if there is
     * none): {@code {elementType, source}}.
     */
    String[] iterable() {
        List<String> sources = new ArrayList<>();
        for (FuzzScopes.Local local : g.scopes().references()) {
            if (local.type().equals("List<String>") || local.type().equals("String[]")) {
                sources.add("String\n" + local.name());
            } else if (local.type().equals("List<Integer>")) {
                sources.add("Integer\n" + local.name());
            }
        }
        if (g.has(FuzzFeature.ENUMS)) {
            sources.add("Color\nColor.values()");
        }
        if (g.has(FuzzFeature.REFERENCE_TYPES)) {
            sources.add("String\n" + awaitedValue("List.of(" + string(1) + ", \"w\")"));
        }
        return sources.isEmpty() ? null : sources.get(random.nextInt(sources.size())).split("\n");
    }

    /**
     * A switch selector over a String local's first letter ({@link FuzzFeature#STRINGS}) or a {@code Color} local
     * (with {@link FuzzFeature#SWITCH_ENUM}), and its labels; null if there is no such local.
     */
    String[] selector() {
        List<String[]> selectors = new ArrayList<>();
        for (String s : g.scopes().references("String")) {
            selectors.add(new String[] {s + ".substring(0, 1)", STRING_STARTS});
        }
        if (g.has(FuzzFeature.SWITCH_ENUM)) {
            for (String c : g.scopes().references("Color")) {
                selectors.add(new String[] {c, "RED,GREEN,BLUE"});
            }
        }
        return selectors.isEmpty() ? null : selectors.get(random.nextInt(selectors.size()));
    }

    /** An Integer from an awaitable. */
    private String awaited(int budget) {
        return "await(" + expressions.awaitable(budget) + ")";
    }

    /** {@code value} passed through a generic awaitable: its static type is kept through the await. */
    private String awaitedValue(String value) {
        return "await(" + (random.nextBoolean() ? "laterV(" : "nowV(") + value + "))";
    }

    private String index(String array, int budget) {
        return "Math.floorMod(" + expressions.expression(budget) + ", " + array + ".length)";
    }

    private FuzzScopes.Local pick(List<FuzzScopes.Local> locals) {
        return locals.get(random.nextInt(locals.size()));
    }
}
