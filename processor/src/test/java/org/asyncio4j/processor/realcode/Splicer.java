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
    record Spliced(String body, List<Choice> choices) {}

    private Splicer() {}

    /** The {@code Splice} helpers: a done future, one done by a later callback, a coroutine that sleeps first. */
    private static final String[] HELPERS = {"now", "later", "pause"};

    /** One await to splice: where, and which helper it awaits. */
    record Choice(SpliceSite site, String helper) {
        @Override
        public String toString() {
            return site.kind() + " " + helper + " at line " + site.line();
        }
    }

    static Spliced splice(MethodSite site, Random random, Mode mode, Set<KnownBug> avoided) {
        List<SpliceSite> candidates = new ArrayList<>();
        for (SpliceSite candidate : SpliceScanner.scan(site).sites()) {
            if ((mode == Mode.FULL || candidate.kind() == SpliceSite.Kind.STATEMENT)
                    && avoided.stream().noneMatch(bug -> bug.matchesSplice(site, candidate))) {
                candidates.add(candidate);
            }
        }
        List<Choice> choices = new ArrayList<>();
        int count = candidates.isEmpty() ? 0 : 1 + random.nextInt(Math.min(MAX_AWAITS, candidates.size()));
        for (int i = 0; i < count; i++) {
            choices.add(new Choice(candidates.remove(random.nextInt(candidates.size())),
                    HELPERS[random.nextInt(HELPERS.length)]));
        }
        return build(site, choices);
    }

    /** The body with exactly these awaits (and the qualifications every copy needs): for shrinking a failure. */
    static Spliced build(MethodSite site, List<Choice> choices) {
        List<Insertion> insertions = new ArrayList<>(SpliceScanner.scan(site).qualifications());
        for (Choice choice : choices) {
            SpliceSite chosen = choice.site();
            if (chosen.kind() == SpliceSite.Kind.STATEMENT) {
                // A statement opens before anything else that starts there (a call qualified by the copy, a wrap).
                insertions.add(new Insertion(chosen.start(), Integer.MAX_VALUE / 2,
                        "await(Splice." + choice.helper() + "(0)); "));
            } else {
                String cast = chosen.primitive() == null ? "" : "(" + chosen.primitive() + ") ";
                insertions.add(new Insertion(chosen.start(), chosen.end() - chosen.start(),
                        "(" + cast + "await(Splice." + choice.helper() + "("));
                insertions.add(new Insertion(chosen.end(), -(chosen.end() - chosen.start()), ")))"));
            }
        }
        return new Spliced(apply(site, insertions), List.copyOf(choices));
    }

    /**
     * Text put at one position of the compilation unit. At one position, the text of a longer range opens first and
     * closes last, so wraps nest: {@code order} is the range's length for an opening, minus it for a closing.
     * {@code replaced} source characters after the position are left out ({@code this} becoming {@code self}).
     */
    record Insertion(int position, int order, String text, int replaced) {
        Insertion(int position, int order, String text) {
            this(position, order, text, 0);
        }
    }

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
            copied = insertion.position() + insertion.replaced();
        }
        return body.append(site.source(), copied, bodyEnd).toString();
    }
}
