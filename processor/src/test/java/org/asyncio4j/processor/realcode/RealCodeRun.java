package org.asyncio4j.processor.realcode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks sampled library methods in chunks: splice ({@link Splicer}), compile the plain twins and then the async
 * twins ({@link TwinCompiler}), and run each method's original, plain twin and coroutine on the same generated
 * arguments ({@link Outcome}), giving every method one {@link Verdict} in the {@link Tally}.
 *
 * <p>A body whose fully spliced plain twin does not compile is spliced again with awaits between statements only,
 * which cannot break typing; if that does not compile either, the body does not work outside its class. Calls run on
 * one runner thread with a time limit per method, so a coroutine that never finishes is a verdict, not a hung build.
 */
final class RealCodeRun implements AutoCloseable {
    private static final int CHUNK = 150;
    private static final long TIME_LIMIT_SECONDS = 20;

    private final long seed;
    private final int inputsPerMethod;
    private final Set<KnownBug> avoided;
    private final Tally tally;
    private ExecutorService runner = newRunner();

    RealCodeRun(long seed, int inputsPerMethod, Set<KnownBug> avoided, Tally tally) {
        this.seed = seed;
        this.inputsPerMethod = inputsPerMethod;
        this.avoided = avoided;
        this.tally = tally;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    /** One method on its way through the run. */
    private static final class Twin {
        final MethodSite site;
        Splicer.Spliced spliced;
        ClassLoader plainLoader;

        Twin(MethodSite site) {
            this.site = site;
        }

        String source(int index, boolean async) {
            return TwinWriter.twin(site, index, spliced.body(), async);
        }
    }

    void check(Library library, List<MethodSite> sample) {
        for (int start = 0; start < sample.size(); start += CHUNK) {
            checkChunk(library, sample.subList(start, Math.min(sample.size(), start + CHUNK)));
        }
    }

    private void checkChunk(Library library, List<MethodSite> sites) {
        Tally.Counts counts = tally.of(library);
        Map<Integer, Twin> twins = new LinkedHashMap<>();
        for (MethodSite site : sites) {
            if (!site.method().getModifiers().getFlags().contains(javax.lang.model.element.Modifier.STATIC)) {
                tally.record(library, Verdict.NOT_STATIC, null);
                continue;
            }
            KnownBug avoid = avoided.stream().filter(bug -> bug.matchesMethod(site)).findFirst().orElse(null);
            if (avoid != null) {
                tally.record(library, Verdict.AVOIDED, avoid.name());
                continue;
            }
            twins.put(twins.size(), new Twin(site));
        }
        Map<Integer, Twin> extracted = extract(library, twins);
        counts.spliced += extracted.size();
        Map<Integer, String> asyncSources = new LinkedHashMap<>();
        extracted.forEach((index, twin) -> asyncSources.put(index, twin.source(index, true)));
        long compiling = System.nanoTime();
        TwinCompiler.Result async = TwinCompiler.compile(asyncSources, true);
        tally.asyncCompiling += System.nanoTime() - compiling;
        async.errors().forEach((index, error) -> {
            Twin twin = extracted.remove(index);
            boolean rejected = error.contains("[compiler.err.proc.messager]");
            fail(library, rejected ? Verdict.REJECTED : Verdict.BROKEN_OUTPUT, twin, index,
                    rejected ? tag(error) : error.replaceFirst("^.*?\\[", "["), error);
        });
        counts.compiled += extracted.size();
        long running = System.nanoTime();
        extracted.forEach((index, twin) -> run(library, index, twin, async.loader()));
        tally.running += System.nanoTime() - running;
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
            Map<Integer, String> sources = new LinkedHashMap<>();
            pending.forEach((index, twin) -> {
                twin.spliced = Splicer.splice(twin.site, new Random(seed ^ twin.site.describe().hashCode()), mode,
                        avoided);
                sources.put(index, twin.source(index, false));
            });
            long compiling = System.nanoTime();
            TwinCompiler.Result plain = TwinCompiler.compile(sources, false);
            tally.plainCompiling += System.nanoTime() - compiling;
            for (Map.Entry<Integer, Twin> entry : pending.entrySet()) {
                if (!plain.errors().containsKey(entry.getKey())) {
                    entry.getValue().plainLoader = plain.loader();
                    compiled.put(entry.getKey(), entry.getValue());
                }
            }
            pending.keySet().retainAll(plain.errors().keySet());
            lastErrors = plain.errors();
        }
        for (Map.Entry<Integer, Twin> entry : pending.entrySet()) {
            tally.record(library, Verdict.NOT_EXTRACTABLE, javacCode(lastErrors.get(entry.getKey())));
        }
        return compiled;
    }

