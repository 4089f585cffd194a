package org.asyncio4j.processor;

import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The expression half of {@link ProgramGenerator}: int expressions, conditions and awaitables over the locals in
 * scope, with {@code await} inside them only as far as the enabled {@link FuzzFeature}s allow.
 *
 * <p>Every compound operand is parenthesised or a primary, so the text means the same wherever it is pasted. Every
 * expression terminates; the ones that may throw ({@code div} by zero, failing awaitables, a bad array index is
 * never produced) throw unchecked exceptions, or the checked {@code IOException} of {@code checkedBoom}. Not
 * thread-safe: one instance per generated program.
 */
final class FuzzExpressions {
    /** The names the enclosing program can offer at the current point. */
    interface Names {
        /** Int (or Integer) locals that may be read. */
        List<String> readable();

        /** Int locals that may be assigned (never loop counters or captured locals). */
        List<String> assignable();

        /** {@code int[3]} locals. */
        List<String> arrays();

        String fresh(String prefix);

        /** An int operand over reference locals or the class's members, or null if there is none. */
        String memberOperand(int budget);

        /** A switch selector over a String or enum local and its labels (comma-separated), or null. */
        String[] typedSelector();
    }

    private static final String[] RESULT_AWAITABLES = {"now", "later", "yieldThen", "direct"};
    private static final String[] FAILING_AWAITABLES = {"boom", "boomNow", "failed", "checkedBoom"};
    private static final String[] OPERATORS = {"<", ">", "==", "!=", "<=", ">="};

    private final Random random;
    private final Set<FuzzFeature> features;
    private final Names names;
    /** Above zero while writing an operand that must not await: the right side of a plain {@code &&}/{@code ||}. */
    private int awaitFree;
    /** Percent chance that an awaitable fails; raised inside {@code try} blocks so that catch clauses run. */
    int failurePercent = 8;

    FuzzExpressions(Random random, Set<FuzzFeature> features, Names names) {
        this.random = random;
        this.features = features;
        this.names = names;
    }

    String expression() {
        return expression(random.nextInt(4) == 0 ? 2 : 1);
    }

    String expression(int budget) {
        String a = operand(budget);
        switch (random.nextInt(4)) {
            case 0:
                return a;
            case 1:
                return a + " + " + operand(budget);
            case 2:
                return "(" + a + " * " + operand(budget) + ") % 7";
            default:
                return a + " - " + operand(budget);
        }
    }

    private String operand(int budget) {
        int roll = random.nextInt(100);
        if (budget > 0) {
            if (has(FuzzFeature.AWAIT_IN_EXPRESSION) && awaitFree == 0 && roll < 20) {
                return awaitOperand(budget - 1);
            }
            if (has(FuzzFeature.SHORT_CIRCUIT) && awaitFree == 0 && roll >= 30 && roll < 36) {
                String awaited = "await(" + awaitable(budget - 1) + ")";
                boolean first = random.nextBoolean();
                return "(" + condition(budget - 1) + " ? " + (first ? awaited : expression(budget - 1)) + " : "
                        + (first ? expression(budget - 1) : awaited) + ")";
            }
            if (has(FuzzFeature.SWITCH_EXPRESSION) && awaitFree == 0 && roll >= 38 && roll < 43) {
                return switchExpression(budget - 1);
            }
            if (has(FuzzFeature.COMPOUND_ASSIGNMENT) && awaitFree == 0 && roll >= 43 && roll < 49) {
                return updateOperand(budget - 1);
            }
            if (roll >= 49 && roll < 55) {
                return "tr(trace, \"k" + names.fresh("") + "\", " + expression(budget - 1) + ")";
            }
            if (roll >= 55 && roll < 57) {
                return "div(" + expression(budget - 1) + ", " + operand(0) + ")";
            }
            if (roll >= 57 && roll < 72) {
                String member = names.memberOperand(budget - 1);
                if (member != null) {
                    return member;
                }
            }
        }
        List<String> visible = names.readable();
        return visible.isEmpty() || random.nextInt(3) == 0 ? String.valueOf(random.nextInt(5))
                : visible.get(random.nextInt(visible.size()));
    }

