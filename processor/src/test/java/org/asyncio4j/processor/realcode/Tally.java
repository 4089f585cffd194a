package org.asyncio4j.processor.realcode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per library: methods found, spliced, compiled, ran and agreed, every verdict and its reasons, and the full
 * report of each processor failure.
 */
final class Tally {
    /** The counts of one library. */
    static final class Counts {
        int found;
        int spliced;
        int compiled;
        int ran;
        int agreed;
        /** Of those that agreed, the instance methods (run on a receiver). */
        int agreedInstanceMethods;
        final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        /** Why methods were skipped or failed, by short reason (a javac code, a processor tag, a type). */
        final Map<String, Integer> reasons = new TreeMap<>();
        /** The first method of each reason that has an example, and its error: what a reader checks first. */
        final Map<String, String> examples = new TreeMap<>();
    }

    final Map<Library, Counts> byLibrary = new EnumMap<>(Library.class);
    /** Where the time went, in nanoseconds: parsing sources, compiling plain twins, async twins, running them. */
    long parsing;
    long plainCompiling;
    long asyncCompiling;
    long running;
    final List<String> failures = new ArrayList<>();

    Counts of(Library library) {
        return byLibrary.computeIfAbsent(library, l -> new Counts());
    }

    void record(Library library, Verdict verdict, String reason, String example) {
        record(library, verdict, reason);
        of(library).examples.putIfAbsent(verdict + " " + reason, example.replaceAll("\\s+", " "));
    }

    void record(Library library, Verdict verdict, String reason) {
        Counts counts = of(library);
        counts.verdicts.merge(verdict, 1, Integer::sum);
        if (reason != null) {
            counts.reasons.merge(verdict + " " + reason, 1, Integer::sum);
        }
    }

    int total(java.util.function.ToIntFunction<Counts> count) {
        return byLibrary.values().stream().mapToInt(count).sum();
    }

    /** The table the suite prints: one line per library and a total. */
    String table() {
        StringBuilder text = new StringBuilder(String.format("%-8s %7s %8s %9s %6s %7s %s%n", "library", "found",
                "spliced", "compiled", "ran", "agreed", "(instance methods)"));
        byLibrary.forEach((library, c) -> text.append(String.format("%-8s %7d %8d %9d %6d %7d (%d)%n",
                library.name().toLowerCase(java.util.Locale.ROOT), c.found, c.spliced, c.compiled, c.ran, c.agreed,
                c.agreedInstanceMethods)));
        text.append(String.format("%-8s %7d %8d %9d %6d %7d (%d)%n", "total", total(c -> c.found),
                total(c -> c.spliced), total(c -> c.compiled), total(c -> c.ran), total(c -> c.agreed),
                total(c -> c.agreedInstanceMethods)));
        text.append(String.format("time: parsing %.1f s, compiling plain twins %.1f s, async twins %.1f s,"
                + " running %.1f s%n",
                parsing / 1e9, plainCompiling / 1e9, asyncCompiling / 1e9, running / 1e9));
        byLibrary.forEach((library, c) -> {
            text.append(library.name().toLowerCase(java.util.Locale.ROOT)).append(" verdicts: ").append(c.verdicts)
                    .append('\n');
            c.reasons.forEach((reason, n) -> text.append(String.format("  %5d  %s%s%n", n, reason,
                    c.examples.containsKey(reason) ? "\n           e.g. " + c.examples.get(reason) : "")));
        });
        return text.toString();
    }
}
