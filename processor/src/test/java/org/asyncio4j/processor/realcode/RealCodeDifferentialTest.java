package org.asyncio4j.processor.realcode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The real-code differential suite (#13): methods of real libraries nobody here wrote (commons-lang3, commons-codec,
 * commons-text, commons-collections4, Guava), static and instance ones, copied into twins with awaits spliced in at random, compiled through the
 * processor and run as coroutines on the event loop against the untouched library method and a plain copy, on
 * generated arguments. Result, exception, and the arguments and receiver afterwards must agree.
 *
 * <p>The CI batch samples {@code realcode.count} methods per library with a fixed seed. On demand, any count
 * (0 = all of them), seed, number of inputs per method, libraries, and known bugs to avoid:
 * {@code mvn -B -pl runtime,processor test -Dtest=RealCodeDifferentialTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drealcode.count=0 -Drealcode.seed=7 -Drealcode.inputs=12 -Drealcode.libraries=lang3,codec,text,collections4,guava
 * -Drealcode.avoid=none}. Every processor failure is printed with its seed, library, method, splices and twin.
 */
class RealCodeDifferentialTest {
    /**
     * Known bugs the CI batch avoids until their fixes are merged: none now (#13's are fixed). A bug found later whose
     * fix is under way goes here by its {@link KnownBug} name, so the batch measures the rest meanwhile.
     */
    static final String AVOIDED_UNTIL_FIXED = "";

    @Test
    void realLibraryMethods_runAsCoroutinesLikeTheOriginals() {
        int count = Integer.getInteger("realcode.count", 1000);
        long seed = Long.getLong("realcode.seed", 20261206L);
        int inputs = Integer.getInteger("realcode.inputs", 6);
        Set<KnownBug> avoided = KnownBug.parse(System.getProperty("realcode.avoid", AVOIDED_UNTIL_FIXED));
        long started = System.nanoTime();
        long cpu = processCpuNanos();
        Tally tally = new Tally();
        try (RealCodeRun run = new RealCodeRun(seed, inputs, avoided, tally)) {
            for (Library library : Library.parse(System.getProperty("realcode.libraries"))) {
                long parsing = System.nanoTime();
                List<MethodSite> methods = SourceReader.methods(library);
                tally.parsing += System.nanoTime() - parsing;
                tally.of(library).found = methods.size();
                run.check(library, sample(methods, count, seed));
            }
        }
        System.out.printf("realcode: seed %d, %s methods per library, %d inputs each, avoiding %s (%.1f s, %.1f s of"
                + " CPU)%n%s", seed, count == 0 ? "all" : count, inputs, avoided, (System.nanoTime() - started) / 1e9,
                (processCpuNanos() - cpu) / 1e9, tally.table());
        if (!tally.failures.isEmpty()) {
            fail(tally.failures.size() + " processor failures:\n\n" + String.join("\n\n", tally.failures));
        }
        assertTrue(tally.total(c -> c.agreed) > 0, "no method ran and agreed: the suite tests nothing");
    }

    /** CPU time of this JVM: what the batch costs, whatever else the machine is doing. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@code count} methods drawn with {@code seed} (all of them if count is 0), in their jar order. */
    private static List<MethodSite> sample(List<MethodSite> methods, int count, long seed) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            indexes.add(i);
        }
        if (count > 0 && count < indexes.size()) {
            Collections.shuffle(indexes, new Random(seed));
            indexes = new ArrayList<>(indexes.subList(0, count));
            Collections.sort(indexes);
        }
        List<MethodSite> sample = new ArrayList<>();
        indexes.forEach(i -> sample.add(methods.get(i)));
        return sample;
    }
}
