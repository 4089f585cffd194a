package org.asyncio4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.asyncio4j.processor.FuzzScopes.Kind;
import org.asyncio4j.processor.FuzzScopes.Local;

/**
 * Generates random {@code @Async} method bodies for {@link DifferentialFuzzTest}: the base grammar plus the enabled
 * {@link FuzzFeature}s.
 *
 * <p>Every body is valid Java in two contexts: as a coroutine template (where {@code await} suspends) and as a plain
 * method (where {@code await} returns its argument), and compiles without {@code -Xlint:all} warnings. It records
 * what it does in {@code trace}, and it always terminates: loops count with their own counters, and every
 * {@code break}, {@code continue}, {@code return} and {@code throw} is guarded by a condition (so no statement is
 * ever unreachable and every {@code finally} can complete normally). The same seed and features give the same
 * program.
 *
 * <p>Layout contract, relied on by {@link Minimizer}: one statement per line, four spaces per nesting level; a
 * compound statement opens with a line ending in {@code {} and every later line of it at its own level starts with
 * {@code }} ({@code } else {}, {@code } catch (...) {}, {@code } finally {}, {@code } while (...);}, {@code }});
 * classic case labels sit one level deeper than their switch, their statements one level deeper still. Not
 * thread-safe: one instance per program.
 */
final class ProgramGenerator {
    private enum TargetKind { LOOP, SWITCH, BLOCK }

    /** An enclosing statement that {@code break} (and, for loops, {@code continue}) may target. */
    private record Target(String label, TargetKind kind) {}

    private static final String[] THROWN = {"IllegalStateException", "IllegalArgumentException",
        "UnsupportedOperationException", "ArithmeticException"};

    private final Random random;
    private final Set<FuzzFeature> features;
    private final FuzzExpressions expressions;
    private final FuzzTypes types;
    private final FuzzMembers members;
    /** The text being written; {@link #generatorMethod} swaps it, the scopes and the targets for a method's. */
    private StringBuilder out = new StringBuilder();
    private FuzzScopes scopes = new FuzzScopes();
    /** Innermost first. */
    private Deque<Target> targets = new ArrayDeque<>();
    /** How many async generator bodies ({@link FuzzGenerators}) enclose the statement being written. */
    private int generatorDepth;
    /** The async generator methods written so far: they follow the body's closing brace. */
    private final StringBuilder generators = new StringBuilder();
    private int names;
    private int indent;
    /** Statements written so far: past {@link #SIZE}, only simple statements, so programs stay readable. */
    private int size;
    private static final int SIZE = 7;
    /** How many compound statements a program may have: {@link #SIZE}, or more for a long method. */
    private final int sizeLimit;
    /** Top-level statements (0: a few, at random) and int locals declared first. */
    private final int topLevel;
    private final int locals;
    /** Lines written so far, and the count past which no more top-level statements are added (long methods). */
    private int lines;
    private int lineLimit = Integer.MAX_VALUE;

    private ProgramGenerator(long seed, Set<FuzzFeature> features) {
        this(seed, features, SIZE, 0, 3);
    }

    private ProgramGenerator(long seed, Set<FuzzFeature> features, int sizeLimit, int topLevel, int locals) {
        this.sizeLimit = sizeLimit;
        this.topLevel = topLevel;
        this.locals = locals;
        this.random = new Random(seed);
        this.features = features;
        this.expressions = new FuzzExpressions(random, features, new FuzzExpressions.Names() {
            @Override
            public List<String> readable() {
                return scopes.names(Kind.VAR, Kind.FIXED);
            }

            @Override
            public List<String> assignable() {
                return scopes.names(Kind.VAR);
            }

            @Override
            public List<String> arrays() {
                return scopes.names(Kind.ARRAY);
            }

            @Override
            public String fresh(String prefix) {
                return ProgramGenerator.this.fresh(prefix);
            }

            @Override
            public String[] typedSelector() {
                return types.selector();
            }

            @Override
            public String memberOperand(int budget) {
                if (!FuzzFeature.realCode(features)) {
                    return null;
                }
                return random.nextBoolean() ? types.intOperand(budget) : members.intOperand(budget);
            }
        });
        this.types = new FuzzTypes(this, expressions);
        this.members = new FuzzMembers(this, expressions);
    }

    /**
     * The body (without braces) of {@code static int name(List<String> trace, List<Runnable> deferred)}, using the
     * base grammar and {@code features}.
     */
    static String body(long seed, Set<FuzzFeature> features) {
        ProgramGenerator generator = new ProgramGenerator(seed, features);
        generator.generate();
        return generator.out.toString();
    }

