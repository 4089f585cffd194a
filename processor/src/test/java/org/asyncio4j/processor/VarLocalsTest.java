package org.asyncio4j.processor;

import org.asyncio4j.processor.lower.WitnessedLocals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code var} locals that live across an await and whose initializer calls a companion generated in the same build,
 * in any position: javac cannot type them while the processor runs, so they are typed by their initializer where
 * they are read ({@link WitnessedLocals}).
 */
class VarLocalsTest {
    private static final String PRELUDE = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.*;\n"
            + "import java.util.function.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n";
    private static final String HELPERS =
            "@Async static int num(List<String> log, int n) { await(sleep(1)); log.add(\"n\" + n); return n; }\n"
            + "@Async static <T> List<T> twice(List<String> log, T t) { await(sleep(1)); log.add(\"twice\"); "
            + "return List.of(t, t); }\n"
            + "static int f(int a, int b, int c) { return 100 * a + 10 * b + c; }\n";
    private static final String OTHER = "package demo;\n"
            + "import org.asyncio4j.*;\n"
            + "import static org.asyncio4j.Asyncio.*;\n"
            + "class Other { @Async static StringBuilder builder(String s) { await(sleep(1)); "
            + "return new StringBuilder(s); } }\n";

    private static Harness.Compiled compile(String body) {
        return Harness.compileClean(PRELUDE + "class Demo {\n" + HELPERS + body + "\n}\n", OTHER);
    }

