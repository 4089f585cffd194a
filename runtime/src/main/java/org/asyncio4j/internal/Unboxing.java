package org.asyncio4j.internal;

/**
 * Converts an {@code Object} holding a boxed value to a primitive, for generated code. Not API.
 *
 * <p>Thread-safe (stateless). No asyncio counterpart: Python has no primitives.
 *
 * <p>Generated code receives some values as {@code Object} whose static type javac cannot see: the result of an
 * await ({@code awaitedValue(task)}) and the elements of a primitive array in a for-each loop. For a primitive target
 * the processor wraps them, e.g. {@code int n = Unboxing.toInt(cursor.next());} (an await's outcome is read with
 * {@code awaitedInt(task)}, which falls back to this class for a boxed value). Each method accepts exactly the
 * boxes Java would unbox and then widen to its type (for example {@code toLong} takes {@code Integer},
 * {@code Character}, ...), and throws {@link NullPointerException} for {@code null}, as unboxing does.
 */
@InternalApi
public final class Unboxing {
    private Unboxing() {}

    /** Unboxes a {@code Boolean}. */
    public static boolean toBoolean(Object o) {
        return (Boolean) o;
    }

    /** Unboxes a {@code Character}. */
    public static char toChar(Object o) {
        return (Character) o;
    }

    /** Unboxes a {@code Byte}. */
    public static byte toByte(Object o) {
        return (Byte) o;
    }

    /** Unboxes a {@code Short} or a {@code Byte}. */
    public static short toShort(Object o) {
        if (o instanceof Byte) {
            return (Byte) o;
        }
        return (Short) o;
    }

    /** Unboxes an {@code Integer}, or widens a {@code Short}, {@code Byte} or {@code Character}. */
    public static int toInt(Object o) {
        if (o instanceof Integer) {
            return (Integer) o;
        }
        if (o instanceof Character) {
            return (Character) o;
        }
        if (o instanceof Short || o instanceof Byte) {
            return ((Number) o).intValue();
        }
        return (Integer) o;     // throws NullPointerException or ClassCastException, as an unboxing cast would
    }

    /** Unboxes a {@code Long}, or widens an integral box or a {@code Character}. */
    public static long toLong(Object o) {
        if (o instanceof Long) {
            return (Long) o;
        }
        if (o instanceof Character) {
            return (Character) o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        return (Long) o;
    }

    /** Unboxes a {@code Float}, or widens an integral box or a {@code Character}. */
    public static float toFloat(Object o) {
        if (o instanceof Float) {
            return (Float) o;
        }
        if (o instanceof Character) {
            return (Character) o;
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).floatValue();
        }
        return (Float) o;
    }

    /** Unboxes a {@code Double}, or widens any other numeric box or a {@code Character}. */
    public static double toDouble(Object o) {
        if (o instanceof Double) {
            return (Double) o;
        }
        if (o instanceof Character) {
            return (Character) o;
        }
        if (o instanceof Float || o instanceof Long || o instanceof Integer || o instanceof Short
                || o instanceof Byte) {
            return ((Number) o).doubleValue();
        }
        return (Double) o;
    }
}