    /**
     * A long method's body, for issue #14's size bounds: {@code statements} top-level statements, compound ones
     * throughout (so hundreds of awaits), over {@code locals} int locals declared first and more declared on the way.
     * About 4 lines a statement.
     */
    static String longBody(long seed, Set<FuzzFeature> features, int statements, int locals) {
        return longBody(seed, features, statements, locals, Integer.MAX_VALUE);
    }

    /**
     * {@link #longBody(long, Set, int, int)} that stops adding top-level statements once {@code maxLines} lines are
     * written: the statements' sizes vary widely (150 of them made 1,100 to 1,950 lines, and some templates passed
     * the JVM's 64 KB, javac's "code too large for try statement"), so a run asks for many and caps the length. A
     * body under the cap is the one {@code longBody} gives for the same arguments.
     */
    static String longBody(long seed, Set<FuzzFeature> features, int statements, int locals, int maxLines) {
        ProgramGenerator generator = new ProgramGenerator(seed, features, Integer.MAX_VALUE, statements, locals);
        generator.lineLimit = maxLines;
        generator.generate();
        return generator.out.toString();
    }

    private void generate() {
        scopes.push();
        indent = 2;
        for (int i = 0; i < locals; i++) {
            declare("v", Kind.VAR, "int", String.valueOf(random.nextInt(10)));
        }
        int count = topLevel > 0 ? topLevel : 2 + random.nextInt(4);
        for (int i = 0; i < count && lines < lineLimit; i++) {
            statement(3);
        }
        line("return " + expr() + ";");
        out.append(generators);
    }

    private void statements(int depth, int count) {
        for (int i = 0; i < count; i++) {
            statement(depth);
        }
    }

    private void statement(int depth) {
        List<Runnable> options = new ArrayList<>();
        simpleStatements(options);
        if (depth > 0 && size++ < sizeLimit) {
            compoundStatements(options, depth);
        }
        options.get(random.nextInt(options.size())).run();
    }

    private void simpleStatements(List<Runnable> options) {
        add(options, 2, () -> line("trace.add(\"t\" + (" + expr() + "));"));
        add(options, 1, () -> line(variable() + (random.nextInt(4) == 0 ? "++;" : " = " + expr() + ";")));
        add(options, 2, () -> line(variable() + " = await(" + expressions.awaitable() + ");"));
        add(options, 1, () -> line("await(" + expressions.awaitable() + ");"));
        add(options, 1, () -> declare("v", Kind.VAR, random.nextBoolean() ? "int" : "var",
                "await(" + expressions.awaitable() + ")"));
        add(options, 1, () -> declareInt(varOr("int"), expr()));
        add(options, 1, () -> {
            // A lambda capturing a local, run at the end: it must see the value at its creation.
            String name = declare("f", Kind.FIXED, "int", expr());
            line("deferred.add(() -> trace.add(\"late\" + " + name + "));");
        });
        add(options, 1, this::jumpOrTrace);
        add(options, 1, () -> FuzzStatements.exit(this));
        add(options, 1, () -> line("if (" + cond() + ") await(" + expressions.failing() + "(" + expr() + "));"));
        if (has(FuzzFeature.AWAIT_IN_EXPRESSION)) {
            add(options, 1, () -> declare("a", Kind.ARRAY, "int[]", "{" + expr() + ", " + expr() + ", " + expr()
                    + "}"));
            add(options, 1, () -> line("trace.add(\"s\" + (" + expr() + ") + \",\" + await("
                    + expressions.awaitable() + ") + \",\" + (" + expr() + "));"));
            // A computed receiver: Java evaluates (and traces) it before the argument's await.
            add(options, 1, () -> line("via(trace, \"r\" + (" + expr() + ")).add(\"m\" + await("
                    + expressions.awaitable() + "));"));
            add(options, 1, () -> {
                List<String> arrays = scopes.names(Kind.ARRAY);
                if (arrays.isEmpty()) {
                    line("trace.add(\"x\" + await(" + expressions.awaitable() + "));");
                } else {
                    line(arrays.get(random.nextInt(arrays.size())) + "[" + expressions.index() + "] = "
                            + (random.nextBoolean() ? "await(" + expressions.awaitable() + ")" : expr()) + ";");
                }
            });
        }
        if (has(FuzzFeature.COMPOUND_ASSIGNMENT)) {
            add(options, 2, () -> FuzzStatements.compoundAssignment(this));
        }
        if (has(FuzzFeature.THROW)) {
            add(options, 1, () -> line("if (" + cond() + ") throw await(excLater(" + expr() + "));"));
        }
        if (has(FuzzFeature.ASSERT)) {
            add(options, 1, () -> line(random.nextBoolean()
                    ? "assert " + cond() + " : \"a" + fresh("") + "\" + (" + expr() + ");"
                    : "assert await(" + (random.nextBoolean() ? "laterB" : "nowB") + "(" + cond() + ")) : \"a"
                            + fresh("") + "\";"));
        }
        if (has(FuzzFeature.SWITCH_EXPRESSION)) {
            add(options, 1, () -> declare("v", Kind.VAR, "int", expressions.switchExpression(1)));
        }
        if (has(FuzzFeature.ASYNC_LAMBDAS)) {
            add(options, 1, this::asyncLambda);
        }
        if (generatorDepth > 0) {
            add(options, 10, () -> FuzzGenerators.emit(this));
        }
        types.addStatements(options);
        members.addStatements(options);
    }

