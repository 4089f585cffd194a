package org.asyncio4j.processor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code async with} and {@code async for} for the differential fuzzer ({@link FuzzFeature#ASYNC_WITH},
 * {@link FuzzFeature#ASYNC_FOR}): the resources and sequences both twins use, and the rewrite that gives the plain
 * twin the same observable order.
 *
 * <p>In the coroutine twin {@code ARes} is an {@code AsyncCloseable} whose close suspends (0.1 s) and then traces
 * {@code aclose rN}, and {@code ASeq} an {@code AsyncIterator} whose {@code hasNextAsync()} suspends and traces
 * {@code anext sN}. In the plain twin they are an {@code AutoCloseable} and an {@code Iterable} that trace the same
 * with plain calls. A plain for-each does not close its iterator, so the plain twin's loop is rewritten into the
 * try-with-resources that {@code async for} means:
 * <pre>{@code
 * L1: for (Integer e4 : aseq(trace, 3, 2, 0, 1)) { // AFOR q3     ===>   try (ASeq q3 = aseq(trace, 3, 2, 0, 1)) { L1: for (Integer e4 : q3) {
 *     ...                                                                 ...
 * } // END_AFOR                                                          } }
 * }</pre>
 */
final class FuzzAsyncStatements {
    private FuzzAsyncStatements() {}

    private static final Pattern LOOP = Pattern.compile(
            "(?m)^(\\s*)(\\w+: )?for \\((.+?) : (aseq\\([^)]*\\))\\) \\{ // AFOR (\\w+)$");
    private static final Pattern END = Pattern.compile("(?m)^(\\s*)\\} // END_AFOR$");

    /** The same behaviour in both twins: opening and tracing. */
    private static final String ARES_FIELDS = ""
            + "    private final List<String> trace; private final String name; private final int mode;\n"
            + "    ARes(List<String> trace, String name, int mode) { this.trace = trace; this.name = name;"
            + " this.mode = mode; }\n"
            + "    void use() { trace.add(\"use \" + name); }\n";
    private static final String OPEN = ""
            + "  static ARes aopen(List<String> trace, int id, int mode) { trace.add(\"aopen r\" + id);"
            + " if (mode == 2) throw new IllegalArgumentException(\"aopen r\" + id);"
            + " return new ARes(trace, \"r\" + id, mode); }\n"
            + "  static ASeq aseq(List<String> trace, int id, int n, int failAt, int mode) {"
            + " trace.add(\"aseq s\" + id); return new ASeq(trace, id, n, failAt, mode); }\n"
            + "  static void aclosing(List<String> trace, String name, int mode) { trace.add(\"aclose \" + name);"
            + " if (mode == 1) throw new IllegalStateException(\"aclose \" + name); }\n"
            + "  static boolean anext(ASeq s) { s.trace.add(\"anext s\" + s.id); s.i++;"
            + " if (s.i == s.failAt) throw new IllegalStateException(\"anext s\" + s.id); return s.i <= s.n; }\n";
    private static final String ASEQ_FIELDS = ""
            + "    final List<String> trace; final int id; final int n; final int failAt; final int mode; int i;\n"
            + "    ASeq(List<String> trace, int id, int n, int failAt, int mode) { this.trace = trace; this.id = id;"
            + " this.n = n; this.failAt = failAt; this.mode = mode; }\n";

    /** The coroutine twin's: closes and steps that suspend first. */
    static final String ASYNC = OPEN
            + "  static final class ARes implements AsyncCloseable {\n" + ARES_FIELDS
            + "    @Override public Coroutine<Void> closeAsync() { return PAsync.acloseImpl(trace, name, mode); }\n"
            + "  }\n"
            + "  static final class ASeq implements AsyncIterator<Integer> {\n" + ASEQ_FIELDS
            + "    @Override public Coroutine<Boolean> hasNextAsync() { return PAsync.anextImpl(this); }\n"
            + "    @Override public Integer next() { return i; }\n"
            + "    @Override public Coroutine<Void> closeAsync() { return PAsync.acloseImpl(trace, \"s\" + id, mode); }\n"
            + "  }\n"
            + "  static Coroutine<ARes> aopenLater(List<String> trace, int id, int mode) {"
            + " return PAsync.aopenLaterImpl(trace, id, mode); }\n"
            + "  @Async static void acloseImpl(List<String> trace, String name, int mode) { await(sleep(0.1));"
            + " aclosing(trace, name, mode); }\n"
            + "  @Async static boolean anextImpl(ASeq s) { await(sleep(0.1)); return anext(s); }\n"
            + "  @Async static ARes aopenLaterImpl(List<String> trace, int id, int mode) { await(sleep(0.1));"
            + " return aopen(trace, id, mode); }\n";

    /** The plain twin's: the same traces from plain calls. */
    static final String PLAIN = OPEN
            + "  static final class ARes implements AutoCloseable {\n" + ARES_FIELDS
            + "    @Override public void close() { aclosing(trace, name, mode); }\n"
            + "  }\n"
            + "  static final class ASeq implements Iterable<Integer>, AutoCloseable {\n" + ASEQ_FIELDS
            + "    @Override public Iterator<Integer> iterator() { return new Iterator<Integer>() {\n"
            + "      @Override public boolean hasNext() { return anext(ASeq.this); }\n"
            + "      @Override public Integer next() { return i; }\n"
            + "    }; }\n"
            + "    @Override public void close() { aclosing(trace, \"s\" + id, mode); }\n"
            + "  }\n"
            + "  static ARes aopenLater(List<String> trace, int id, int mode) { return aopen(trace, id, mode); }\n";

    /** A resource declaration for {@code FuzzStatements.tryWithResources}: async (maybe awaited) or plain. */
    static String resource(ProgramGenerator g, String name, String id, int mode, boolean awaited) {
        return g.varOr("ARes") + " " + name + " = " + (awaited ? "await(aopenLater(trace, " + id + ", " + mode + "))"
                : "aopen(trace, " + id + ", " + mode + ")");
    }

    /** {@code for (Integer e : aseq(...)) { ... }}: an async for over 0-3 elements that may fail or fail to close. */
    static void asyncFor(ProgramGenerator g, int depth) {
        String seq = g.fresh("q");
        int n = g.random().nextInt(4);
        int roll = g.random().nextInt(10);
        int failAt = roll < 2 ? 1 + g.random().nextInt(n + 1) : 0;
        int mode = g.random().nextInt(10) == 0 ? 1 : 0;
        g.asyncForEach(depth, "aseq(trace, " + seq.substring(1) + ", " + n + ", " + failAt + ", " + mode + ")",
                "// AFOR " + seq, "// END_AFOR");
    }

    /** The plain twin's text of a body: each async for becomes the try-with-resources it means. */
    static String plain(String body) {
        if (!body.contains("// AFOR")) {
            return body;
        }
        Matcher loop = LOOP.matcher(body);
        StringBuilder out = new StringBuilder();
        while (loop.find()) {
            String label = loop.group(2) == null ? "" : loop.group(2);
            loop.appendReplacement(out, Matcher.quoteReplacement(loop.group(1) + "try (ASeq " + loop.group(5) + " = "
                    + loop.group(4) + ") { " + label + "for (" + loop.group(3) + " : " + loop.group(5) + ") {"));
        }
        loop.appendTail(out);
        return END.matcher(out).replaceAll("$1} }");
    }
}
