package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The statement forms of {@link ProgramGenerator} that sit behind {@link FuzzFeature}s with several parts:
 * {@code try} (catch, multi-catch, finally), try-with-resources and both kinds of {@code switch} statement; and two
 * simple ones: guarded exits and compound assignments.
 *
 * <p>They follow the generator's layout contract and its validity rules: catch clauses go from specific to
 * general (so none is unreachable), a case group ends in {@code break} or falls through, and no construct ends in a
 * statement that cannot complete normally. Stateless; all state is the generator's.
 */
final class FuzzStatements {
    /** Catch clauses in an order javac accepts: no clause may follow one for its supertype. */
    private static final String[][] CATCHES = {
        {"IllegalStateException"},
        {"IllegalArgumentException", "UnsupportedOperationException"},
        {"ArithmeticException"},
        {"RuntimeException"},
        {"Exception"},
    };

    private static final String[] THROWN = {"IllegalStateException", "IllegalArgumentException",
        "UnsupportedOperationException", "ArithmeticException"};

    private FuzzStatements() {}

    /** A guarded return (of a value or an await) or throw. */
    static void exit(ProgramGenerator g) {
        Random random = g.random();
        FuzzExpressions expressions = g.expressions();
        int roll = random.nextInt(12);
        if (roll < 5 && g.inGenerator()) {
            g.line("if (" + g.cond() + ") return endGenerator();");
        } else if (roll < 3) {
            g.line("if (" + g.cond() + ") return " + g.expr() + ";");
        } else if (roll < 5) {
            g.line("if (" + g.cond() + ") return await(" + expressions.awaitable() + ");");
        } else {
            g.line("if (" + g.cond() + ") throw new " + THROWN[random.nextInt(THROWN.length)] + "(\"thrown"
                    + g.fresh("") + "\" + (" + g.expr() + "));");
        }
    }

    /** {@code x op= e} on an int local or array element, where {@code e} awaits. */
    static void compoundAssignment(ProgramGenerator g) {
        Random random = g.random();
        FuzzExpressions expressions = g.expressions();
        List<String> arrays = g.scopes().names(FuzzScopes.Kind.ARRAY);
        String[] operators = {"+=", "-=", "*="};
        String target = !arrays.isEmpty() && random.nextInt(3) == 0
                ? arrays.get(random.nextInt(arrays.size())) + "[" + expressions.index() + "]" : g.variable();
        g.line(target + " " + operators[random.nextInt(operators.length)] + " "
                + (random.nextBoolean() ? "await(" + expressions.awaitable() + ")" : g.expr() + " + await("
                + expressions.awaitable() + ")") + ";");
    }

    static void tryStatement(ProgramGenerator g, int depth) {
        Random random = g.random();
        boolean catches = g.has(FuzzFeature.TRY_CATCH) && (!g.has(FuzzFeature.TRY_FINALLY) || random.nextInt(3) > 0);
        boolean finallyClause = !catches || (g.has(FuzzFeature.TRY_FINALLY) && random.nextBoolean());
        boolean checked = catches && g.has(FuzzFeature.CHECKED_EXCEPTION) && random.nextInt(3) == 0;
        g.line("try {");
        if (checked) {
            // javac accepts `catch (IOException e)` only if the try block declares it may throw one.
            g.indent(1);
            g.line("if (" + g.cond() + ") await(checkedBoom(" + g.expr() + "), IOException.class);");
            g.indent(-1);
        }
        tryBody(g, depth);
        if (catches) {
            catchClauses(g, depth, checked);
        }
        if (finallyClause) {
            finallyClause(g, depth);
        }
        g.line("}");
    }

    /** The try block: awaits in it fail more often, so that the handlers run. */
    private static void tryBody(ProgramGenerator g, int depth) {
        FuzzExpressions expressions = g.expressions();
        int saved = expressions.failurePercent;
        expressions.failurePercent = 25;
        g.nested(depth);
        expressions.failurePercent = saved;
    }

    /** Catch clauses; with {@code checked}, first one for the IOException the try block may throw. */
    private static void catchClauses(ProgramGenerator g, int depth, boolean checked) {
        Random random = g.random();
        List<String> clauses = new ArrayList<>();
        if (checked) {
            clauses.add("IOException");
        }
        for (String[] types : CATCHES) {
            if (random.nextInt(5) < 2) {
                boolean multi = types.length > 1 && g.has(FuzzFeature.MULTI_CATCH);
                clauses.add(multi ? String.join(" | ", types) : types[random.nextInt(types.length)]);
            }
        }
        if (clauses.isEmpty()) {
            clauses.add(CATCHES[random.nextInt(CATCHES.length)][0]);
        }
        for (String types : clauses) {
            String name = g.fresh("x");
            g.line("} catch (" + types + " " + name + ") {");
            g.indent(1);
            g.line("caught(trace, \"" + name + "\", " + name + ");");
            g.indent(-1);
            g.nested(depth, random.nextInt(3));
            g.indent(1);
            int roll = random.nextInt(4);
            // Rethrowing the IOException itself would need a `throws` on the template; wrapping it does not.
            if (roll == 0 && !types.equals("IOException")) {
                g.line("if (" + g.cond() + ") throw " + name + ";");
            } else if (roll == 1) {
                g.line("if (" + g.cond() + ") throw new IllegalStateException(\"wrap" + g.fresh("") + "\", " + name
                        + ");");
            }
            g.indent(-1);
        }
    }

