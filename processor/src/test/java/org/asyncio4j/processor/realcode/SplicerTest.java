package org.asyncio4j.processor.realcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The splicer on a small hand-written class: where awaits may go, how wraps nest, and what a copy rewrites. */
class SplicerTest {
    private static final String SOURCE = """
            package lib;
            public class Text {
                private final String sep = ",";
                public static String join(int n, String word) {
                    if (n > 0) {
                        return repeat(word, n);
                    }
                    Runnable r = () -> System.out.println(word);
                    synchronized (Text.class) {
                        n++;
                    }
                    return "";
                }
                public static String repeat(String s, int n) { return s.repeat(n); }
                public String pair(String a) { return this.sep + a + sep + size(); }
                public int size() { return 2; }
                private static final int LIMIT = 3;
                private static int counter;
                private static int clamp(int n) { return Math.min(n, LIMIT); }
                public static int use(int n) { return clamp(n) + repeat("", n).length(); }
                public static int count() { return counter++; }
            }
            """;

    private static MethodSite method(String name) {
        return SourceReader.methods(Library.LANG3, List.of(JavaFileObjects.forSourceString("lib.Text", SOURCE)))
                .stream().filter(site -> site.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sites_avoidLambdasSynchronizedAndAssignmentTargets() {
        MethodSite join = method("join");
        List<String> sites = SpliceScanner.scan(join).sites().stream()
                .map(site -> site.kind() + " " + join.source().substring(site.start(),
                        site.kind() == SpliceSite.Kind.STATEMENT ? site.start() + 6 : site.end()))
                .collect(Collectors.toList());
        assertEquals(List.of("STATEMENT if (n ", "STATEMENT Runnab", "STATEMENT synchr", "STATEMENT return",
                "CONDITION n > 0", "LOCAL_READ n", "STATEMENT return", "RETURN_VALUE repeat(word, n)",
                "LOCAL_READ word", "LOCAL_READ n", "RETURN_VALUE \"\""), sites);
    }

    @Test
    void wrapsNest_andPrimitiveReadsAreCastBack() {
        MethodSite join = method("join");
        List<SpliceSite> sites = SpliceScanner.scan(join).sites();
        Splicer.Spliced spliced = Splicer.build(join, List.of(
                new Splicer.Choice(sites.get(7), "later"),     // return repeat(word, n)
                new Splicer.Choice(sites.get(9), "now"),       // n, inside it
                new Splicer.Choice(sites.get(6), "pause")));   // before that return
        assertTrue(spliced.body().contains("await(Splice.pause(0)); return (await(Splice.later("
                + "Text.repeat(word, ((int) await(Splice.now(n)))))));"), spliced.body());
    }

    @Test
    void instanceMethodCopy_readsTheReceiversFieldsAndCallsThroughIt() {
        MethodSite pair = method("pair");
        String body = Splicer.build(pair, List.of()).body();
        assertEquals("{ return self.sep + a + self.sep + self.size(); }", body);
        String twin = TwinWriter.twin(pair, 3, body, true);
        assertTrue(twin.contains("@org.asyncio4j.Async\n  static String twin(Text self, String a)"), twin);
        assertTrue(twin.contains("import lib.Text;") && twin.contains("import static lib.Text.*;"), twin);
    }

    @Test
    void privateStaticHelpersAndConstants_areCopiedIntoTheTwin_mutableStaticsAreNot() {
        MethodSite use = method("use");
        String twin = TwinWriter.twin(use, 1, Splicer.build(use, List.of()).body(), false);
        assertTrue(twin.contains("{ return clamp(n) + Text.repeat(\"\", n).length(); }"), twin);
        // In the original class's order, which is also the order static initializers run in.
        assertTrue(twin.contains("  private static final int LIMIT = 3;\n"
                + "  private static int clamp(int n) { return Math.min(n, LIMIT); }\n}"), twin);
        assertEquals(Set.of(), CopiedMembers.of(method("count")).names());
    }

    @Test
    void knownBugShapes_areRecognized() {
        assertEquals(Set.of(), KnownBug.parse("none"));
        assertEquals(Set.of(KnownBug.PATTERN_BINDING, KnownBug.ECJ_CRASH),
                KnownBug.parse("pattern_binding, ECJ_CRASH"));
    }
}
