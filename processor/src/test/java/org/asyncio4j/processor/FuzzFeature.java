package org.asyncio4j.processor;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of the {@code @Async} grammar that {@link ProgramGenerator} can use beyond its base (locals, assignments,
 * {@code if}, loops with labelled {@code break}/{@code continue}, guarded {@code return}/{@code throw}, lambdas, and
 * {@code await} as a statement, an initializer, an assignment's right side, a {@code return} value or a whole
 * condition).
 *
 * <p>Each feature is a switch, so the fuzzer can exercise exactly what the processor supports at the moment:
 * {@link #CI_DEFAULT} runs with the suite, {@code -Dfuzz.features=...} picks any set (see {@link #parse}). Immutable.
 */
enum FuzzFeature {
    /** Labelled blocks containing awaits, left early by {@code break label}. */
    LABELLED_BLOCK,
    /** {@code try}/{@code catch} with awaits in the try and catch blocks, nested; several exception types. */
    TRY_CATCH,
    /** Multi-catch clauses {@code catch (A | B e)} (with {@link #TRY_CATCH}). */
    MULTI_CATCH,
    /** {@code finally} with awaits, crossed by {@code return}, {@code break}, {@code continue} and exceptions. */
    TRY_FINALLY,
    /** try-with-resources whose resources trace their closing and may fail to close or to open. */
    TRY_WITH_RESOURCES,
    /** A resource acquired by {@code await} (with {@link #TRY_WITH_RESOURCES}). */
    AWAITED_RESOURCE,
    /**
     * {@code await(coroutine, IOException.class)} in a try block, with a {@code catch (IOException e)}: a checked
     * exception from an awaited coroutine, caught (with {@link #TRY_CATCH}).
     */
    CHECKED_EXCEPTION,
    /** {@code throw await(...)}: throwing an exception object that a coroutine produced. */
    THROW,
    /** Classic {@code switch} statements with fall-through, {@code default} and awaits in case groups. */
    SWITCH_CLASSIC,
    /** Arrow-form {@code switch} statements with awaits in case bodies. */
    SWITCH_ARROW,
    /** {@code String} selectors for switches (int selectors are always used). */
    SWITCH_STRING,
    /** Selectors of an enum declared in the generated source. */
    SWITCH_ENUM,
    /** {@code assert} with an awaited condition, and plain asserts between awaits. */
    ASSERT,
    /**
     * {@code await} inside expressions: operands of binary operators, string concatenation, method-call arguments
     * and receivers, {@code new} arguments, array creation and indexing, casts, {@code instanceof} patterns, nested
     * {@code await(await(...))}, loop conditions and updates, switch selectors.
     */
    AWAIT_IN_EXPRESSION,
    /** {@code await} in the right operand of {@code &&}/{@code ||} and in the branches of {@code ?:}. */
    SHORT_CIRCUIT,
    /** Compound assignments and {@code ++} whose other operand awaits, on locals and array elements. */
    COMPOUND_ASSIGNMENT,
    /** Switch expressions with awaits in the selector, in case bodies and in {@code yield}. */
    SWITCH_EXPRESSION,
    /**
     * Locals of {@code List<Integer>}, {@code List<String>}, {@code Map<String, Integer>}, {@code String[]},
     * {@code Integer}, {@code Long}, a record and a mutable class: awaited as values through a generic awaitable,
     * changed across awaits, iterated, and read in the int expressions.
     */
    REFERENCE_TYPES,
    /** {@code String} and {@code StringBuilder} locals: append chains, {@code +=}, {@code String.format}, switches. */
    STRINGS,
    /** {@code Color} locals: {@code values()}, {@code valueOf}, {@code ordinal()}, for-each, switches on them. */
    ENUMS,
    /**
     * {@code var} for int and reference locals, {@code for} counters, for-each elements, try-with-resources and
     * lambda parameters.
     */
    VAR_EVERYWHERE,
    /**
     * The body is an instance method reading and writing fields of its class (one private) across awaits, through
     * {@code this.f}, {@code P.this.f} and plain names, and calling an instance method that changes them.
     */
    INSTANCE_FIELDS,
    /** A nested static class ({@code new Outer.Inner(x)}) and an inner class kept in a local across awaits. */
    NESTED_CLASSES,
    /** Fully qualified names whose arguments do not await: {@code java.lang.Math.abs(x)}, {@code P.Outer.half(x)}. */
    QUALIFIED_NAMES,
    /**
     * Qualified class names as receivers of a call with an awaited argument: {@code java.lang.Math.max(a, await(b))},
     * {@code java.util.List.of(a, await(b))}, {@code Outer.Inner.twice(await(b))}, and as the class of a
     * {@code new P.Outer.Inner(await(b))}. (Bug (a) of #13, fixed.)
     */
    QUALIFIED_RECEIVERS,
    /**
     * Overloads of one arity that the static type of an awaited argument selects: {@code pick(int | long | Integer
     * | String | CharSequence | Object)}, {@code List.remove(int | Object)}, {@code String.valueOf(char[])}.
     */
    OVERLOADS,
    /**
     * A JDK constructor with a private overload of the same arity: {@code new InetSocketAddress("127.0.0.1",
     * await(..)).getPort()} (nothing is opened). (Bug (b) of #13, fixed: the generated code failed at run time, also
     * without an await in the arguments.)
     */
    JDK_OVERLOADS,
    /**
     * {@code instanceof} pattern bindings read after an await: in the rest of an {@code &&} condition and its block,
     * and after a negated test that exits early. (Bug (c) of #13, fixed.)
     */
    PATTERN_BINDINGS,
    /**
     * {@code var} locals whose initializer awaits a generated companion entry inside a larger expression
     * ({@code var v = x + await(PAsync.laterImpl(y))}). (Bug (d) of #13, fixed.)
     */
    VAR_WITH_COMPANIONS,
    /**
     * Async generators with random bodies ({@link FuzzGenerators}): {@code emit(x)} (with awaits in {@code x}) among
     * the body's statements, so inside every statement form the other features write, {@code return
     * endGenerator();} as the guarded exit, failures after some emits, a {@code finally} that awaits (and may emit);
     * consumed by an async for (over the companion's call or a local), by hand ({@code hasNextAsync()}/{@code
     * next()}, closed in a {@code finally}), two at once, sometimes inside a {@code catch} of their failure. The
     * reference twin runs the same body on a thread of its own that hands each element over (issue #18).
     */
    GENERATORS,
    /**
     * Async lambdas, {@code var c = async(() -> { ... await(later(f)) ...; return x; })}, awaited later in the
     * body (so they run there, as their reference twin, a lazy {@code Callable} that {@code await} calls, does);
     * also with an expression body, and with one parameter (explicitly typed, or implicitly, typed by the method the
     * function is passed to), whose twin is a function giving a new lazy {@code Callable} per call.
     */
    ASYNC_LAMBDAS,
    /**
     * {@code async with}: try-with-resources over an {@code AsyncCloseable} whose close suspends, mixed with plain
     * resources (with {@link #TRY_WITH_RESOURCES}); the plain twin closes the same resource with a plain call.
     */
    ASYNC_WITH,
    /**
     * {@code async for}: for-each over an {@code AsyncIterable} whose steps suspend and may fail, left by every
     * jump; the plain twin runs it as a try-with-resources over a plain iterable ({@link FuzzAsyncStatements}).
     */
    ASYNC_FOR;

    /** The features the processor supports today: the set the suite runs with. Widen as the lowering grows. */
    static final Set<FuzzFeature> CI_DEFAULT = Collections.unmodifiableSet(EnumSet.allOf(FuzzFeature.class));

    /**
     * Whether any feature from {@link #REFERENCE_TYPES} on is on. Without them the generator draws no random number
     * for them, so the same seed gives the same program as before they existed (old failures still replay).
     */
    static boolean realCode(Set<FuzzFeature> features) {
        return features.stream().anyMatch(f -> f.compareTo(REFERENCE_TYPES) >= 0);
    }

    /** This feature with the ones it only shows inside (a multi-catch needs a try/catch). */
    Set<FuzzFeature> withPrerequisites() {
        switch (this) {
            case MULTI_CATCH:
            case CHECKED_EXCEPTION:
                return EnumSet.of(this, TRY_CATCH);
            case AWAITED_RESOURCE:
            case ASYNC_WITH:
                return EnumSet.of(this, TRY_WITH_RESOURCES);
            case SWITCH_STRING:
            case SWITCH_ENUM:
                return EnumSet.of(this, SWITCH_CLASSIC);
            default:
                return EnumSet.of(this);
        }
    }

    /**
     * Reads a feature list such as {@code "default,TRY_CATCH,-LABELLED_BLOCK"}: names are added in order,
     * {@code -NAME} removes one, {@code default} adds {@link #CI_DEFAULT} and {@code all} adds every feature.
     *
     * @throws IllegalArgumentException naming the unknown feature and listing the valid ones
     */
    static Set<FuzzFeature> parse(String spec) {
        Set<FuzzFeature> features = EnumSet.noneOf(FuzzFeature.class);
        for (String raw : spec.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (item.equalsIgnoreCase("default")) {
                features.addAll(CI_DEFAULT);
            } else if (item.equalsIgnoreCase("all")) {
                features.addAll(EnumSet.allOf(FuzzFeature.class));
            } else if (item.startsWith("-")) {
                features.remove(named(item.substring(1)));
            } else {
                features.add(named(item));
            }
        }
        return features;
    }

    private static FuzzFeature named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fuzz feature '" + name + "' in -Dfuzz.features; use "
                    + "'default', 'all', or a comma-separated list of: "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }
}