    /** An operand containing an await, in one of the positions Java lets an expression appear. */
    private String awaitOperand(int budget) {
        List<String> arrays = names.arrays();
        switch (random.nextInt(12)) {
            case 0:
                return "await(" + awaitable(budget) + ").compareTo(" + expression(budget) + ")";
            case 1:
                return "new Pair(" + expression(budget) + ", " + expression(budget) + ").sum()";
            case 2:
                return "(new int[] {" + expression(budget) + ", " + expression(budget) + "})[Math.floorMod("
                        + expression(budget) + ", 2)]";
            case 3:
                return "Math.max(" + expression(budget) + ", " + expression(budget) + ")";
            case 4:
                return "(int) ((long) await(" + awaitable(budget) + ") * 3L)";
            case 5: {
                String binding = names.fresh("n");
                return "(await(obj(" + expression(budget) + ")) instanceof Integer " + binding + " ? " + binding
                        + " + 1 : 0)";
            }
            case 6:
                return "(\"s\" + (" + expression(budget) + ") + await(" + awaitable(budget) + ")).length()";
            case 7:
                if (!arrays.isEmpty()) {
                    return arrays.get(random.nextInt(arrays.size())) + "[" + index(budget) + "]";
                }
                return "await(" + awaitable(budget) + ")";
            default:
                return "await(" + awaitable(budget) + ")";
        }
    }

    /** Whether the operand being written may await: not on the right of a plain {@code &&}/{@code ||}. */
    boolean mayAwait() {
        return awaitFree == 0;
    }

    /** An int expression without any await, wherever it is written. */
    String awaitFreeExpression(int budget) {
        awaitFree++;
        String expression = expression(budget);
        awaitFree--;
        return expression;
    }

    /** {@code v++}, {@code --v} or {@code (v += e)} on an assignable local: the read happens before the await. */
    private String updateOperand(int budget) {
        List<String> assignable = names.assignable();
        if (assignable.isEmpty()) {
            return "await(" + awaitable(budget) + ")";
        }
        String variable = assignable.get(random.nextInt(assignable.size()));
        switch (random.nextInt(3)) {
            case 0:
                return "(" + variable + "++ + await(" + awaitable(budget) + "))";
            case 1:
                return "(--" + variable + " - await(" + awaitable(budget) + "))";
            default:
                return "(" + variable + " += await(" + awaitable(budget) + "))";
        }
    }

    /** An index into an {@code int[3]}: always in range. */
    String index(int budget) {
        return "Math.floorMod(" + expression(budget) + ", 3)";
    }

    String index() {
        return index(1);
    }

    /** A one-line switch expression over an int, String or enum selector, with awaits in arms and yields. */
    String switchExpression(int budget) {
        String[] selector = selector(budget);
        StringBuilder text = new StringBuilder("switch (" + selector[0] + ") {");
        String[] labels = selector[1].split(",");
        int arms = 1 + random.nextInt(2);
        for (int i = 0; i < arms; i++) {
            text.append(" case ").append(labels[i]).append(" -> ");
            if (random.nextBoolean()) {
                // `yield (` would parse as a call of a method named yield
                String value = awaitedOrPlain(budget);
                text.append("{ trace.add(\"y").append(names.fresh("")).append("\"); yield ")
                        .append(value.startsWith("(") ? "0 + " : "").append(value).append("; }");
            } else {
                text.append(awaitedOrPlain(budget)).append(";");
            }
        }
        return text.append(" default -> ").append(awaitedOrPlain(budget)).append("; }").toString();
    }

    private String awaitedOrPlain(int budget) {
        return random.nextBoolean() ? "await(" + awaitable(budget) + ")" : expression(budget);
    }

