package org.asyncio4j.processor.realcode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks sampled library methods in chunks: splice ({@link Splicer}), compile the plain twins and then the async
 * twins ({@link TwinCompiler}), and run each method's versions ({@link TwinComparison}), giving every method one
 * {@link Verdict} in the {@link Tally}. Processor failures are shrunk to one await where one suffices.
 *
 * <p>A body whose fully spliced plain twin does not compile is spliced again with awaits between statements only,
 * which cannot break typing; if that does not compile either, the body does not work outside its class.
 */
final class RealCodeRun implements AutoCloseable {
    private static final int CHUNK = 150;
    /** Shrinking costs two compilations per try: only so many failures are shrunk per run. */
    private static final int SHRINK_LIMIT = 20;

    private final long seed;
    private final Set<KnownBug> avoided;
    private final Tally tally;
    private final TwinComparison comparison;
    private int shrunk;

    RealCodeRun(long seed, int inputsPerMethod, Set<KnownBug> avoided, Tally tally) {
        this.seed = seed;
        this.avoided = avoided;
        this.tally = tally;
        this.comparison = new TwinComparison(seed, inputsPerMethod);
    }

    @Override
    public void close() {
        comparison.close();
    }

    /** One method on its way through the run. */
    private static final class Twin {
        final MethodSite site;
        Splicer.Spliced spliced;
        ClassLoader plainLoader;

        Twin(MethodSite site, Splicer.Spliced spliced) {
            this.site = site;
            this.spliced = spliced;
        }

        String source(int index, boolean async) {
            return TwinWriter.twin(site, index, spliced.body(), async);
        }
    }

    void check(Library library, List<MethodSite> sample) {
        for (int start = 0; start < sample.size(); start += CHUNK) {
            checkChunk(library, sample.subList(start, Math.min(sample.size(), start + CHUNK)));
            Tally.Counts counts = tally.of(library);
            // Progress for long runs: a full run takes many minutes.
            System.out.printf("realcode: %s %d/%d sampled: %d spliced, %d agreed, %d processor failures%n",
                    library, Math.min(sample.size(), start + CHUNK), sample.size(), counts.spliced, counts.agreed,
                    tally.failures.size());
        }
    }

    private void checkChunk(Library library, List<MethodSite> sites) {
        Map<Integer, Twin> twins = new LinkedHashMap<>();
        for (MethodSite site : sites) {
            KnownBug avoid = avoided.stream().filter(bug -> bug.matchesMethod(site)).findFirst().orElse(null);
            if (avoid != null) {
                tally.record(library, Verdict.AVOIDED, avoid.name());
                continue;
            }
            twins.put(twins.size(), new Twin(site, null));
        }
        Map<Integer, Twin> extracted = extract(library, twins);
        Tally.Counts counts = tally.of(library);
        counts.spliced += extracted.size();
        Map<Integer, TwinComparison.Judgement> judgements = judge(extracted);
        judgements.forEach((index, judgement) -> {
            Verdict verdict = judgement.verdict();
            counts.compiled += verdict == Verdict.REJECTED || verdict == Verdict.BROKEN_OUTPUT
                    || verdict == Verdict.DOCUMENTED_RESTRICTION ? 0 : 1;
            counts.ran += verdict == Verdict.MISMATCH || verdict == Verdict.SPLICE_CHANGED_MEANING
                    || verdict == Verdict.AGREED ? 1 : 0;
            counts.agreed += verdict == Verdict.AGREED ? 1 : 0;
            counts.agreedInstanceMethods += verdict == Verdict.AGREED && !extracted.get(index).site.isStatic() ? 1 : 0;
            if (verdict.failure) {
                fail(library, extracted.get(index), index, judgement);
            } else {
                tally.record(library, verdict, judgement.detail());
            }
        });
    }

    /**
     * Splices every twin and compiles the plain twins, falling back to statement awaits; returns those whose plain
     * twin compiled (each with its loader) and records the rest as not extractable.
     */
    private Map<Integer, Twin> extract(Library library, Map<Integer, Twin> twins) {
        Map<Integer, Twin> compiled = new LinkedHashMap<>();
        Map<Integer, Twin> pending = new LinkedHashMap<>(twins);
        Map<Integer, String> lastErrors = Map.of();
        for (Splicer.Mode mode : Splicer.Mode.values()) {
            pending.values().forEach(twin -> twin.spliced = Splicer.splice(twin.site,
                    new Random(seed ^ twin.site.describe().hashCode()), mode, avoided));
            lastErrors = compilePlain(pending);
            pending.forEach((index, twin) -> {
                if (twin.plainLoader != null) {
                    compiled.put(index, twin);
                }
            });
            pending.keySet().retainAll(lastErrors.keySet());
            // Awaits between statements cannot make a private or unknown member visible: no second try for those.
            Map<Integer, String> errors = lastErrors;
            pending.keySet().removeIf(index -> {
                String code = javacCode(errors.get(index));
                if (code.startsWith("report.access") || code.startsWith("not.def.public")
                        || code.startsWith("cant.resolve")) {
                    tally.record(library, Verdict.NOT_EXTRACTABLE, code, twins.get(index).site.describe() + ": "
                            + errors.get(index));
                    return true;
                }
                return false;
            });
        }
        for (Map.Entry<Integer, Twin> entry : pending.entrySet()) {
            tally.record(library, Verdict.NOT_EXTRACTABLE, javacCode(lastErrors.get(entry.getKey())),
                    entry.getValue().site.describe() + ": " + lastErrors.get(entry.getKey()));
        }
        return compiled;
    }

