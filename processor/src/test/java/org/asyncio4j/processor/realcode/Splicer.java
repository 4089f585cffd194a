package org.asyncio4j.processor.realcode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Makes the body of a twin: the method's body with awaits spliced in at random places ({@link SpliceScanner} finds
 * them), plus the edits any copy needs to mean what the original meant ({@link SpliceScanner#qualifications}).
 *
 * <p>Each await is of a {@code Splice} helper (see {@link TwinWriter}) chosen at random: a future that is already done
 * ({@code now}), one completed by a later loop callback, so the coroutine really suspends ({@code later}), or a
 * coroutine that sleeps first ({@code pause}). In the plain twin all three and {@code await} return their argument,
 * so the plain twin shows what the splice itself changed (boxing, typing), and the coroutine must match it.
 */
final class Splicer {
    /** How many awaits a twin gets at most. */
    static final int MAX_AWAITS = 4;

    /** {@code FULL} uses every kind of place; {@code STATEMENTS_ONLY} is the fallback that always type-checks. */
    enum Mode { FULL, STATEMENTS_ONLY }

    /** A twin's body and how it was made, for reports. */
    record Spliced(String body, List<String> splices, List<SpliceSite> sites) {}

    private Splicer() {}

    static Spliced splice(MethodSite site, Random random, Mode mode, Set<KnownBug> avoided) {
        SpliceScanner scanner = SpliceScanner.scan(site);
        List<SpliceSite> candidates = new ArrayList<>();
        for (SpliceSite candidate : scanner.sites()) {
            if ((mode == Mode.FULL || candidate.kind() == SpliceSite.Kind.STATEMENT)
                    && avoided.stream().noneMatch(bug -> bug.matchesSplice(site, candidate))) {
                candidates.add(candidate);
            }
        }
        List<Insertion> insertions = new ArrayList<>(scanner.qualifications());
        List<String> descriptions = new ArrayList<>();
        List<SpliceSite> chosenSites = new ArrayList<>();
        int count = candidates.isEmpty() ? 0 : 1 + random.nextInt(Math.min(MAX_AWAITS, candidates.size()));
        for (int i = 0; i < count; i++) {
            SpliceSite chosen = candidates.remove(random.nextInt(candidates.size()));
            chosenSites.add(chosen);
            String helper = HELPERS[random.nextInt(HELPERS.length)];
            descriptions.add(chosen.kind() + " " + helper + " at " + site.unit().getLineMap()
                    .getLineNumber(chosen.start()));
            if (chosen.kind() == SpliceSite.Kind.STATEMENT) {
                // A statement opens before anything else that starts there (a call qualified by the copy, a wrap).
                insertions.add(new Insertion(chosen.start(), Integer.MAX_VALUE / 2, "await(Splice." + helper + "(0)); "));
            } else {
                String cast = chosen.primitive() == null ? "" : "(" + chosen.primitive() + ") ";
                insertions.add(new Insertion(chosen.start(), chosen.end() - chosen.start(),
                        "(" + cast + "await(Splice." + helper + "("));
                insertions.add(new Insertion(chosen.end(), -(chosen.end() - chosen.start()), ")))"));
            }
        }
        return new Spliced(apply(site, insertions), descriptions, chosenSites);
    }

    private static final String[] HELPERS = {"now", "later", "pause"};

    /**
     * Text put at one position of the compilation unit. At one position, the text of a longer range opens first and
     * closes last, so wraps nest: {@code order} is the range's length for an opening, minus it for a closing.
     */
    record Insertion(int position, int order, String text) {}

    private static String apply(MethodSite site, List<Insertion> insertions) {
        int bodyStart = site.start(site.method().getBody());
        int bodyEnd = site.end(site.method().getBody());
        List<Insertion> sorted = new ArrayList<>(insertions);
        // Closings before openings at one position; longer openings first, shorter closings first.
        sorted.sort(Comparator.comparingInt(Insertion::position)
                .thenComparing(insertion -> insertion.order() >= 0)
                .thenComparing(insertion -> -Math.abs(insertion.order()) * (insertion.order() >= 0 ? 1 : -1)));
        StringBuilder body = new StringBuilder();
        int copied = bodyStart;
        for (Insertion insertion : sorted) {
            body.append(site.source(), copied, insertion.position()).append(insertion.text());
            copied = insertion.position();
        }
        return body.append(site.source(), copied, bodyEnd).toString();
    }
}
