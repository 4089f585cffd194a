package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@link ProgramGenerator} writes about the class around the body rather than its locals: instance fields and
 * methods ({@link FuzzFeature#INSTANCE_FIELDS}), nested static and inner classes ({@link FuzzFeature#NESTED_CLASSES}),
 * fully qualified names ({@link FuzzFeature#QUALIFIED_NAMES}, and with awaited arguments
 * {@link FuzzFeature#QUALIFIED_RECEIVERS}), overloads ({@link FuzzFeature#OVERLOADS}, and the JDK's with private
 * siblings, {@link FuzzFeature#JDK_OVERLOADS}), pattern bindings read after an await
 * ({@link FuzzFeature#PATTERN_BINDINGS}), {@code var} lambda parameters ({@link FuzzFeature#VAR_EVERYWHERE}) and
 * {@code var}s initialized from companions ({@link FuzzFeature#VAR_WITH_COMPANIONS}).
 *
 * <p>The members live in {@link FuzzWorld}. A body that names an instance member ({@code my...}, {@code this}) becomes
 * an instance method of {@code P}, run on a fresh instance. Not thread-safe: one instance per generated program.
 */
final class FuzzMembers {
    private final ProgramGenerator g;
    private final Random random;
    private final FuzzExpressions expressions;

    FuzzMembers(ProgramGenerator g, FuzzExpressions expressions) {
        this.g = g;
        this.random = g.random();
        this.expressions = expressions;
    }

    /** An int operand about the class's members under the enabled features, or null if none is on. */
    String intOperand(int budget) {
        List<String> operands = new ArrayList<>();
        String e = expressions.expression(budget);
        // Only awaits where the expression may have them: not in the right operand of a plain && or ||.
        boolean awaits = expressions.mayAwait();
        String awaited = awaits ? "await(" + expressions.awaitable(budget) + ")" : e;
        if (g.has(FuzzFeature.INSTANCE_FIELDS)) {
            operands.add(random.nextBoolean() ? "myCount" : "this.myCount");
            operands.add("myBump(" + e + ")");
            operands.add("mySlots[Math.floorMod(" + e + ", 3)]");
            operands.add("P.this.myText.length()");
        }
        if (g.has(FuzzFeature.NESTED_CLASSES)) {
            // A qualified class name with an awaited argument is QUALIFIED_RECEIVERS's.
            operands.add("new Outer.Inner(" + expressions.awaitFreeExpression(budget) + ").v()");
            operands.add("new MyCounter().add(" + awaited + ")");
        }
        if (g.has(FuzzFeature.QUALIFIED_NAMES)) {
            // Qualified class names whose arguments do not await (QUALIFIED_RECEIVERS has those).
            String plain = expressions.awaitFreeExpression(budget);
            operands.add(random.nextBoolean() ? "java.lang.Math.abs(" + plain + ")"
                    : "java.lang.Integer.sum(" + plain + ", 1)");
            operands.add(random.nextBoolean() ? "P.Outer.half(" + plain + ")" : "Outer.Inner.twice(" + plain + ")");
            operands.add("java.util.List.of(" + plain + ", 2).size()");
        }
        if (g.has(FuzzFeature.QUALIFIED_RECEIVERS) && awaits) {
            operands.add("java.lang.Math.max(" + e + ", " + awaited + ")");
            operands.add("java.util.List.of(" + e + ", " + awaited + ").get(1)");
            operands.add(random.nextBoolean() ? "Outer.Inner.twice(" + awaited + ")"
                    : "P.Outer.Inner.twice(" + awaited + ")");
            operands.add("new P.Outer.Inner(" + awaited + ").v()");
        }
        if (g.has(FuzzFeature.OVERLOADS)) {
            operands.add("pick(" + overloadArgument(budget, awaits) + ").length()");
            operands.add("(int) Math.max((long) " + e + ", " + awaited + ")");
        }
        if (g.has(FuzzFeature.JDK_OVERLOADS)) {
            // A public constructor with a private sibling of the same arity; a literal address needs no lookup.
            operands.add("new InetSocketAddress(\"127.0.0.1\", 1000 + Math.floorMod(" + awaited + ", 1000))"
                    + ".getPort()");
        }
        return operands.isEmpty() ? null : operands.get(random.nextInt(operands.size()));
    }

    /** An argument for {@code pick}, whose overloads tell {@code int}, {@code Integer}, String, ... apart. */
    private String overloadArgument(int budget, boolean awaits) {
        // Never a bare conditional: one with an awaiting branch is a poly expression that matches several overloads.
        String raw = expressions.expression(budget);
        String e = random.nextBoolean() ? "0 + (" + raw + ")" : "(long) (" + raw + ")";
        if (!awaits) {
            return e;
        }
        switch (random.nextInt(6)) {
            case 0:
                return "await(" + expressions.awaitable(budget) + ")";
            case 1:
                return "await(laterV(\"q\" + (" + raw + ")))";
            case 2:
                return "await(obj(" + raw + "))";
            case 3:
                return "await(nowV(new StringBuilder(\"s\")))";
            case 4:
                return "(long) (await(" + expressions.awaitable(budget) + "))";
            default:
                return e;
        }
    }

    /** Statements about the class's members under the enabled features. */
    void addStatements(List<Runnable> options) {
        if (g.has(FuzzFeature.INSTANCE_FIELDS)) {
            ProgramGenerator.add(options, 2, this::fieldStatement);
        }
        if (g.has(FuzzFeature.OVERLOADS)) {
            ProgramGenerator.add(options, 1, () -> g.line("trace.add(pick(" + overloadArgument(1, true) + "));"));
            ProgramGenerator.add(options, 1, this::jdkOverloadStatement);
        }
        if (g.has(FuzzFeature.NESTED_CLASSES)) {
            ProgramGenerator.add(options, 1, () -> {
                String counter = g.declareReference("k", "MyCounter", "new MyCounter()");
                g.line("trace.add(\"k\" + " + counter + ".add(await(" + expressions.awaitable() + ")));");
            });
        }
        if (g.has(FuzzFeature.VAR_EVERYWHERE)) {
            ProgramGenerator.add(options, 1, this::varLambda);
        }
        if (g.has(FuzzFeature.VAR_WITH_COMPANIONS)) {
            ProgramGenerator.add(options, 1, this::varFromCompanion);
        }
        if (g.has(FuzzFeature.PATTERN_BINDINGS)) {
            ProgramGenerator.add(options, 1, this::negatedPattern);
        }
    }

    /** Compound statements: an {@code if} whose pattern binding is read after an await in its condition. */
    void addCompoundStatements(List<Runnable> options, int depth) {
        if (g.has(FuzzFeature.PATTERN_BINDINGS)) {
            ProgramGenerator.add(options, 1, () -> {
                String binding = g.fresh("b");
                boolean string = random.nextBoolean();
                g.line("if (await(obj(" + g.expr() + ")) instanceof " + (string ? "String " : "Integer ") + binding
                        + " && " + (string ? binding + ".length()" : binding) + " > await("
                        + expressions.awaitable() + ")) {");
                g.nestedWith(depth, binding, string ? "String" : "Integer");
                g.line("}");
            });
        }
    }

    private void fieldStatement() {
        String awaited = "await(" + expressions.awaitable() + ")";
        switch (random.nextInt(6)) {
            case 0:
                g.line((random.nextBoolean() ? "myCount" : "this.myCount") + " = " + awaited + ";");
                break;
            case 1:
                // The field is read before the bump and the await, as Java reads a compound assignment's target.
                g.line(g.addTo("myCount", "myBump(" + g.expr() + ") + " + awaited));
                break;
            case 2:
                g.line("P.this.myText = myText + " + awaited + ";");
                break;
            case 3:
                g.line("myLog.add(\"l\" + " + awaited + ");");
                break;
            case 4:
                g.line("mySlots[Math.floorMod(" + g.expr() + ", 3)] = " + awaited + ";");
                break;
            default:
                g.line("trace.add(\"my\" + myCount + myText + myLog + Arrays.toString(mySlots));");
                break;
        }
    }

    /** JDK overloads that a lost static type would change: {@code remove(Object)} vs {@code remove(int)}, chars. */
    private void jdkOverloadStatement() {
        List<String> lists = g.scopes().references("List<Integer>");
        String awaited = "await(" + expressions.awaitable() + ")";
        if (!lists.isEmpty() && random.nextBoolean()) {
            String list = lists.get(random.nextInt(lists.size()));
            g.line("if (" + list + ".size() > 1) trace.add(\"rm\" + " + list + ".remove(" + (random.nextBoolean()
                    ? awaited : "Math.floorMod(" + awaited + ", " + list + ".size())") + "));");
        } else if (random.nextBoolean()) {
            g.line("trace.add(String.valueOf(await(laterV(new char[] {'c', (char) ('a' + Math.floorMod(" + g.expr()
                    + ", 26))}))));");
        } else {
            g.line("trace.add(new StringBuilder().append(await(nowV(new char[] {'x'}))).append((char) ('a' + "
                    + "Math.floorMod(" + awaited + ", 26))).toString());");
        }
    }

    /** A lambda with {@code var} parameters, kept in a local and called with an awaited argument. */
    private void varLambda() {
        String a = g.fresh("p");
        String b = g.fresh("p");
        // A lambda needs a target type: `var` cannot declare the local itself.
        String function = g.declareExplicit("l", "java.util.function.IntBinaryOperator",
                "(var " + a + ", var " + b + ") -> " + a + " * 3 + " + b);
        g.line("trace.add(\"l\" + " + function + ".applyAsInt(" + g.expr() + ", await(" + expressions.awaitable()
                + ")));");
    }

    /** A {@code var} whose initializer awaits a generated companion inside a larger expression. */
    private void varFromCompanion() {
        String e = g.expr();
        switch (random.nextInt(6)) {
            case 4:
                readInSavedValue(g.declareVarReference("o", "List<Integer>",
                        "new ArrayList<>(await(PAsync.laterVImpl(List.of(" + e + "))))") + ".get(0)");
                break;
            case 5:
                readInSavedValue(g.declareInt("var", "(" + e + ") + await(PAsync.laterImpl(" + g.expr() + "))"));
                break;
            case 0:
                g.declareInt("var", "(" + e + ") + await(PAsync.laterImpl(" + g.expr() + "))");
                break;
            case 1:
                // The one form the processor types itself today.
                g.declareInt("var", "await(PAsync.laterImpl(" + e + "))");
                break;
            case 2:
                g.declareReference("o", "String", "\"q\" + await(PAsync.laterVImpl(\"s\" + (" + e + ")))");
                break;
            default:
                g.declareInt("var", "tr(trace, \"c\", await(PAsync.directImpl(" + e + "))) * 2");
                break;
        }
    }

    /**
     * {@code read} (an int read of a witnessed {@code var}) inside a value Java evaluates before a later await of the
     * same expression, which is saved there: a computed receiver, an argument, or deeper inside a call of unknown
     * type that is read back through its witness (fuzz seed 1157 found such a read printed bare).
     */
    private void readInSavedValue(String read) {
        String awaited = "await(" + expressions.awaitable() + ")";
        switch (random.nextInt(3)) {
            case 0:
                g.line("via(trace, \"w\" + (" + read + " - 1)).add(\"m\" + " + awaited + ");");
                break;
            case 1:
                g.line("trace.add(\"d\" + tr(trace, \"w\", " + read + " + 1) + " + awaited + ");");
                break;
            default:
                g.line("trace.add(\"e\" + String.valueOf(tr(trace, \"x\", Math.abs(" + read + "))) + \",\" + "
                        + awaited + ");");
                break;
        }
    }

    /** {@code if (!(x instanceof T b)) exit;} and then {@code b} read after awaits: the binding's scope goes on. */
    private void negatedPattern() {
        String binding = g.fresh("b");
        String exit = random.nextBoolean() ? (g.inGenerator() ? "return endGenerator();" : "return " + g.expr() + ";")
                : "throw new IllegalStateException(\"not Integer\");";
        g.line("if (!(await(obj(" + g.expr() + ")) instanceof Integer " + binding + ")) " + exit);
        g.bind(binding, "Integer");
        g.line("trace.add(\"b\" + (" + binding + " + await(" + expressions.awaitable() + ")));");
    }
}