    /**
     * {@link FuzzFeature#ASYNC_LAMBDAS}: a lambda over a captured copy of a local, awaiting inside, created here and
     * awaited in the next statement (a lambda captures only effectively final locals: the copy is one). Its shapes:
     * a block; an expression body with the await nested in it (in an operator or a call's argument); one explicitly
     * typed parameter, a function called twice (a fresh coroutine each time); one implicitly typed parameter, typed
     * by the method the function is passed to ({@code applyTo}).
     */
    private void asyncLambda() {
        String captured = declare("f", Kind.FIXED, "int", expr());
        String coroutine = fresh("l");
        String inner = fresh("x");
        String awaitable = random.nextBoolean() ? "later" : "yieldThen";
        switch (random.nextInt(4)) {
            case 0:
                line("var " + coroutine + " = async(() -> {");
                indent++;
                line("trace.add(\"in " + coroutine + " \" + " + captured + ");");
                line("int " + inner + " = await(" + awaitable + "(" + captured + " + " + random.nextInt(5) + "));");
                line("trace.add(\"out " + coroutine + " \" + " + inner + ");");
                line("return " + inner + " * 2;");
                indent--;
                line("});");
                line("trace.add(\"" + coroutine + " \" + await(" + coroutine + "));");
                break;
            case 1:
                line("var " + coroutine + " = async(() -> " + (random.nextBoolean()
                        ? "tr(trace, \"in " + coroutine + "\", " + captured + ") + await(" + awaitable + "("
                                + captured + " + " + random.nextInt(5) + ")) * 2);"
                        : "tr(trace, \"in " + coroutine + "\", await(" + awaitable + "(" + captured + "))));"));
                line("trace.add(\"" + coroutine + " \" + await(" + coroutine + "));");
                break;
            case 2: {
                String parameter = fresh("p");
                line("var " + coroutine + " = async((Integer " + parameter + ") -> tr(trace, \"in " + coroutine
                        + " \" + " + parameter + ", " + captured + ") + await(" + awaitable + "(" + parameter + ")));");
                line("trace.add(\"" + coroutine + " \" + await(" + coroutine + ".apply(" + expr() + ")) + \" \" + await("
                        + coroutine + ".apply(" + expr() + ")));");
                break;
            }
            default: {
                // a statement of its own: a companion called in the same statement leaves the parameter untyped
                // (AsyncLambdaParameterType)
                String parameter = fresh("p");
                line("var " + coroutine + " = applyTo(" + captured + " % 5, async(" + parameter + " -> {");
                indent++;
                line("trace.add(\"in " + coroutine + " \" + " + parameter + " + \" \" + " + captured + ");");
                line("int " + inner + " = await(" + awaitable + "(" + parameter + " + " + captured + "));");
                line("return " + inner + " - " + parameter + ";");
                indent--;
                line("}));");
                line("trace.add(\"" + coroutine + " \" + await(" + coroutine + "));");
                break;
            }
        }
    }