    /**
     * A switch selector and its case labels (comma-separated, distinct): an int, or a String or enum value when
     * those features are on; with {@link FuzzFeature#AWAIT_IN_EXPRESSION} the selector may await.
     */
    String[] selector(int budget) {
        String[] typed = FuzzFeature.realCode(features) && random.nextInt(3) == 0 ? names.typedSelector() : null;
        if (typed != null) {
            return new String[] {typed[0], shuffled(typed[1].split(","))};
        }
        String value = has(FuzzFeature.AWAIT_IN_EXPRESSION) && random.nextInt(3) == 0
                ? "await(" + awaitable(budget) + ")" : expression(budget);
        int kinds = 1 + (has(FuzzFeature.SWITCH_STRING) ? 1 : 0) + (has(FuzzFeature.SWITCH_ENUM) ? 1 : 0);
        int kind = random.nextInt(kinds);
        if (kind == 1 && has(FuzzFeature.SWITCH_STRING)) {
            return new String[] {"\"k\" + Math.floorMod(" + value + ", 3)", shuffled("\"k0\"", "\"k1\"", "\"k2\"")};
        }
        if (kind >= 1) {
            return new String[] {"Color.values()[Math.floorMod(" + value + ", 3)]", shuffled("RED", "GREEN", "BLUE")};
        }
        return new String[] {"Math.floorMod(" + value + ", 4)", shuffled("0", "1", "2", "3")};
    }

    private String shuffled(String... labels) {
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return String.join(",", labels);
    }

    String condition() {
        return condition(random.nextInt(4) == 0 ? 2 : 1);
    }

    private String condition(int budget) {
        int roll = random.nextInt(100);
        if (budget > 0) {
            if (roll < 8) {
                // An await on the right of && or || is what SHORT_CIRCUIT is about.
                String left = condition(budget - 1);
                awaitFree += has(FuzzFeature.SHORT_CIRCUIT) ? 0 : 1;
                String right = condition(budget - 1);
                awaitFree -= has(FuzzFeature.SHORT_CIRCUIT) ? 0 : 1;
                return "(" + left + (random.nextBoolean() ? " && " : " || ") + right + ")";
            }
            if (roll < 11) {
                return "!(" + condition(budget - 1) + ")";
            }
            if (has(FuzzFeature.SHORT_CIRCUIT) && awaitFree == 0 && roll < 25) {
                return "(" + condition(budget - 1) + (random.nextBoolean() ? " && " : " || ") + "await("
                        + (random.nextBoolean() ? "nowB" : "laterB") + "(" + condition(budget - 1) + ")))";
            }
            if (has(FuzzFeature.AWAIT_IN_EXPRESSION) && awaitFree == 0 && roll >= 25 && roll < 33) {
                return "await(" + (random.nextBoolean() ? "nowB" : "laterB") + "(" + condition(budget - 1) + "))";
            }
            if (has(FuzzFeature.AWAIT_IN_EXPRESSION) && awaitFree == 0 && roll >= 33 && roll < 38) {
                String binding = names.fresh("n");
                return "(await(obj(" + expression(budget - 1) + ")) instanceof Integer " + binding + " && "
                        + binding + " > 2)";
            }
        }
        return expression(budget) + " " + OPERATORS[random.nextInt(OPERATORS.length)] + " " + random.nextInt(6);
    }

    /** A call producing an {@code Integer} awaitable; it fails now and then. */
    String awaitable() {
        return awaitable(1);
    }

    String awaitable(int budget) {
        String[] pool = random.nextInt(100) < failurePercent ? FAILING_AWAITABLES : RESULT_AWAITABLES;
        return pool[random.nextInt(pool.length)] + "(" + expression(budget) + ")";
    }

    /** The name of an awaitable that always fails. */
    String failing() {
        return FAILING_AWAITABLES[random.nextInt(FAILING_AWAITABLES.length)];
    }

    /** An awaitable that never fails, of a constant: loop bounds stay bounds. */
    String constantAwaitable(int value) {
        return RESULT_AWAITABLES[random.nextInt(RESULT_AWAITABLES.length)] + "(" + value + ")";
    }

    boolean has(FuzzFeature feature) {
        return features.contains(feature);
    }
}
