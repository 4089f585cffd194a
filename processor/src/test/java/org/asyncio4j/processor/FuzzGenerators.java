package org.asyncio4j.processor;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Async generators for the differential fuzzer ({@link FuzzFeature#GENERATORS}): random generator bodies written by
 * {@link ProgramGenerator}'s own statement machinery (with {@code emit} statements among them, {@code return
 * endGenerator();} as their exit), the consumers that drive them, and the plain twin that gives the same observable
 * order.
 *
 * <p>A generator is a method of its own, appended to the body's text after the body's closing brace; its calls and
 * its header name it {@code genN}, and {@link #forSource} gives it a name unique in the compiled class. Consumers: an
 * async for (left by every jump: the loop closes the generator), a hand-driven {@code hasNextAsync()}/{@code next()}
 * loop closed in a {@code finally}, two generators interleaved, each of them sometimes inside a {@code catch} of the
 * generator's failure. Every consumer closes what it opened, so no generator is left suspended at the end of a run.
 *
 * <p>The plain twin runs the same body, unchanged, on a thread of its own ({@code PLAIN}'s {@code AsyncGenerator}):
 * {@code emit(x)} hands {@code x} over and blocks until the consumer asks for the next element or closes the
 * generator, when it throws the runtime's {@code GeneratorExit}. Exactly one of the two threads runs at a time, so
 * both twins trace in the same order. Stateless.
 */
final class FuzzGenerators {
    private FuzzGenerators() {}

    /** How many times more likely than other compound statements a consumer is: {@code -Dfuzz.generatorWeight}. */
    private static final int WEIGHT = Integer.getInteger("fuzz.generatorWeight", 1);

    private static final Pattern HEADER = Pattern.compile(
            "(?m)^  @Async static AsyncGenerator<Integer> gen(\\d+)\\((List<String> trace, List<Runnable> deferred, "
                    + "int (\\w+))\\) \\{$");
    private static final Pattern CALL = Pattern.compile("(?<![\\w.$])gen(\\d+)\\(");
    private static final Pattern LOOP = Pattern.compile(
            "(?m)^(\\s*)(\\w+: )?for \\((.+?) : (.+)\\) \\{ // AGEN (\\w+)$");
    private static final Pattern END = Pattern.compile("(?m)^(\\s*)\\} // END_AGEN$");

    /**
     * The plain twin's async generator: the body runs on its own thread, handing over each element and waiting at
     * its emit; the runtime's state rules ({@code AsyncGenerator}'s NEW, AT_EMIT, RUNNING, DONE) and messages.
     */
    static final String PLAIN = ""
            + "  static final class AsyncGenerator<T> implements Iterable<T>, AutoCloseable {\n"
            + "    interface Body { Object run() throws Exception; }\n"
            + "    static final ThreadLocal<AsyncGenerator<?>> CURRENT = new ThreadLocal<>();\n"
            + "    private final String name; private final Body body;\n"
            + "    private int state; private boolean ready; private T element;\n"
            + "    private boolean bodyTurn; private boolean closing; private boolean emitted; private Throwable failure;\n"
            + "    AsyncGenerator(String name, Body body) { this.name = name; this.body = body; }\n"
            + "    boolean hasNextAsync() { if (!ready && state != 3) step(false); return ready; }\n"
            + "    T next() { if (!ready) throw new NoSuchElementException(\"no element: await hasNextAsync() first,"
            + " and only while it is true\"); ready = false; T v = element; element = null; return v; }\n"
            + "    Object closeAsync() { if (state == 0 || state == 3) { state = 3; } else { step(true); } return null; }\n"
            + "    @Override public void close() { closeAsync(); }\n"
            + "    @Override public Iterator<T> iterator() { return new Iterator<T>() {\n"
            + "      @Override public boolean hasNext() { return hasNextAsync(); }\n"
            + "      @Override public T next() { return AsyncGenerator.this.next(); }\n"
            + "    }; }\n"
            + "    private void step(boolean close) {\n"
            + "      closing = close;\n"
            + "      synchronized (this) {\n"
            + "        bodyTurn = true;\n"
            + "        if (state == 0) { Thread t = new Thread(this::runBody, \"plain-generator\"); t.setDaemon(true);"
            + " t.start(); } else { notifyAll(); }\n"
            + "        state = 2;\n"
            + "        while (bodyTurn) { pause(); }\n"
            + "      }\n"
            + "      if (emitted) {\n"
            + "        emitted = false;\n"
            + "        if (close) { state = 3; element = null; throw new IllegalStateException("
            + "\"async generator ignored GeneratorExit: AsyncGenerator[\" + name + \" done] emitted while it was being"
            + " closed\"); }\n"
            + "        ready = true; state = 1; return;\n"
            + "      }\n"
            + "      state = 3;\n"
            + "      Throwable f = failure; failure = null;\n"
            + "      if (f != null && !(close && f instanceof org.asyncio4j.GeneratorExit)) { throw P.<RuntimeException>"
            + "sneaky(f); }\n"
            + "    }\n"
            + "    private void runBody() {\n"
            + "      CURRENT.set(this);\n"
            + "      Throwable f = null;\n"
            + "      try { body.run(); } catch (Throwable e) { f = e; }\n"
            + "      synchronized (this) { failure = f; bodyTurn = false; notifyAll(); }\n"
            + "    }\n"
            + "    void handOut(T value) {\n"
            + "      synchronized (this) { element = value; emitted = true; bodyTurn = false; notifyAll();"
            + " while (!bodyTurn) { pause(); } }\n"
            + "      if (closing) { throw new org.asyncio4j.GeneratorExit(); }\n"
            + "    }\n"
            // Uninterruptible: an interrupt (the runner giving up on a hung twin) must not change the trace.
            + "    private void pause() { try { wait(); } catch (InterruptedException e) { } }\n"
            + "  }\n"
            + "  @SuppressWarnings(\"unchecked\") static <T> void emit(T value) {"
            + " ((AsyncGenerator<T>) AsyncGenerator.CURRENT.get()).handOut(value); }\n"
            + "  static <T> AsyncGenerator<T> endGenerator() { return null; }\n"
            + "  @SuppressWarnings(\"unchecked\") static <X extends Throwable> X sneaky(Throwable t) throws X {"
            + " throw (X) t; }\n";

    /** A consumer of one or two new generators, maybe inside a {@code catch} of their failure. */
    static void consume(ProgramGenerator g, int depth) {
        Random random = g.random();
        boolean catching = random.nextInt(3) == 0 && g.has(FuzzFeature.TRY_CATCH);
        if (catching) {
            g.line("try {");
            g.indent(1);
            g.scopes().push();
        }
        int roll = random.nextInt(10);
        if (roll < 4) {
            // Over the companion's call, or over a local (`var` or not) holding it: the first two were
            // AsyncForUnknownType while the companion did not exist yet.
            if (random.nextBoolean()) {
                String q = open(g, depth);
                g.asyncForEach(depth, q, "// AGEN " + q, "// END_AGEN");
            } else {
                String call = generator(g, depth) + "(trace, deferred, " + g.expr() + ")";
                g.asyncForEach(depth, call, "// AGEN " + g.fresh("q"), "// END_AGEN");
            }
        } else if (roll < 8) {
            handDriven(g, depth);
        } else {
            interleaved(g, depth);
        }
        if (catching) {
            g.scopes().pop();
            g.indent(-1);
            String name = g.fresh("x");
            g.line("} catch (RuntimeException " + name + ") {");
            g.indent(1);
            g.line("caught(trace, \"" + name + "\", " + name + ");");
            g.indent(-1);
            g.line("}");
        }
    }

    /** {@code while (await(q.hasNextAsync())) { int e = q.next(); ... }}, closed in a {@code finally}. */
    private static void handDriven(ProgramGenerator g, int depth) {
        String q = open(g, depth);
        closing(g, () -> g.elementLoop(depth, "await(" + q + ".hasNextAsync())", q + ".next()"), q);
    }

    /** Two generators stepped in turn: one drives the loop, the other is asked once per element. */
    private static void interleaved(ProgramGenerator g, int depth) {
        String a = open(g, depth);
        String b = open(g, depth);
        String body = g.fresh("z");
        closing(g, () -> g.elementLoop(depth, "await(" + a + ".hasNextAsync())", a + ".next()", () -> {
            g.line("if (await(" + b + ".hasNextAsync())) {");
            g.scopes().push();
            g.indent(1);
            String e = g.declareFixed("e", b + ".next()");
            g.line("trace.add(\"" + body + " \" + " + e + ");");
            g.statementsAt(depth - 1, g.random().nextInt(2));
            g.indent(-1);
            g.scopes().pop();
            g.line("}");
        }), a, b);
    }

    /**
     * What {@code loop} writes, then the generators closed, the last opened first: in nested {@code finally} blocks
     * (asyncio's {@code aclosing}) with {@link FuzzFeature#TRY_FINALLY}, else after it (a consumer that leaves by a
     * jump or an exception then leaves its generator suspended, never resumed, in both twins).
     */
    private static void closing(ProgramGenerator g, Runnable loop, String... generators) {
        boolean inFinally = g.has(FuzzFeature.TRY_FINALLY);
        for (int i = 0; i < generators.length && inFinally; i++) {
            g.line("try {");
            g.indent(1);
        }
        loop.run();
        for (int i = generators.length - 1; i >= 0; i--) {
            if (inFinally) {
                g.indent(-1);
                g.line("} finally {");
                g.indent(1);
            }
            g.line("await(" + generators[i] + ".closeAsync());");
            if (inFinally) {
                g.indent(-1);
                g.line("}");
            }
        }
    }

    /** Declares a local holding a new generator; its name. */
    private static String open(ProgramGenerator g, int depth) {
        String call = generator(g, depth) + "(trace, deferred, " + g.expr() + ")";
        String q = g.fresh("q");
        g.line(g.varOr("AsyncGenerator<Integer>") + " " + q + " = " + call + ";");
        return q;
    }

    /**
     * Writes a new generator method: a random body of statements among which the generator writes emits (with
     * awaits in their arguments), sometimes inside a {@code try} whose {@code finally} awaits (and may emit: legal
     * until the generator is closed, when the close fails, as asyncio's "ignored GeneratorExit"); its name.
     */
    private static String generator(ProgramGenerator g, int depth) {
        String name = g.fresh("gen");
        String parameter = g.fresh("p");
        Random random = g.random();
        g.generatorMethod("@Async static AsyncGenerator<Integer> " + name + "(List<String> trace, List<Runnable> "
                + "deferred, int " + parameter + ") {", () -> {
                    String tag = name.substring(3);
                    g.line("trace.add(\"gen" + tag + " start \" + " + parameter + ");");
                    // Locals that live across the emits: the parameter's copy, changed on the way.
                    g.declareInt("int", parameter);
                    g.declareInt(g.varOr("int"), String.valueOf(random.nextInt(5)));
                    emit(g); // so that every consumer gets an element (the random statements may hold none)
                    if (random.nextBoolean() && g.has(FuzzFeature.TRY_FINALLY)) {
                        g.line("try {");
                        g.nested(depth + 1, 2 + random.nextInt(3));
                        g.line("} finally {");
                        g.indent(1);
                        g.line("trace.add(\"gen" + tag + " finally\");");
                        g.line("await(" + (random.nextBoolean() ? "later" : "yieldThen") + "(" + tag + "));");
                        g.indent(-1);
                        g.nested(Math.min(depth, 2) + 1, random.nextInt(2));
                        g.indent(1);
                        g.line("trace.add(\"gen" + tag + " closed\");");
                        g.indent(-1);
                        g.line("}");
                    } else {
                        g.statementsAt(depth, 2 + random.nextInt(4));
                    }
                    g.line("return endGenerator();");
                });
        return name;
    }

    /** An emit statement of a generator's body. */
    static void emit(ProgramGenerator g) {
        FuzzExpressions expressions = g.expressions();
        switch (g.random().nextInt(4)) {
            case 0:
                g.line("emit(await(" + expressions.awaitable() + "));");
                break;
            case 1:
                g.line("emit(" + g.expr() + " + await(" + expressions.awaitable() + "));");
                break;
            default:
                g.line("emit(" + g.expr() + ");");
        }
    }

    static int weight() {
        return WEIGHT;
    }

    /** The option that replays a program written with a weight other than the default, or nothing. */
    static String replayOption() {
        return WEIGHT == 1 ? "" : " -Dfuzz.generatorWeight=" + WEIGHT;
    }

    /**
     * The body's text as compiled into method {@code method}: generators renamed to be unique in the class
     * ({@code gen5} of {@code m3} is {@code gen5m3}), instance methods when the body is one; for the coroutine twin
     * called through the companion, for the plain twin run by the plain {@code AsyncGenerator} on a thread, with its
     * async for loops rewritten into the try-with-resources they mean (see {@link FuzzAsyncStatements}).
     */
    static String forSource(String body, String method, boolean async, boolean instance) {
        if (!body.contains("AsyncGenerator<Integer> gen")) {
            return body;
        }
        Matcher header = HEADER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (header.find()) {
            String name = "gen" + header.group(1) + method;
            String modifier = instance ? "" : "static ";
            String text = async ? "  @Async " + modifier + "AsyncGenerator<Integer> " + name + "(" + header.group(2)
                    + ") {"
                    : "  " + modifier + "AsyncGenerator<Integer> " + name + "(" + header.group(2) + ") { return new "
                            + "AsyncGenerator<>(\"" + Character.toUpperCase(name.charAt(0)) + name.substring(1)
                            + "Coroutine\", () -> " + name + "Body(trace, deferred, " + header.group(3) + ")); }\n  "
                            + modifier + "AsyncGenerator<Integer> " + name + "Body(" + header.group(2)
                            + ") throws Exception {";
            header.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        header.appendTail(out);
        Matcher call = CALL.matcher(out.toString());
        StringBuilder called = new StringBuilder();
        while (call.find()) {
            String name = "gen" + call.group(1) + method;
            call.appendReplacement(called, Matcher.quoteReplacement(async ? "PAsync." + name + "("
                    + (instance ? "this, " : "") : name + "("));
        }
        call.appendTail(called);
        if (async) {
            return called.toString();
        }
        Matcher loop = LOOP.matcher(called);
        StringBuilder plain = new StringBuilder();
        while (loop.find()) {
            String label = loop.group(2) == null ? "" : loop.group(2);
            String q = loop.group(5);
            String resource = loop.group(4).equals(q) ? q : "AsyncGenerator<Integer> " + q + " = " + loop.group(4);
            loop.appendReplacement(plain, Matcher.quoteReplacement(loop.group(1) + "try (" + resource + ") { "
                    + label + "for (" + loop.group(3) + " : " + q + ") {"));
        }
        loop.appendTail(plain);
        return END.matcher(plain).replaceAll("$1} }");
    }
}
