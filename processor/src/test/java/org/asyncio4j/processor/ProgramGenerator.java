package org.asyncio4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Generates random {@code @Async} method bodies over the statements and await positions the processor accepts, for
 * {@link DifferentialFuzzTest}.
 *
 * <p>Every body is valid Java in two contexts: as a coroutine template (where {@code await} suspends) and as a plain
 * method (where {@code await} returns its argument). It records what it does in {@code trace}, and it always
 * terminates: loops count with their own counters, and every {@code break}, {@code continue}, {@code return} and
 * {@code throw} is guarded by a condition. The same seed gives the same program.
 */
final class ProgramGenerator {
    private static final String[] AWAITABLES = {"now", "later", "yieldThen"};

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private final Deque<List<String>> scopes = new ArrayDeque<>();
    /** Labels of the enclosing loops, innermost first; null for an unlabelled loop. */
    private final Deque<String> loops = new ArrayDeque<>();
    private int names;
    private int indent;

    private ProgramGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The body (without braces) of {@code static int name(List<String> trace, List<Runnable> deferred)}. */
    static String body(long seed) {
        ProgramGenerator generator = new ProgramGenerator(seed);
        generator.generate();
        return generator.out.toString();
    }

    private void generate() {
        scopes.push(new ArrayList<>());
        indent = 2;
        for (int i = 0; i < 3; i++) {
            declare("int", String.valueOf(random.nextInt(10)));
        }
        statements(3, 2 + random.nextInt(5));
        line("return " + expression() + ";");
    }

    private void statements(int depth, int count) {
        for (int i = 0; i < count; i++) {
            statement(depth);
        }
    }

    private void statement(int depth) {
        int choice = random.nextInt(depth > 0 ? 22 : 12);
        switch (choice) {
            case 0: case 1:
                line("trace.add(\"t\" + (" + expression() + "));");
                break;
            case 2:
                line(variable() + " = " + expression() + ";");
                break;
            case 3: case 4:
                line(variable() + " = await(" + awaitable() + ");");
                break;
            case 5:
                line("await(" + awaitable() + ");");
                break;
            case 6:
                declare(random.nextBoolean() ? "int" : "var", "await(" + awaitable() + ")");
                break;
            case 7:
                declare("int", expression());
                break;
            case 8: {
                // A lambda capturing a local, run at the end: it must see the value at its creation.
                String name = declare("f", "int", expression());
                line("deferred.add(() -> trace.add(\"late\" + " + name + "));");
                break;
            }
            case 9:
                if (!loops.isEmpty() && random.nextBoolean()) {
                    jump();
                } else {
                    line("trace.add(\"u\" + (" + expression() + "));");
                }
                break;
            case 10:
                if (random.nextInt(4) == 0) {
                    line("if (" + condition() + ") return " + expression() + ";");
                } else if (random.nextInt(3) == 0) {
                    line("if (" + condition() + ") return await(" + awaitable() + ");");
                } else {
                    line("if (" + condition() + ") throw new IllegalStateException(\"thrown\" + (" + expression() + ")"
                            + ");");
                }
                break;
            case 11:
                if (random.nextInt(3) == 0) {
                    line("await(boom(" + expression() + "));");
                } else {
                    line("trace.add(\"w\");");
                }
                break;
            case 12: case 13:
                ifStatement(depth);
                break;
            case 14:
                forLoop(depth);
                break;
            case 15:
                whileLoop(depth);
                break;
            case 16:
                doWhile(depth);
                break;
            case 17:
                forEach(depth);
                break;
            case 18:
                block(depth);
                break;
            case 19:
                labelledBlock(depth);
                break;
            case 20:
                awaitedCondition(depth);
                break;
            default:
                whileAwaited(depth);
                break;
        }
    }

    private void ifStatement(int depth) {
        line("if (" + condition() + ") {");
        nested(depth);
        if (random.nextBoolean()) {
            line("} else {");
            nested(depth);
        }
        line("}");
    }

    private void awaitedCondition(int depth) {
        line("if (await(" + (random.nextBoolean() ? "nowB" : "laterB") + "(" + condition() + "))) {");
        nested(depth);
        line("} else {");
        nested(depth);
        line("}");
    }

    private void forLoop(int depth) {
        String label = label();
        String counter = fresh("i");
        line((label == null ? "" : label + ": ") + "for (int " + counter + " = 0; " + counter + " < "
                + (1 + random.nextInt(3)) + "; " + counter + "++) {");
        loop(depth, label, counter);
        line("}");
    }

    private void whileLoop(int depth) {
        String counter = declare("c", "int", "0");
        String label = label();
        line((label == null ? "" : label + ": ") + "while (" + counter + " < " + (1 + random.nextInt(3)) + ") {");
        indent++;
        line(counter + "++;");
        indent--;
        loop(depth, label, null);
        line("}");
    }