    @Test
    void varOfACallWithAnAwaitedArgument_livesAcrossAwaits_withItsType() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, int t) {\n"
                + "  var v = f(t, await(DemoAsync.num(log, 2)), 3);\n"
                + "  await(sleep(1));\n"
                + "  v += 1000;\n"
                + "  v++;\n"
                + "  --v;\n"
                + "  var b = await(OtherAsync.builder(\"x\")).append('>').append(await(DemoAsync.num(log, 7)));\n"
                + "  await(sleep(1));\n"
                + "  return (v - 1000) + \" \" + Integer.toHexString(v) + \" \" + b.length() + b;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("123 463 3x>7", demo.run("demo.DemoAsync", "run", log, 1));
        assertEquals(List.of("n2", "n7"), log);
    }

    @Test
    void varsOfGenericCallsConditionalsAndSwitchExpressions_areTypedByTheirInitializers() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, int t, boolean flag) {\n"
                + "  var list = List.of(t, await(DemoAsync.num(log, 4)));\n"
                + "  var pair = await(DemoAsync.twice(log, \"x\"));\n"
                + "  var first = list.get(0) + pair.get(1).length();\n"
                + "  var chosen = flag ? await(DemoAsync.num(log, 5)) : list.get(1);\n"
                + "  var named = switch (t) { case 1 -> \"one\" + await(DemoAsync.num(log, 1)); default -> \"other\"; };\n"
                + "  var coroutine = DemoAsync.num(log, 9);\n"
                + "  var sum = await(coroutine) + first;\n"
                + "  await(sleep(1));\n"
                + "  named += \"!\";\n"
                + "  Supplier<String> later = () -> \"+\" + sum;\n"
                + "  return list + \" \" + pair + \" \" + first + \" \" + chosen + \" \" + named + later.get() + \" \""
                + " + (list.get(1) + chosen);\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("[1, 4] [x, x] 2 5 one1!+11 9", demo.run("demo.DemoAsync", "run", log, 1, true));
        assertEquals(List.of("n4", "twice", "n5", "n1", "n9"), log);
    }

    @Test
    void varReassignedInALoop_keepsItsType() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static long run(List<String> log) {\n"
                + "  var total = 0L + await(DemoAsync.num(log, 1));\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    total = total * 10 + await(DemoAsync.num(log, i));\n"
                + "  }\n"
                + "  return total;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals(1012L, demo.run("demo.DemoAsync", "run", log));
    }

    @Test
    void varsOfForEachLoopsResourcesSwitchesAndArrays_areTypedByWhatDeclaresThem() throws Throwable {
        Harness.Compiled demo = compile(
                "static java.io.StringReader open(String s) { return new java.io.StringReader(s); }\n"
                + "@Async static String run(List<String> log) throws Exception {\n"
                + "  String out = \"\";\n"
                + "  for (var word : await(DemoAsync.twice(log, \"ab\"))) { await(sleep(1)); out += word.length(); }\n"
                + "  for (var n : new int[] {await(DemoAsync.num(log, 3))}) { await(sleep(1)); out += n + 1; }\n"
                + "  try (var reader = open(\"r\" + await(DemoAsync.num(log, 1)))) {\n"
                + "    await(sleep(1));\n"
                + "    out += (char) reader.read();\n"
                + "  }\n"
                + "  var key = \"k\" + await(DemoAsync.num(log, 2));\n"
                + "  await(sleep(1));\n"
                + "  switch (key) { case \"k2\": out += \"!\"; break; default: out += \"?\"; }\n"
                + "  var counts = new long[await(DemoAsync.num(log, 2))];\n"
                + "  await(sleep(1));\n"
                + "  counts[1] += 5;\n"
                + "  counts[0]++;\n"
                + "  return out + counts[0] + counts[1] + counts.length;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("224r!152", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("twice", "n3", "n1", "n2", "n2"), log);
    }

    @Test
    void chainsOfVarsReadingEachOtherTwice_giveWitnessesThatGrowWithTheChain_notWithItsPaths() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static int run(List<String> log) {\n"
                + "  var a = f(0, 0, await(DemoAsync.num(log, 1)));\n"
                + "  var b = a + a;\n"
                + "  var c = b + b;\n"
                + "  var d = c + c;\n"
                + "  var e = d + d;\n"
                + "  var g = e + e;\n"
                + "  var h = g + g;\n"
                + "  var i = h + h;\n"
                + "  await(sleep(1));\n"
                + "  return i + a;\n"
                + "}");
        assertEquals(129, demo.run("demo.DemoAsync", "run", new ArrayList<String>()));
        String generated = demo.generated("demo.DemoAsync");
        // reading `i` copies each initializer once: 8 declarations, not 2^7 copies of `a`'s
        assertEquals(true, generated.length() < 20_000, () -> generated.length() + " characters");
    }

    @Test
    void varsOfIntersectionTypes_areTypedByTheirInitializers() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, boolean flag) {\n"
                + "  var x = flag ? 1 : \"s\";\n"
                + "  var both = flag ? new ArrayList<String>() : new LinkedList<String>();\n"
                + "  await(DemoAsync.num(log, 1));\n"
                + "  both.add(\"b\" + x.toString().length());\n"
                + "  return x + \" \" + both + \" \" + both.getClass().getSimpleName();\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("1 [b1] ArrayList", demo.run("demo.DemoAsync", "run", log, true));
    }

    @Test
    void postfixIncrementsOfWitnessedVars_usedAsValues_giveTheOldValue_unboxed() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  var v = 1000 + await(DemoAsync.num(log, 1));\n"
                + "  var w = 1000 + await(DemoAsync.num(log, 1));\n"
                + "  var c = (char) ('a' + await(DemoAsync.num(log, 0)));\n"
                + "  await(sleep(1));\n"
                + "  int old = v++;\n"
                + "  boolean same = v-- == w++;\n"
                + "  char letter = c++;\n"
                + "  return old + \" \" + v + \" \" + w + \" \" + same + \" \" + letter + c + \" \" + (v++ + await(DemoAsync.num(log, 5)));\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("1001 1001 1002 false ab 1006", demo.run("demo.DemoAsync", "run", log));
    }

    /**
     * An update of a {@code var} local ({@code --v}, {@code v += e}, {@code ++v}) used as a value before an await is
     * saved there and read back after it, never run again (found by the fuzzer: {@code --v - await(..)} decremented
     * twice).
     */
    @Test
    void anUpdateOfAVarUsedAsAValueBeforeAnAwait_runsOnce() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log) {\n"
                + "  int n = 9;\n"
                + "  var v = (--n - await(DemoAsync.num(log, 0)));\n"
                + "  int a = --v - await(DemoAsync.num(log, -2));\n"
                + "  int b = (v += 10) * await(DemoAsync.num(log, 1));\n"
                + "  int c = ++v + await(DemoAsync.num(log, 0)) + v;\n"
                + "  return n + \" \" + v + \" \" + a + \" \" + b + \" \" + c;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("8 18 9 17 36", demo.run("demo.DemoAsync", "run", log));
        assertEquals(List.of("n0", "n-2", "n1", "n0"), log);
    }

    /**
     * A {@code var} declared by an await of a generic companion of this build, read only before the next await (a
     * plain local, not a frame field): declared typed like the awaited result (found by the 10,000-method fuzz run,
     * seed 3886: {@code o5.startsWith(..)} on an {@code Object}).
     */
    @Test
    void varOfAnAwaitedGenericCompanion_readBeforeTheNextAwait_hasItsType() throws Throwable {
        Harness.Compiled demo = compile(
                "@Async static String run(List<String> log, int k) {\n"
                + "  var pair = await(DemoAsync.twice(log, \"x\"));\n"
                + "  String out = pair.get(0) + pair.size();\n"
                + "  switch (k) {\n"
                + "    case 1: { var p2 = await(DemoAsync.twice(log, k)); out += p2.get(1) + 1; break; }\n"
                + "    default:\n"
                + "  }\n"
                + "  return out;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("x22", demo.run("demo.DemoAsync", "run", log, 1));
        assertEquals(List.of("twice", "twice"), log);
    }

    /**
     * A witnessed {@code var} read inside a value that is saved before a later await of its expression (a computed
     * receiver, an argument, at any depth, and inside a value read back through its own witness) is read through its
     * witness there too; and a {@code var} whose initializer calls a companion of this build is witnessed even when
     * javac gave it a type without the companion, which its inference may have made up (fuzz seed 1157:
     * {@code ArrayList<Object>} for {@code new ArrayList<>(await(nowV(List.of(switch .. -> await(PAsync..)))))}, so
     * {@code o3.get(0) - 1} did not compile).
     */
    @Test
    void witnessedVarReadInsideValuesSavedBeforeALaterAwait_isTypedThere() throws Throwable {
        Harness.Compiled demo = compile(
                "static List<String> via(List<String> log, String tag) { log.add(tag); return log; }\n"
                + "static int g(List<String> log, int x) { log.add(\"g\" + x); return x; }\n"
                + "static <T> T id(List<String> log, T x) { log.add(\"id\" + x); return x; }\n"
                + "@Async static String run(List<String> log, int t) {\n"
                + "  var o = new ArrayList<>(await(DemoAsync.twice(log, t)));\n"
                + "  var s = \"q\" + await(DemoAsync.num(log, 3));\n"
                + "  via(log, \"r\" + (o.get(0) - 1)).add(\"m\" + await(DemoAsync.num(log, 4)));\n"
                + "  log.add(\"d\" + g(log, o.get(1) + s.length()) + await(DemoAsync.num(log, 5)));\n"
                + "  log.add(\"e\" + Math.abs(g(log, Math.max(o.get(0), s.length()) * 2)) + \",\""
                + " + (await(DemoAsync.num(log, 6)) + o.size()));\n"
                + "  log.add(id(log, s + o.get(0)) + (o.get(1) + await(DemoAsync.num(log, 7))));\n"
                + "  id(log, o).add(await(DemoAsync.num(log, 8)) + o.get(0));\n"
                // javac typed this one ArrayList<Object> while the companion did not exist (seed 1157's shape)
                + "  var p = new ArrayList<>(await(java.util.concurrent.CompletableFuture.completedFuture(List.of("
                + "switch (t) { case 1 -> await(DemoAsync.num(log, 2)); default -> await(DemoAsync.num(log, 9)); }))));\n"
                + "  via(log, \"p\" + (p.get(0) - 1)).add(\"m\" + await(DemoAsync.num(log, 1)));\n"
                + "  return o + s + p;\n"
                + "}");
        List<String> log = new ArrayList<>();
        assertEquals("[1, 1, 9]q3[2]", demo.run("demo.DemoAsync", "run", log, 1));
        assertEquals(List.of("twice", "n3", "r0", "n4", "m4", "g3", "n5", "d35", "g4", "n6", "e4,8", "idq31", "n7",
                "q318", "id[1, 1]", "n8", "n2", "p1", "n1", "m1"), log);
    }
}