    private void run(Library library, int index, Twin twin, ClassLoader asyncLoader) {
        Callable check = () -> compare(index, twin, asyncLoader);
        String[] result;
        try {
            result = runner.submit(check::call).get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            runner.shutdownNow();
            runner = newRunner();
            fail(library, Verdict.HUNG, twin, index, null, "did not finish within " + TIME_LIMIT_SECONDS + " s");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the suite failed on " + twin.site.describe(), e.getCause());
        }
        Verdict verdict = Verdict.valueOf(result[0]);
        Tally.Counts counts = tally.of(library);
        if (verdict == Verdict.MISMATCH || verdict == Verdict.AGREED || verdict == Verdict.SPLICE_CHANGED_MEANING) {
            counts.ran++;
        }
        if (verdict == Verdict.AGREED) {
            counts.agreed++;
        }
        if (verdict.failure) {
            fail(library, verdict, twin, index, null, result[1]);
        } else {
            tally.record(library, verdict, result[1]);
        }
    }

    private interface Callable {
        String[] call() throws Exception;
    }

    /** Runs one method's three versions on every input: its verdict and a reason or the differing outcomes. */
    private String[] compare(int index, Twin twin, ClassLoader asyncLoader) throws Exception {
        Method plain = only(twin.plainLoader.loadClass(TwinWriter.PACKAGE + "." + TwinWriter.className(index)));
        Class<?> declaring = Class.forName(twin.site.binaryClassName());
        Method original = declaring.getDeclaredMethod(twin.site.name(), plain.getParameterTypes());
        Method entry = only(asyncLoader.loadClass(TwinWriter.PACKAGE + "." + TwinWriter.className(index) + "Async"));
        Type[] types = original.getGenericParameterTypes();
        String unsupported = Inputs.unsupported(types);
        if (unsupported != null) {
            return new String[] {Verdict.UNSUPPORTED_INPUT.name(), unsupported};
        }
        original.setAccessible(true);
        for (int input = 0; input < inputsPerMethod; input++) {
            long inputSeed = seed * 31 + twin.site.describe().hashCode() * 17L + input;
            String expected = Outcome.ofOriginal(original, Inputs.arguments(types, inputSeed));
            if (!expected.equals(Outcome.ofOriginal(original, Inputs.arguments(types, inputSeed)))) {
                return new String[] {Verdict.NONDETERMINISTIC.name(), null};
            }
            String plainOutcome = Outcome.ofPlainTwin(plain, Inputs.arguments(types, inputSeed));
            String asyncOutcome = Outcome.ofAsyncTwin(entry, Inputs.arguments(types, inputSeed));
            String arguments = "arguments (seed " + inputSeed + "): " + Outcome.value(Inputs.arguments(types,
                    inputSeed));
            if (!asyncOutcome.equals(plainOutcome)) {
                return new String[] {Verdict.MISMATCH.name(), arguments + "\n  plain twin: " + plainOutcome
                        + "\n  coroutine:  " + asyncOutcome + "\n  original:   " + expected};
            }
            if (!plainOutcome.equals(expected)) {
                return new String[] {Verdict.SPLICE_CHANGED_MEANING.name(), null};
            }
        }
        return new String[] {Verdict.AGREED.name(), null};
    }

    /** The one method named {@code twin} (a twin class also holds its lambdas' synthetic methods). */
    private static Method only(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("twin") && !method.isSynthetic()) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new AssertionError("no method twin in " + type + " (" + Modifier.toString(type.getModifiers()) + ")");
    }

    private void fail(Library library, Verdict verdict, Twin twin, int index, String reason, String detail) {
        String known = knownBugs(twin);
        tally.record(library, verdict, known.isEmpty() ? reason : "shape of known bug " + known);
        tally.failures.add(verdict + (known.isEmpty() ? "" : " (shape of known bug " + known + ")") + " (seed "
                + seed + ") " + twin.site.describe() + "\n" + detail
                + "\nsplices: " + twin.spliced.splices() + "\nasync twin:\n" + twin.source(index, true));
    }

    /** The known bugs whose shape the method or one of its splices has, as "A, B", or "" for none. */
    private static String knownBugs(Twin twin) {
        StringBuilder names = new StringBuilder();
        for (KnownBug bug : KnownBug.values()) {
            if (bug.matchesMethod(twin.site)
                    || twin.spliced.sites().stream().anyMatch(site -> bug.matchesSplice(twin.site, site))) {
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

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "realcode-runner");
            thread.setDaemon(true);
            return thread;
        });
    }
}
