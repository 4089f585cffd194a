package org.asyncio4j.processor;

/**
 * The declarations around the generated bodies, as Java source text: helpers both twins share, the awaitables as
 * each twin sees them, and the types and members the bodies use. {@link TwinRunner} puts them in class {@code P}.
 *
 * <p>Everything here is deterministic and cheap, so both twins trace the same; instance state ({@code my...}) is
 * created afresh for every run, since each run gets a new {@code P}. Constants only.
 */
final class FuzzWorld {
    private FuzzWorld() {}

    /**
     * Reference types for {@link FuzzFeature#REFERENCE_TYPES}: a record and a mutable class with readable
     * {@code toString}s, so a trace shows their state.
     */
    private static final String TYPES = ""
            + "  record Item(String name, int n) { Item grow(int d) { return new Item(name, n + d); } }\n"
            + "  static final class Box { private int value; Box(int value) { this.value = value; }"
            + " int get() { return value; } void set(int value) { this.value = value; }"
            + " @Override public String toString() { return \"Box\" + value; } }\n";

    /**
     * Members for {@link FuzzFeature#INSTANCE_FIELDS}, {@link FuzzFeature#NESTED_CLASSES} and
     * {@link FuzzFeature#OVERLOADS}: instance state (one field private, reached through the companion's handles),
     * an inner class that reads it, nested static classes, and overloads of one arity that a lost static type would
     * confuse ({@code int} vs {@code Integer}, {@code String} vs {@code CharSequence} vs {@code Object}).
     */
    private static final String MEMBERS = ""
            + "  int myCount = 3;\n"
            + "  private String myText = \"w\";\n"
            + "  final List<String> myLog = new ArrayList<>();\n"
            + "  int[] mySlots = {1, 2, 3};\n"
            + "  int myBump(int d) { myCount += d; return myCount; }\n"
            + "  final class MyCounter { int n; int add(int d) { n += d; return n * 10 + myCount; } }\n"
            + "  static final class Outer { static int half(int x) { return x / 2; }\n"
            + "    static final class Inner { final int v; Inner(int v) { this.v = v; } int v() { return v; }"
            + " static int twice(int x) { return 2 * x; } static String wrap(String s) { return \"w\" + s; } }\n"
            + "  }\n"
            + "  static String pick(int x) { return \"int\" + x; }\n"
            + "  static String pick(long x) { return \"long\" + x; }\n"
            + "  static String pick(Integer x) { return \"Integer\" + x; }\n"
            + "  static String pick(String x) { return \"String\" + x; }\n"
            + "  static String pick(CharSequence x) { return \"CharSequence\" + x; }\n"
            + "  static String pick(Object x) { return \"Object\" + x; }\n";

    /** Helpers both twins share: the traced operations, the resource, the enum of switch selectors. */
    private static final String COMMON = ""
            + "  enum Color { RED, GREEN, BLUE }\n"
            + "  record Pair(int a, int b) { int sum() { return a * 10 + b; } }\n"
            + "  static final class Res implements AutoCloseable {\n"
            + "    private final List<String> trace; private final String name; private final int mode;\n"
            + "    Res(List<String> trace, String name, int mode) { this.trace = trace; this.name = name;"
            + " this.mode = mode; }\n"
            + "    void use() { trace.add(\"use \" + name); }\n"
            + "    @Override public void close() { trace.add(\"close \" + name);"
            + " if (mode == 1) throw new IllegalStateException(\"close \" + name); }\n"
            + "  }\n"
            + "  static Res open(List<String> trace, int id, int mode) { trace.add(\"open r\" + id);"
            + " if (mode == 2) throw new IllegalArgumentException(\"open r\" + id);"
            + " return new Res(trace, \"r\" + id, mode); }\n"
            + "  static int tr(List<String> trace, String tag, int v) { trace.add(tag + \"=\" + v); return v; }\n"
            + "  static int div(int a, int b) { return a / b; }\n"
            + "  static List<String> via(List<String> trace, String tag) { trace.add(tag); return trace; }\n"
            + "  static void caught(List<String> trace, String tag, Throwable e) {"
            + " trace.add(tag + \" \" + e + \" cause \" + e.getCause()"
            + " + \" suppressed \" + Arrays.toString(e.getSuppressed())); }\n"
            + TYPES + MEMBERS;

