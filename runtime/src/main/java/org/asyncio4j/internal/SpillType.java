package org.asyncio4j.internal;

/**
 * Type witnesses for values that generated code saves across an {@code await} ({@code f(g(), await(x))} saves
 * {@code g()}'s value). Not API.
 *
 * <p>Thread-safe (stateless). No asyncio counterpart: Python's coroutine frames keep such values themselves.
 *
 * <p>The processor has no expression types, so it saves such a value in an {@code Object} field and reads it back
 * through {@link AsyncStateMachine#spilled}, passing {@code () -> g()}: javac types the lambda exactly as it typed
 * {@code g()} where the user wrote it (primitives included: overloads pick {@code int} for an {@code int}), and the
 * lambda is never called. Its method declares {@code Throwable} so that any expression fits.
 */
@InternalApi
public final class SpillType {
    private SpillType() {}

    /** A reference-typed expression. */
    @FunctionalInterface
    public interface Of<T> {
        T get() throws Throwable;
    }

    /** An {@code int} expression. */
    @FunctionalInterface
    public interface OfInt {
        int get() throws Throwable;
    }

    /** A {@code long} expression. */
    @FunctionalInterface
    public interface OfLong {
        long get() throws Throwable;
    }

    /** A {@code double} expression. */
    @FunctionalInterface
    public interface OfDouble {
        double get() throws Throwable;
    }

    /** A {@code float} expression. */
    @FunctionalInterface
    public interface OfFloat {
        float get() throws Throwable;
    }

    /** A {@code short} expression. */
    @FunctionalInterface
    public interface OfShort {
        short get() throws Throwable;
    }

    /** A {@code byte} expression. */
    @FunctionalInterface
    public interface OfByte {
        byte get() throws Throwable;
    }

    /** A {@code char} expression. */
    @FunctionalInterface
    public interface OfChar {
        char get() throws Throwable;
    }

    /** A {@code boolean} expression. */
    @FunctionalInterface
    public interface OfBoolean {
        boolean get() throws Throwable;
    }
}