    private void compoundStatements(List<Runnable> options, int depth) {
        add(options, 2, () -> ifStatement(depth));
        add(options, 1, () -> forLoop(depth));
        add(options, 1, () -> whileLoop(depth));
        add(options, 1, () -> doWhile(depth));
        add(options, 1, () -> forEach(depth));
        add(options, 1, () -> block(depth));
        add(options, 1, () -> awaitedCondition(depth));
        add(options, 1, () -> whileAwaited(depth));
        if (has(FuzzFeature.LABELLED_BLOCK)) {
            add(options, 1, () -> labelledBlock(depth));
        }
        if (has(FuzzFeature.TRY_CATCH) || has(FuzzFeature.TRY_FINALLY)) {
            add(options, 3, () -> FuzzStatements.tryStatement(this, depth));
        }
        if (has(FuzzFeature.TRY_WITH_RESOURCES)) {
            add(options, 2, () -> FuzzStatements.tryWithResources(this, depth));
        }
        if (has(FuzzFeature.ASYNC_FOR)) {
            add(options, 2, () -> FuzzAsyncStatements.asyncFor(this, depth));
        }
        if (has(FuzzFeature.SWITCH_CLASSIC)) {
            add(options, 2, () -> FuzzStatements.classicSwitch(this, depth));
        }
        if (has(FuzzFeature.SWITCH_ARROW)) {
            add(options, 2, () -> FuzzStatements.arrowSwitch(this, depth));
        }
        if (has(FuzzFeature.GENERATORS) && generatorDepth < 2) {
            add(options, FuzzGenerators.weight(), () -> FuzzGenerators.consume(this, depth));
        }
        members.addCompoundStatements(options, depth);
    }

    /**
     * Writes a method after the body ({@link FuzzGenerators}): {@code header} at the class's indentation, then what
     * {@code body} writes, with locals, jump targets and a size budget of its own, as an async generator's body
     * (emits, {@code return endGenerator();}).
     */
    void generatorMethod(String header, Runnable body) {
        StringBuilder savedOut = out;
        FuzzScopes savedScopes = scopes;
        Deque<Target> savedTargets = targets;
        int savedIndent = indent;
        int savedSize = size;
        out = new StringBuilder("  }\n  " + header + "\n");
        scopes = new FuzzScopes();
        scopes.push();
        targets = new ArrayDeque<>();
        indent = 2;
        size = Math.max(size, sizeLimit - 4);
        generatorDepth++;
        body.run();
        generatorDepth--;
        generators.append(out);
        out = savedOut;
        scopes = savedScopes;
        targets = savedTargets;
        indent = savedIndent;
        size = savedSize;
    }

    /** Whether the statement being written is in an async generator's body: it exits by {@code return endGenerator();}. */
    boolean inGenerator() {
        return generatorDepth > 0;
    }

    /**
     * {@code while (condition) { int e = initializer; ... }}: a loop over elements, with jumps; {@code more}, if
     * any, writes statements after the element's declaration.
     */
    void elementLoop(int depth, String condition, String initializer, Runnable... more) {
        String label = label();
        line(labelled(label) + "while (" + condition + ") {");
        scopes.push();
        targets.push(new Target(label, TargetKind.LOOP));
        indent++;
        declare("e", Kind.FIXED, "int", initializer);
        for (Runnable statement : more) {
            statement.run();
        }
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        targets.pop();
        scopes.pop();
        line("}");
    }

    /** A read-only int local; its name. */
    String declareFixed(String prefix, String initializer) {
        return declare(prefix, Kind.FIXED, "int", initializer);
    }

    /** {@code count} statements at the current level. */
    void statementsAt(int depth, int count) {
        statements(depth, count);
    }

    static void add(List<Runnable> options, int weight, Runnable option) {
        for (int i = 0; i < weight; i++) {
            options.add(option);
        }
    }

    private void jumpOrTrace() {
        List<String> jumps = new ArrayList<>();
        boolean loop = false;
        boolean breakable = false;
        for (Target target : targets) {
            loop |= target.kind == TargetKind.LOOP;
            breakable |= target.kind != TargetKind.BLOCK;
            if (target.label != null) {
                jumps.add("break " + target.label);
                if (target.kind == TargetKind.LOOP) {
                    jumps.add("continue " + target.label);
                }
            }
        }
        if (breakable) {
            jumps.add("break");
        }
        if (loop) {
            jumps.add("continue");
        }
        if (jumps.isEmpty() || random.nextInt(4) == 0) {
            line("trace.add(\"u\" + (" + expr() + "));");
        } else {
            line("if (" + cond() + ") " + jumps.get(random.nextInt(jumps.size())) + ";");
        }
    }

    private void ifStatement(int depth) {
        line("if (" + cond() + ") {");
        nested(depth);
        if (random.nextBoolean()) {
            line("} else {");
            nested(depth);
        }
        line("}");
    }

