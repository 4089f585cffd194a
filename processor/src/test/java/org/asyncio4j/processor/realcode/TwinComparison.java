package org.asyncio4j.processor.realcode;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one method's three versions — the library's original, the plain twin and the coroutine — on the same
 * generated arguments and judges them. Calls run on one runner thread with a time limit per method, so a coroutine
 * that never finishes is a verdict, not a hung build. Not thread-safe; close it to end the runner thread.
 */
final class TwinComparison implements AutoCloseable {
    private static final long TIME_LIMIT_SECONDS = 20;

    /** A verdict and its reason (a short key) or detail (the differing outcomes), either may be null. */
    record Judgement(Verdict verdict, String detail) {}

    private final long seed;
    private final int inputsPerMethod;
    private ExecutorService runner = newRunner();
    /** Which version the runner thread is calling: a timeout in the original is the input's fault, not a hang. */
    private volatile String calling;

    TwinComparison(long seed, int inputsPerMethod) {
        this.seed = seed;
        this.inputsPerMethod = inputsPerMethod;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    /** Judges the twins {@code twins.Twin<index>} loaded by {@code plainLoader} and {@code asyncLoader}. */
    Judgement judge(MethodSite site, int index, ClassLoader plainLoader, ClassLoader asyncLoader) {
        calling = "loading the twins";
        try {
            return runner.submit(() -> compare(site, index, plainLoader, asyncLoader))
                    .get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            runner.shutdownNow();   // the stuck thread is interrupted and abandoned (a daemon)
            runner = newRunner();
            return calling.equals("coroutine")
                    ? new Judgement(Verdict.HUNG, "the coroutine did not finish within " + TIME_LIMIT_SECONDS + " s")
                    : new Judgement(Verdict.TOO_SLOW, calling);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the suite failed on " + site.describe(), e.getCause());
        }
    }

    private Judgement compare(MethodSite site, int index, ClassLoader plainLoader, ClassLoader asyncLoader)
            throws ReflectiveOperationException {
        String twinClass = TwinWriter.PACKAGE + "." + TwinWriter.className(index);
        Method plain = twinMethod(plainLoader.loadClass(twinClass));
        Class<?> declaring = Class.forName(site.binaryClassName());
        Class<?>[] twinParameters = plain.getParameterTypes();
        Method original = declaring.getDeclaredMethod(site.name(), site.isStatic() ? twinParameters
                : Arrays.copyOfRange(twinParameters, 1, twinParameters.length));
        Method entry = twinMethod(asyncLoader.loadClass(twinClass + "Async"));
        Type[] types = original.getGenericParameterTypes();
        String unsupported = site.isStatic() ? null : Inputs.noReceiver(declaring);
        unsupported = unsupported != null ? unsupported : Inputs.unsupported(types);
        if (unsupported != null) {
            return new Judgement(Verdict.UNSUPPORTED_INPUT, unsupported);
        }
        calling = "receiver or arguments";
        original.setAccessible(true);   // private methods are compared too: the twin is a copy, not a caller
        boolean ran = false;
        for (int input = 0; input < inputsPerMethod; input++) {
            long inputSeed = seed * 31 + site.describe().hashCode() * 17L + input;
            Supplier<Object[]> arguments = () -> arguments(site, declaring, types, inputSeed);
            if (arguments.get() == null) {
                continue;   // the receiver's constructor refused its arguments
            }
            ran = true;
            calling = "original";
            String expected = Outcome.ofOriginal(original, arguments.get(), site.isStatic());
            if (!expected.equals(Outcome.ofOriginal(original, arguments.get(), site.isStatic()))) {
                return new Judgement(Verdict.NONDETERMINISTIC, null);
            }
            calling = "plain twin";
            String plainOutcome = Outcome.ofPlainTwin(plain, arguments.get());
            calling = "coroutine";
            String asyncOutcome = Outcome.ofAsyncTwin(entry, arguments.get());
            if (!asyncOutcome.equals(plainOutcome) && deterministic(expected, plainOutcome,
                    () -> Outcome.ofOriginal(original, arguments.get(), site.isStatic()),
                    () -> Outcome.ofPlainTwin(plain, arguments.get()))) {
                return new Judgement(Verdict.MISMATCH, "arguments (seed " + inputSeed + "): "
                        + Outcome.value(arguments.get()) + "\n  plain twin: " + plainOutcome
                        + "\n  coroutine:  " + asyncOutcome + "\n  original:   " + expected);
            }
            if (!asyncOutcome.equals(plainOutcome)) {
                return new Judgement(Verdict.NONDETERMINISTIC, "seen on a second look at a difference");
            }
            if (!plainOutcome.equals(expected)) {
                return new Judgement(Verdict.SPLICE_CHANGED_MEANING, null);
            }
        }
        return ran ? new Judgement(Verdict.AGREED, null)
                : new Judgement(Verdict.UNSUPPORTED_INPUT, "no receiver: every constructor call failed");
    }

    /**
     * Whether the original and the plain twin keep giving the outcomes they gave, over a few more calls: a method
     * that shuffles with a shared random source can agree with itself twice by chance (a 2-element array), and
     * then the coroutine's "difference" is the random source's; a method that reads the clock can agree with itself
     * within one millisecond ({@code CalendarUtils.getInstance()}).
     */
    private static boolean deterministic(String original, String plain, Supplier<String> originalAgain,
            Supplier<String> plainAgain) {
        for (int i = 0; i < 4; i++) {
            try {
                Thread.sleep(2);   // and a clock that ticks: the coroutine ran a little later than the others
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            if (!original.equals(originalAgain.get()) || !plain.equals(plainAgain.get())) {
                return false;
            }
        }
        return true;
    }

    /** The twin's arguments: the receiver first for an instance method; null if no receiver could be made. */
    private static Object[] arguments(MethodSite site, Class<?> declaring, Type[] types, long seed) {
        Object[] arguments = Inputs.arguments(types, seed);
        if (site.isStatic()) {
            return arguments;
        }
        Object receiver = Inputs.receiver(declaring, ~seed);
        if (receiver == null) {
            return null;
        }
        Object[] withReceiver = new Object[arguments.length + 1];
        withReceiver[0] = receiver;
        System.arraycopy(arguments, 0, withReceiver, 1, arguments.length);
        return withReceiver;
    }

    /** The one method named {@code twin} (a twin class also holds its lambdas' synthetic methods). */
    private static Method twinMethod(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("twin") && !method.isSynthetic()) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new AssertionError("no method twin in " + type);
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "realcode-runner");
            thread.setDaemon(true);
            return thread;
        });
    }
}
