package org.asyncio4j.processor.realcode;

/**
 * What became of one sampled method. The first three kinds are the processor's failures; the others say why a
 * method was not compared, or that it agreed.
 */
enum Verdict {
    /** The coroutine did something else than the plain twin: result, exception or arguments afterwards. */
    MISMATCH(true),
    /** The processor reported an error on a twin whose plain copy compiles. */
    REJECTED(true),
    /** The processor accepted the twin, but its generated companion does not compile. */
    BROKEN_OUTPUT(true),
    /** The coroutine did not finish in time (the original and the plain twin did). */
    HUNG(true),
    /**
     * The processor refused the twin with one of the restrictions the README documents (a tag in
     * {@link #DOCUMENTED_RESTRICTIONS}), which says how to rewrite the code: not a bug, but counted by tag.
     */
    DOCUMENTED_RESTRICTION(false),
    /** The body does not compile outside its class, even with awaits only between statements (private members). */
    NOT_EXTRACTABLE(false),
    /** The method has the shape of a known processor bug that the run was asked to avoid ({@link KnownBug}). */
    AVOIDED(false),
    /** A parameter type {@link Inputs} cannot make, or for an instance method, no receiver. */
    UNSUPPORTED_INPUT(false),
    /** The original or the plain twin did not finish in time on the generated arguments (the reason says which). */
    TOO_SLOW(false),
    /** The original gives different outcomes for equal arguments (random, time, identity). */
    NONDETERMINISTIC(false),
    /** The plain twin differs from the original: the splice or the copy changed the meaning, not the processor. */
    SPLICE_CHANGED_MEANING(false),
    /** Ran on every input, and the coroutine agreed with the plain twin and the original. */
    AGREED(false);

    /** The tags of the README's "Where await may appear" table that restrict valid code (not misuse of await). */
    static final java.util.Set<String> DOCUMENTED_RESTRICTIONS = java.util.Set.of("PrivateMemberAccess",
            "ProtectedMemberAccess", "PrivateMemberReceiver", "PrivateFieldComputedReceiver", "PrivateGenericField",
            "PrivateMethodReference", "PrivateConstructorSubclass", "SuperAccess", "OuterInstanceAccess",
            "LocalClassAcrossAwait", "UnknownLocalType", "PrivateStaticComputedReceiver", "PatternVariableAcrossAwait",
            "FunctionBranchAcrossAwait");

    /** Whether this verdict is a processor failure, which fails the suite. */
    final boolean failure;

    Verdict(boolean failure) {
        this.failure = failure;
    }
}
