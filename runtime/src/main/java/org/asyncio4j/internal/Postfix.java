package org.asyncio4j.internal;

/**
 * The value of {@code v++} or {@code v--} used in an expression, for a local that generated code keeps as an
 * {@code Object} (a {@code var} whose type only its initializer gives). Not API.
 *
 * <p>Thread-safe (stateless).
 *
 * <p>{@code int old = v++;} becomes {@code old = Postfix.before(spilled(v, () -> W), v = compound(spilled(v, () -> W)
 * + 1, () -> W));}: Java evaluates the arguments left to right, so the first is the value before the update and the
 * second the update itself, as for the postfix operator (JLS 15.14.2). Each primitive has its overload so that the
 * value keeps its type and is not boxed ({@code v++ == w++} compares numbers, not boxes).
 */
@InternalApi
public final class Postfix {
    private Postfix() {}

    /** Returns {@code old}; {@code update} has been evaluated. */
    public static int before(int old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}. */
    public static long before(long old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}. */
    public static double before(double old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}. */
    public static float before(float old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}. */
    public static char before(char old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}. */
    public static short before(short old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}. */
    public static byte before(byte old, Object update) {
        return old;
    }

    /** See {@link #before(int, Object)}: a boxed number ({@code Integer v; v++}). */
    public static <T> T before(T old, Object update) {
        return old;
    }
}
