package org.asyncio4j.internal;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Lets a generated state machine run an enhanced {@code for} loop whose body contains an {@code await}. Not API.
 *
 * <p>Thread-safe (stateless); the iterators it returns are not thread-safe. No asyncio counterpart: Python's
 * coroutine frames keep a {@code for} loop's iterator themselves.
 *
 * <p>Such a loop cannot stay a Java {@code for} statement (the frame returns from {@code step()} at the await),
 * so the processor keeps the loop's cursor in a field of type {@code Iterator<?>}:
 * <pre>{@code
 * for (String s : names) { await(x(s)); }
 *     ===>
 * iterator = ForEachSupport.iterate(names);                 // once
 * case N: if (!iterator.hasNext()) { state = EXIT; continue; }
 *         String s = ForEachSupport.next(iterator);         // typed by the declaration
 * }</pre>
 * {@link #iterate} is overloaded for {@link Iterable}s and every kind of array, so that javac picks the overload from
 * the loop expression's static type, exactly as it would for the original loop. Primitive arrays yield boxed values;
 * the generated code unboxes them with {@link Unboxing}.
 */
@InternalApi
public final class ForEachSupport {
    private ForEachSupport() {}

    /** The cursor over an {@link Iterable}: its own iterator, as the enhanced {@code for} uses. */
    public static Iterator<?> iterate(Iterable<?> iterable) {
        return iterable.iterator();
    }

    /** The cursor over a reference array. */
    public static Iterator<?> iterate(Object[] array) {
        return Arrays.asList(array).iterator();
    }

    /** The cursor over an {@code int[]}; elements are boxed. */
    public static Iterator<?> iterate(int[] array) {
        return Arrays.stream(array).iterator();
    }

    /** The cursor over a {@code long[]}; elements are boxed. */
    public static Iterator<?> iterate(long[] array) {
        return Arrays.stream(array).iterator();
    }

    /** The cursor over a {@code double[]}; elements are boxed. */
    public static Iterator<?> iterate(double[] array) {
        return Arrays.stream(array).iterator();
    }

    /** The cursor over a {@code boolean[]}; elements are boxed. */
    public static Iterator<?> iterate(boolean[] array) {
        return new PrimitiveArrayIterator(array.length) {
            @Override
            Object get(int i) {
                return array[i];
            }
        };
    }

    /** The cursor over a {@code char[]}; elements are boxed. */
    public static Iterator<?> iterate(char[] array) {
        return new PrimitiveArrayIterator(array.length) {
            @Override
            Object get(int i) {
                return array[i];
            }
        };
    }

    /** The cursor over a {@code byte[]}; elements are boxed. */
    public static Iterator<?> iterate(byte[] array) {
        return new PrimitiveArrayIterator(array.length) {
            @Override
            Object get(int i) {
                return array[i];
            }
        };
    }

    /** The cursor over a {@code short[]}; elements are boxed. */
    public static Iterator<?> iterate(short[] array) {
        return new PrimitiveArrayIterator(array.length) {
            @Override
            Object get(int i) {
                return array[i];
            }
        };
    }

    /** The cursor over a {@code float[]}; elements are boxed. */
    public static Iterator<?> iterate(float[] array) {
        return new PrimitiveArrayIterator(array.length) {
            @Override
            Object get(int i) {
                return array[i];
            }
        };
    }

    /**
     * The cursor's next element, typed by the assignment it appears in (the loop variable's declared type). The
     * cast is unchecked, as in the erased original loop; a wrong type fails where the element is used.
     */
    @SuppressWarnings("unchecked")
    public static <T> T next(Iterator<?> cursor) {
        return (T) cursor.next();
    }

    /**
     * Never called: {@code () -> elementOf(expression)} gives the element type of a loop over {@code expression}
     * to a loop variable declared with {@code var} whose type the processor could not name; the overloads pick it
     * as the enhanced {@code for} does.
     */
    public static <T> T elementOf(Iterable<T> typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static <T> T elementOf(T[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static int elementOf(int[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static long elementOf(long[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static double elementOf(double[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static float elementOf(float[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static boolean elementOf(boolean[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static char elementOf(char[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static byte elementOf(byte[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** See {@link #elementOf(Iterable)}. */
    public static short elementOf(short[] typeOnly) {
        throw new UnsupportedOperationException("a type witness is never called");
    }

    /** An iterator over indexes 0..length-1 of a primitive array without a JDK stream for it. */
    private abstract static class PrimitiveArrayIterator implements Iterator<Object> {
        private final int length;
        private int index;

        PrimitiveArrayIterator(int length) {
            this.length = length;
        }

        abstract Object get(int i);

        @Override
        public boolean hasNext() {
            return index < length;
        }

        @Override
        public Object next() {
            if (index >= length) {
                throw new NoSuchElementException();
            }
            return get(index++);
        }
    }
}