    private void whileAwaited(int depth) {
        String counter = declare("c", "int", "0");
        line("while (await(laterB(" + counter + "++ < " + (1 + random.nextInt(3)) + "))) {");
        loop(depth, null, null);
        line("}");
    }

    private void doWhile(int depth) {
        String counter = declare("c", "int", "0");
        String label = label();
        line((label == null ? "" : label + ": ") + "do {");
        indent++;
        line(counter + "++;");
        indent--;
        loop(depth, label, null);
        line("} while (" + counter + " < " + (1 + random.nextInt(3)) + ");");
    }

    private void forEach(int depth) {
        String element = fresh("e");
        String label = label();
        String source = random.nextBoolean() ? "new int[] {" + random.nextInt(5) + ", " + random.nextInt(5) + "}"
                : "List.of(" + random.nextInt(5) + ", " + random.nextInt(5) + ", " + random.nextInt(5) + ")";
        String type = source.startsWith("new") ? (random.nextBoolean() ? "int" : "long") : "Integer";
        line((label == null ? "" : label + ": ") + "for (" + type + " " + element + " : " + source + ") {");
        scopes.push(new ArrayList<>());
        if (!type.equals("long")) {
            scopes.peek().add(element);
        } else {
            indent++;
            line("trace.add(\"e\" + " + element + ");");
            indent--;
        }
        loops.push(label == null ? "" : label);
        indent++;
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        loops.pop();
        scopes.pop();
        line("}");
    }

    private void block(int depth) {
        line("{");
        nested(depth);
        line("}");
    }

    private void labelledBlock(int depth) {
        String label = fresh("B");
        line(label + ": {");
        indent++;
        scopes.push(new ArrayList<>());
        statements(depth - 1, 1 + random.nextInt(2));
        line("if (" + condition() + ") break " + label + ";");
        statements(depth - 1, 1 + random.nextInt(2));
        scopes.pop();
        indent--;
        line("}");
    }

    private void loop(int depth, String label, String counter) {
        scopes.push(new ArrayList<>());
        if (counter != null) {
            scopes.peek().add(counter);
        }
        loops.push(label == null ? "" : label);
        indent++;
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        loops.pop();
        scopes.pop();
    }

    private void nested(int depth) {
        scopes.push(new ArrayList<>());
        indent++;
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        scopes.pop();
    }

    private void jump() {
        List<String> labels = new ArrayList<>();
        for (String label : loops) {
            if (!label.isEmpty()) {
                labels.add(label);
            }
        }
        String target = !labels.isEmpty() && random.nextBoolean() ? " " + labels.get(random.nextInt(labels.size()))
                : "";
        line("if (" + condition() + ") " + (random.nextBoolean() ? "break" : "continue") + target + ";");
    }

    private String label() {
        return random.nextInt(3) == 0 ? fresh("L") : null;
    }

    private String awaitable() {
        return AWAITABLES[random.nextInt(AWAITABLES.length)] + "(" + expression() + ")";
    }

    private String condition() {
        String[] operators = {"<", ">", "==", "!=", "<=", ">="};
        return expression() + " " + operators[random.nextInt(operators.length)] + " " + random.nextInt(6);
    }

    private String expression() {
        String a = operand();
        switch (random.nextInt(4)) {
            case 0:
                return a;
            case 1:
                return a + " + " + operand();
            case 2:
                return "(" + a + " * " + operand() + ") % 7";
            default:
                return a + " - " + operand();
        }
    }

    private String operand() {
        List<String> visible = new ArrayList<>();
        scopes.forEach(visible::addAll);
        return visible.isEmpty() || random.nextInt(3) == 0 ? String.valueOf(random.nextInt(5))
                : visible.get(random.nextInt(visible.size()));
    }

    /** A variable that may be assigned: a declared int local (not a loop counter or element). */
    private String variable() {
        List<String> visible = new ArrayList<>();
        scopes.forEach(scope -> scope.stream().filter(n -> n.startsWith("v")).forEach(visible::add));
        return visible.get(random.nextInt(visible.size()));
    }

    private String declare(String type, String initializer) {
        return declare("v", type, initializer);
    }

    /** Declares a local; only {@code v} locals are ever assigned again ({@code c} counters and {@code f} captured). */
    private String declare(String prefix, String type, String initializer) {
        String name = fresh(prefix);
        line(type + " " + name + " = " + initializer + ";");
        scopes.peek().add(name);
        return name;
    }

    private String fresh(String prefix) {
        return prefix + names++;
    }

    private void line(String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }
}