    /** The awaitables as the coroutine twin sees them: futures done or failed already, coroutines that suspend. */
    static final String ASYNC_HELPERS = COMMON + FuzzAsyncStatements.ASYNC
            + "  static Future<Integer> now(int x) { Future<Integer> f = getRunningLoop().createFuture();"
            + " f.setResult(x); return f; }\n"
            + "  static Future<Integer> failed(int x) { Future<Integer> f = getRunningLoop().createFuture();"
            + " f.setException(new UnsupportedOperationException(\"failed\" + x)); return f; }\n"
            + "  static Future<Boolean> nowB(boolean b) { Future<Boolean> f = getRunningLoop().createFuture();"
            + " f.setResult(b); return f; }\n"
            + "  static Coroutine<Integer> later(int x) { return PAsync.laterImpl(x); }\n"
            + "  static Coroutine<Integer> yieldThen(int x) { return PAsync.yieldImpl(x); }\n"
            + "  static Coroutine<Integer> direct(int x) { return PAsync.directImpl(x); }\n"
            + "  static Coroutine<Boolean> laterB(boolean b) { return PAsync.laterBImpl(b); }\n"
            + "  static Coroutine<Integer> boom(int x) { return PAsync.boomImpl(x); }\n"
            + "  static Coroutine<Integer> boomNow(int x) { return PAsync.boomNowImpl(x); }\n"
            + "  static Coroutine<Integer> checkedBoom(int x) { return PAsync.checkedBoomImpl(x); }\n"
            + "  static Coroutine<Object> obj(int x) { return PAsync.objImpl(x); }\n"
            + "  static Coroutine<RuntimeException> excLater(int x) { return PAsync.excLaterImpl(x); }\n"
            + "  static <T> Future<T> nowV(T x) { Future<T> f = getRunningLoop().createFuture(); f.setResult(x);"
            + " return f; }\n"
            + "  static <T> Coroutine<T> laterV(T x) { return PAsync.laterVImpl(x); }\n"
            + "  @Async static <T> T laterVImpl(T x) { await(sleep(0.5)); return x; }\n"
            + "  static <T> Coroutine<T> applyTo(int x, java.util.function.Function<Integer, Coroutine<T>> f) {"
            + " return f.apply(x); }\n"
            + "  static Coroutine<Res> openLater(List<String> trace, int id, int mode) {"
            + " return PAsync.openLaterImpl(trace, id, mode); }\n"
            // Two frame-less levels when awaited directly: laterImpl awaits afterSleep, which suspends.
            + "  @Async static int laterImpl(int x) { return await(PAsync.afterSleep(x, 0.5)); }\n"
            + "  @Async static int afterSleep(int x, double seconds) { await(sleep(seconds)); return x; }\n"
            + "  @Async static int yieldImpl(int x) { await(sleep(0)); return x; }\n"
            + "  @Async static int directImpl(int x) { return x; }\n"
            + "  @Async static boolean laterBImpl(boolean b) { await(sleep(0.25)); return b; }\n"
            + "  @Async static int boomImpl(int x) { await(sleep(0.25)); throw new IllegalStateException(\"boom\" + x);"
            + " }\n"
            + "  @Async static int boomNowImpl(int x) { throw new IllegalArgumentException(\"boomNow\" + x); }\n"
            + "  @Async static int checkedBoomImpl(int x) throws IOException { await(sleep(0.25));"
            + " throw new IOException(\"checked\" + x); }\n"
            + "  @Async static Object objImpl(int x) { await(sleep(0)); if (x % 2 == 0) { return x; }"
            + " return \"s\" + x; }\n"
            + "  @Async static RuntimeException excLaterImpl(int x) { await(sleep(0.1)); if (x % 2 == 0) {"
            + " return new IllegalStateException(\"exc\" + x); } return new IllegalArgumentException(\"exc\" + x); }\n"
            + "  @Async static Res openLaterImpl(List<String> trace, int id, int mode) { await(sleep(0.1));"
            + " return open(trace, id, mode); }\n";