    /** Compiles the plain twins, giving each that compiled its loader; returns the errors of the others. */
    private Map<Integer, String> compilePlain(Map<Integer, Twin> twins) {
        Map<Integer, String> sources = new LinkedHashMap<>();
        twins.forEach((index, twin) -> sources.put(index, twin.source(index, false)));
        long compiling = System.nanoTime();
        TwinCompiler.Result plain = TwinCompiler.compile(sources, false);
        tally.plainCompiling += System.nanoTime() - compiling;
        twins.forEach((index, twin) -> twin.plainLoader = plain.errors().containsKey(index) ? null : plain.loader());
        return plain.errors();
    }

    /** Compiles the async twins through the processor and runs those that compiled: a judgement for each twin. */
    private Map<Integer, TwinComparison.Judgement> judge(Map<Integer, Twin> twins) {
        Map<Integer, String> sources = new LinkedHashMap<>();
        twins.forEach((index, twin) -> sources.put(index, twin.source(index, true)));
        long compiling = System.nanoTime();
        TwinCompiler.Result async = TwinCompiler.compile(sources, true);
        tally.asyncCompiling += System.nanoTime() - compiling;
        long running = System.nanoTime();
        Map<Integer, TwinComparison.Judgement> judgements = new LinkedHashMap<>();
        twins.forEach((index, twin) -> {
            String error = async.errors().get(index);
            if (error == null) {
                judgements.put(index, comparison.judge(twin.site, index, twin.plainLoader, async.loader()));
            } else if (error.contains("[compiler.err.proc.messager]")) {
                boolean documented = Verdict.DOCUMENTED_RESTRICTIONS.contains(tag(error));
                judgements.put(index, documented ? new TwinComparison.Judgement(Verdict.DOCUMENTED_RESTRICTION,
                        tag(error)) : new TwinComparison.Judgement(Verdict.REJECTED, error));
            } else {
                judgements.put(index, new TwinComparison.Judgement(Verdict.BROKEN_OUTPUT, error));
            }
        });
        tally.running += System.nanoTime() - running;
        return judgements;
    }

    private void fail(Library library, Twin twin, int index, TwinComparison.Judgement judgement) {
        String known = knownBugs(twin);
        String reason = judgement.verdict() == Verdict.REJECTED ? tag(judgement.detail())
                : judgement.verdict() == Verdict.BROKEN_OUTPUT ? judgement.detail().replaceFirst("(?s)^.*?\\[", "[")
                        .replaceFirst("(?s)\n.*", "") : null;
        tally.record(library, judgement.verdict(), known.isEmpty() ? reason : "shape of known bug " + known);
        String report = judgement.verdict() + (known.isEmpty() ? "" : " (shape of known bug " + known + ")")
                + " (seed " + seed + ") " + twin.site.describe() + "\n" + judgement.detail()
                + "\nsplices: " + twin.spliced.choices() + "\nasync twin:\n" + twin.source(index, true);
        String smaller = known.isEmpty() && shrunk++ < SHRINK_LIMIT ? shrink(twin, judgement.verdict()) : null;
        String full = smaller == null ? report : report + "\nshrunk to one await, it fails the same way:\n" + smaller;
        tally.failures.add(full);
        System.out.println("realcode: processor failure\n" + full);   // at once: a long run may be stopped early
    }

    /**
     * The twin with fewer awaits that fails the same way: none at all, or each chosen await alone, in that order.
     * Null if every smaller twin behaves, or if the failure needs more than one await.
     */
    private String shrink(Twin twin, Verdict verdict) {
        List<Splicer.Choice> choices = twin.spliced.choices();
        for (int i = -1; i < choices.size() && choices.size() > 1; i++) {
            Twin smaller = new Twin(twin.site, Splicer.build(twin.site, i < 0 ? List.of() : List.of(choices.get(i))));
            Map<Integer, Twin> one = Map.of(0, smaller);
            if (!compilePlain(one).isEmpty()) {
                continue;
            }
            TwinComparison.Judgement judgement = judge(one).get(0);
            if (judgement.verdict() == verdict) {
                return "splices: " + smaller.spliced.choices() + "\n" + judgement.detail() + "\n"
                        + smaller.source(0, true);
            }
        }
        return null;
    }

    /** The known bugs whose shape the method or one of its splices has, as "A, B", or "" for none. */
    private static String knownBugs(Twin twin) {
        StringBuilder names = new StringBuilder();
        for (KnownBug bug : KnownBug.values()) {
            if (bug.matchesMethod(twin.site) || twin.spliced.choices().stream()
                    .anyMatch(choice -> bug.matchesSplice(twin.site, choice.site()))) {
                names.append(names.length() == 0 ? "" : ", ").append(bug.name());
            }
        }
        return names.toString();
    }

    private static final Pattern TAG = Pattern.compile("\\[([A-Z]\\w+)]");
    private static final Pattern JAVAC_CODE = Pattern.compile("\\[compiler\\.err\\.([\\w.]+)]");

    private static String tag(String error) {
        Matcher tag = TAG.matcher(error);
        return tag.find() ? tag.group(1) : error;
    }

    private static String javacCode(String error) {
        Matcher code = JAVAC_CODE.matcher(String.valueOf(error));
        return code.find() ? code.group(1) : String.valueOf(error);
    }
}