    private void awaitedCondition(int depth) {
        line("if (await(" + (random.nextBoolean() ? "nowB" : "laterB") + "(" + cond() + "))) {");
        nested(depth);
        line("} else {");
        nested(depth);
        line("}");
    }

    private void forLoop(int depth) {
        String label = label();
        String counter = fresh("i");
        int bound = 1 + random.nextInt(3);
        boolean awaits = has(FuzzFeature.AWAIT_IN_EXPRESSION) && random.nextInt(3) == 0;
        String condition = counter + " < " + (awaits ? "await(" + expressions.constantAwaitable(bound) + ")" : bound);
        String update = awaits && random.nextBoolean()
                ? counter + " = " + counter + " + await(" + expressions.constantAwaitable(1) + ")" : counter + "++";
        line(labelled(label) + "for (" + varOr("int") + " " + counter + " = 0; " + condition + "; " + update + ") {");
        loop(depth, label, counter, null);
        line("}");
    }

    private void whileLoop(int depth) {
        String counter = declare("c", Kind.FIXED, "int", "0");
        String label = label();
        int bound = 1 + random.nextInt(3);
        String condition = has(FuzzFeature.AWAIT_IN_EXPRESSION) && random.nextInt(3) == 0
                ? "tr(trace, \"w\", " + counter + ") < await(" + expressions.constantAwaitable(bound) + ")"
                : counter + " < " + bound;
        line(labelled(label) + "while (" + condition + ") {");
        loop(depth, label, null, counter + "++;");
        line("}");
    }

    private void whileAwaited(int depth) {
        String counter = declare("c", Kind.FIXED, "int", "0");
        line("while (await(laterB(" + counter + "++ < " + (1 + random.nextInt(3)) + "))) {");
        loop(depth, null, null, null);
        line("}");
    }

    private void doWhile(int depth) {
        String counter = declare("c", Kind.FIXED, "int", "0");
        String label = label();
        line(labelled(label) + "do {");
        loop(depth, label, null, counter + "++;");
        line("} while (" + counter + " < " + (1 + random.nextInt(3)) + ");");
    }

    private void forEach(int depth) {
        String element = fresh("e");
        String label = label();
        boolean array = random.nextBoolean();
        boolean awaits = has(FuzzFeature.AWAIT_IN_EXPRESSION) && random.nextInt(3) == 0;
        String first = awaits ? "await(" + expressions.awaitable() + ")" : String.valueOf(random.nextInt(5));
        String source = array ? "new int[] {" + first + ", " + random.nextInt(5) + "}"
                : "List.of(" + first + ", " + random.nextInt(5) + ", " + random.nextInt(5) + ")";
        String type = array ? (random.nextBoolean() ? "int" : "long") : "Integer";
        String[] typed = FuzzFeature.realCode(features) && random.nextBoolean() ? types.iterable() : null;
        String declared = typed != null ? varOr(typed[0]) : type.equals("long") ? type : varOr(type);
        line(labelled(label) + "for (" + declared + " " + element + " : " + (typed != null ? typed[1] : source)
                + ") {");
        scopes.push();
        if (typed != null) {
            scopes.add(new Local(element, Kind.FIXED_REFERENCE, typed[0]));
        } else if (type.equals("long")) {
            indent++;
            line("trace.add(\"e\" + " + element + ");");
            indent--;
        } else {
            scopes.add(new Local(element, Kind.FIXED));
        }
        targets.push(new Target(label, TargetKind.LOOP));
        indent++;
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        targets.pop();
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
        scopes.push();
        targets.push(new Target(label, TargetKind.BLOCK));
        statements(depth - 1, 1 + random.nextInt(2));
        line("if (" + cond() + ") break " + label + ";");
        statements(depth - 1, 1 + random.nextInt(2));
        targets.pop();
        scopes.pop();
        indent--;
        line("}");
    }

    /** The body of a loop; {@code first} (a counter's increment) comes before anything that could continue. */
    private void loop(int depth, String label, String counter, String first) {
        scopes.push();
        if (counter != null) {
            scopes.add(new Local(counter, Kind.FIXED));
        }
        targets.push(new Target(label, TargetKind.LOOP));
        indent++;
        if (first != null) {
            line(first);
        }
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        targets.pop();
        scopes.pop();
    }

    /** A nested block's statements, one level deeper, in their own scope. */
    void nested(int depth) {
        nested(depth, 1 + random.nextInt(3));
    }