    /**
     * The same awaitables when {@code await} returns its argument. {@code checkedBoom} declares its
     * {@code IOException} honestly; the plain methods declare {@code throws Exception}, and bodies catch it as
     * {@code Exception}, which the template accepts too (javac sees no checked exception from {@code await}).
     */
    static final String PLAIN_HELPERS = COMMON + FuzzAsyncStatements.PLAIN
            + "  static <T> T await(T value) { return value; }\n"
            + "  static <T, X extends Throwable> T await(T value, Class<X> mayThrow) throws X { return value; }\n"
            + "  static int now(int x) { return x; }\n"
            + "  static int failed(int x) { throw new UnsupportedOperationException(\"failed\" + x); }\n"
            + "  static boolean nowB(boolean b) { return b; }\n"
            + "  static int later(int x) { return x; }\n"
            + "  static int yieldThen(int x) { return x; }\n"
            + "  static int direct(int x) { return x; }\n"
            + "  static boolean laterB(boolean b) { return b; }\n"
            + "  static int boom(int x) { throw new IllegalStateException(\"boom\" + x); }\n"
            + "  static int boomNow(int x) { throw new IllegalArgumentException(\"boomNow\" + x); }\n"
            + "  static int checkedBoom(int x) throws IOException { throw new IOException(\"checked\" + x); }\n"
            + "  static Object obj(int x) { if (x % 2 == 0) { return x; } return \"s\" + x; }\n"
            + "  static RuntimeException excLater(int x) { if (x % 2 == 0) {"
            + " return new IllegalStateException(\"exc\" + x); } return new IllegalArgumentException(\"exc\" + x); }\n"
            + "  static Res openLater(List<String> trace, int id, int mode) { return open(trace, id, mode); }\n"
            + "  static <T> T nowV(T x) { return x; }\n"
            + "  static <T> T laterV(T x) { return x; }\n"
            // an async lambda as a lazy Callable: it runs when awaited, as the coroutine does
            + "  static final class Lazy<T> { private final java.util.concurrent.Callable<T> body;"
            + " Lazy(java.util.concurrent.Callable<T> body) { this.body = body; }"
            + " T run() { try { return body.call(); } catch (RuntimeException e) { throw e; }"
            + " catch (Exception e) { throw new IllegalStateException(e); } } }\n"
            + "  static <T> Lazy<T> async(java.util.concurrent.Callable<T> body) { return new Lazy<>(body); }\n"
            + "  static <T> T await(Lazy<T> lazy) { return lazy.run(); }\n"
            // a one-parameter async lambda as a function that gives a new lazy Callable per call
            + "  interface LazyFn<P, T> { T apply(P p) throws Exception; }\n"
            + "  static <P, T> java.util.function.Function<P, Lazy<T>> async(LazyFn<P, T> body) {"
            + " return p -> new Lazy<>(() -> body.apply(p)); }\n"
            + "  static <T> Lazy<T> applyTo(int x, java.util.function.Function<Integer, Lazy<T>> f) {"
            + " return f.apply(x); }\n"
            + FuzzGenerators.PLAIN;

    /**
     * The companion entries a body may name itself ({@code await(PAsync.laterImpl(x))}, see
     * {@link FuzzFeature#VAR_WITH_COMPANIONS}) when {@code await} returns its argument: a second class in the plain
     * twin's file, standing in for the class the processor generates for the coroutine twin.
     */
    static final String PLAIN_COMPANION = "final class PAsync {\n"
            + "  static int laterImpl(int x) { return x; }\n"
            + "  static int directImpl(int x) { return x; }\n"
            + "  static <T> T laterVImpl(T x) { return x; }\n"
            + "}\n";

}