    private static void finallyClause(ProgramGenerator g, int depth) {
        g.line("} finally {");
        g.indent(1);
        g.line("trace.add(\"fin" + g.fresh("") + "\");");
        g.indent(-1);
        g.nested(depth, g.random().nextInt(3));
    }

    static void tryWithResources(ProgramGenerator g, int depth) {
        Random random = g.random();
        List<String> names = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            String name = g.fresh("r");
            int roll = random.nextInt(20);
            int mode = roll < 14 ? 0 : roll < 17 ? 1 : 2;
            String id = name.substring(1);
            boolean awaited = g.has(FuzzFeature.AWAITED_RESOURCE) && random.nextBoolean();
            if (g.has(FuzzFeature.ASYNC_WITH) && random.nextBoolean()) {
                resources.add(FuzzAsyncStatements.resource(g, name, id, mode, awaited));
                names.add(name);
                continue;
            }
            resources.add(g.varOr("Res") + " " + name + " = " + (awaited ? "await(openLater(trace, " + id + ", " + mode + "))"
                    : "open(trace, " + id + ", " + mode + ")"));
            names.add(name);
        }
        g.line("try (" + String.join("; ", resources) + ") {");
        g.indent(1);
        for (String name : names) {
            g.line(name + ".use();");
        }
        g.indent(-1);
        tryBody(g, depth);
        if (g.has(FuzzFeature.TRY_CATCH) && random.nextBoolean()) {
            catchClauses(g, depth, false);
        }
        if (g.has(FuzzFeature.TRY_FINALLY) && random.nextInt(3) == 0) {
            finallyClause(g, depth);
        }
        g.line("}");
    }

    /** Case groups with one or two labels each, an optional default anywhere, and fall-through. */
    static void classicSwitch(ProgramGenerator g, int depth) {
        Random random = g.random();
        String[] selector = g.expressions().selector(1);
        List<String> labels = new ArrayList<>(List.of(selector[1].split(",")));
        List<String> groups = new ArrayList<>();
        while (!labels.isEmpty() && groups.size() < 3) {
            String group = "case " + labels.remove(0) + ":";
            if (!labels.isEmpty() && random.nextInt(3) == 0) {
                group += " case " + labels.remove(0) + ":";
            }
            groups.add(group);
            if (random.nextInt(3) == 0) {
                break;
            }
        }
        if (random.nextBoolean()) {
            groups.add(random.nextInt(groups.size() + 1), "default:");
        }
        g.line("switch (" + selector[0] + ") {");
        g.indent(1);
        for (int i = 0; i < groups.size(); i++) {
            g.line(groups.get(i));
            g.caseBody(depth, 1 + random.nextInt(2));
            if (random.nextInt(10) < 7) {
                g.indent(1);
                g.line("break;");
                g.indent(-1);
            }
        }
        g.indent(-1);
        g.line("}");
    }

    /** Arrow cases with blocks, single statements, or (at most one, never alone) a throw. */
    static void arrowSwitch(ProgramGenerator g, int depth) {
        Random random = g.random();
        String[] selector = g.expressions().selector(1);
        List<String> labels = new ArrayList<>(List.of(selector[1].split(",")));
        int arms = 1 + random.nextInt(Math.min(3, labels.size()));
        boolean thrown = false;
        g.line("switch (" + selector[0] + ") {");
        g.indent(1);
        for (int i = 0; i < arms && !labels.isEmpty(); i++) {
            String label = "case " + labels.remove(0)
                    + (!labels.isEmpty() && random.nextInt(3) == 0 ? ", " + labels.remove(0) : "");
            int roll = random.nextInt(10);
            if (roll < 6) {
                g.line(label + " -> {");
                g.caseBody(depth, 1 + random.nextInt(2));
                g.line("}");
            } else if (roll < 9 || thrown || arms == 1) {
                g.line(label + " -> trace.add(\"a" + g.fresh("") + "\" + (" + g.expr() + "));");
            } else {
                thrown = true;
                g.line(label + " -> throw new IllegalArgumentException(\"arm" + g.fresh("") + "\");");
            }
        }
        if (random.nextBoolean()) {
            g.line("default -> {");
            g.caseBody(depth, 1 + random.nextInt(2));
            g.line("}");
        }
        g.indent(-1);
        g.line("}");
    }
}