    /** A nested block in whose scope {@code name} (a pattern binding) may be read. */
    void nestedWith(int depth, String name, String type) {
        scopes.push(new Local(name, Kind.FIXED_REFERENCE, type));
        indent++;
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        scopes.pop();
    }

    /** A read-only local of {@code type} from here to the end of the block: a pattern binding. */
    void bind(String name, String type) {
        scopes.add(new Local(name, Kind.FIXED_REFERENCE, type));
    }

    void nested(int depth, int count) {
        scopes.push();
        indent++;
        statements(depth - 1, count);
        indent--;
        scopes.pop();
    }

    /** Statements of a switch case: {@code break} leaves the switch. */
    void caseBody(int depth, int count) {
        targets.push(new Target(null, TargetKind.SWITCH));
        nested(depth, count);
        targets.pop();
    }

    /** A for-each over {@code source} with {@link #forEach}'s body and jumps, its lines ending in the markers. */
    void asyncForEach(int depth, String source, String open, String close) {
        String element = fresh("e");
        String label = label();
        line(labelled(label) + "for (" + varOr("Integer") + " " + element + " : " + source + ") { " + open);
        scopes.push();
        scopes.add(new Local(element, Kind.FIXED));
        targets.push(new Target(label, TargetKind.LOOP));
        indent++;
        statements(depth - 1, 1 + random.nextInt(3));
        indent--;
        targets.pop();
        scopes.pop();
        line("} " + close);
    }

    private String label() {
        return random.nextInt(3) == 0 ? fresh("L") : null;
    }

    private static String labelled(String label) {
        return label == null ? "" : label + ": ";
    }

    /** A variable that may be assigned: a declared int local (not a loop counter or element). */
    String variable() {
        List<String> assignable = scopes.names(Kind.VAR);
        return assignable.get(random.nextInt(assignable.size()));
    }

    /** {@code target += value;}, spelled out when {@link FuzzFeature#COMPOUND_ASSIGNMENT} is off. */
    String addTo(String target, String value) {
        return target + (has(FuzzFeature.COMPOUND_ASSIGNMENT) ? " += " : " = " + target + " + ") + "(" + value + ");";
    }

    /** {@code var} or {@code type}, at random when {@link FuzzFeature#VAR_EVERYWHERE} is on. */
    String varOr(String type) {
        return has(FuzzFeature.VAR_EVERYWHERE) && random.nextBoolean() ? "var" : type;
    }

    /** An assignable int local (its declared type is {@code int} or {@code var}); its name. */
    String declareInt(String declared, String initializer) {
        return declare("v", Kind.VAR, declared, initializer);
    }

    /** An assignable local of a reference type, declared as {@code type} or {@code var}; its name. */
    String declareReference(String prefix, String type, String initializer) {
        return declare(new Local(fresh(prefix), Kind.REFERENCE, type), varOr(type), initializer);
    }

    /** An assignable local of a reference type, declared {@code var}; its name. */
    String declareVarReference(String prefix, String type, String initializer) {
        return declare(new Local(fresh(prefix), Kind.REFERENCE, type), "var", initializer);
    }

    /** A read-only local of a reference type that {@code var} cannot declare (a lambda); its name. */
    String declareExplicit(String prefix, String type, String initializer) {
        return declare(new Local(fresh(prefix), Kind.FIXED_REFERENCE, type), type, initializer);
    }

    /** Declares a local; only {@code v} locals are ever assigned again ({@code c} counters and {@code f} captured). */
    private String declare(String prefix, Kind kind, String type, String initializer) {
        return declare(new Local(fresh(prefix), kind), type, initializer);
    }

    private String declare(Local local, String declared, String initializer) {
        line(declared + " " + local.name() + " = " + initializer + ";");
        scopes.add(local);
        return local.name();
    }

    // What FuzzStatements, FuzzTypes and FuzzMembers need of the program being generated.

    FuzzScopes scopes() {
        return scopes;
    }

    Random random() {
        return random;
    }

    FuzzExpressions expressions() {
        return expressions;
    }

    boolean has(FuzzFeature feature) {
        return features.contains(feature);
    }

    String expr() {
        return expressions.expression();
    }

    String cond() {
        return expressions.condition();
    }


    String fresh(String prefix) {
        return prefix + names++;
    }

    void indent(int delta) {
        indent += delta;
    }

    void line(String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
        lines++;
    }
}
