package org.asyncio4j.processor.realcode;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes argument values for a method's parameters from their reflected types: small numbers (so that
 * {@code repeat(s, n)} stays small), strings of letters, digits, blanks, punctuation and non-ASCII characters, arrays
 * and collections of those, now and then {@code null}. The same seed gives equal values, so each side of a comparison
 * gets its own fresh, equal arguments and may mutate them.
 */
final class Inputs {
    private static final String CHARS = "aAbBzZ019 \t-_.,;:'\"/\\@#$%&*()[]{}<>=+?!éßÄ\u00A0\u2028\uD835\uDC00xyXY";
    private static final int[] INTS = {0, 1, 2, 3, 4, 5, 7, 8, 10, 16, 31, -1, -2, -7, 100, 255, 256, -128, 127};
    private final Random random;

    private Inputs(long seed) {
        this.random = new Random(seed);
    }

    /** Values for {@code types}, or null if one of them is a type this class cannot make. */
    static Object[] arguments(Type[] types, long seed) {
        Inputs inputs = new Inputs(seed);
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (!supported(types[i])) {
                return null;
            }
            values[i] = inputs.value(types[i]);
        }
        return values;
    }

    /**
     * A receiver for an instance method of {@code type}, made the same way for the same seed: an enum's constant, or
     * a public constructor (chosen by the seed among those whose parameters can be made) called on generated
     * arguments. Null if there is none, or if the constructor refused its arguments; {@link #noReceiver} says why.
     */
    static Object receiver(Class<?> type, long seed) {
        Random random = new Random(seed);
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        List<Constructor<?>> constructors = constructors(type);
        if (constructors.isEmpty()) {
            return null;
        }
        Constructor<?> constructor = constructors.get(random.nextInt(constructors.size()));
        try {
            return constructor.newInstance(arguments(constructor.getGenericParameterTypes(), random.nextLong()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Why {@link #receiver} can never make a receiver of {@code type}, or null if it can. */
    static String noReceiver(Class<?> type) {
        return type.isEnum() || !constructors(type).isEmpty() ? null
                : "no receiver: " + type.getName() + " has no public constructor whose parameters can be made";
    }

    private static List<Constructor<?>> constructors(Class<?> type) {
        List<Constructor<?>> usable = new ArrayList<>();
        if (!type.isInterface() && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            for (Constructor<?> constructor : type.getConstructors()) {
                if (unsupported(constructor.getGenericParameterTypes()) == null) {
                    usable.add(constructor);
                }
            }
        }
        usable.sort(java.util.Comparator.comparing(Constructor::toGenericString));   // reflection's order varies
        return usable;
    }

    /** Whether every parameter type can be made; otherwise the method is skipped with this reason. */
    static String unsupported(Type[] types) {
        for (Type type : types) {
            if (!supported(type)) {
                return "parameter type " + type.getTypeName();
            }
        }
        return null;
    }

    private static boolean supported(Type type) {
        Class<?> raw = raw(type);
        if (raw.isArray()) {
            return supported(type instanceof GenericArrayType array ? array.getGenericComponentType()
                    : raw.getComponentType());
        }
        return raw.isPrimitive() || raw.isEnum() || SIMPLE.contains(raw) || (COLLECTIONS.contains(raw)
                && (!(type instanceof ParameterizedType p) || supportedElements(p)));
    }

    private static boolean supportedElements(ParameterizedType type) {
        for (Type argument : type.getActualTypeArguments()) {
            if (!supported(argument)) {
                return false;
            }
        }
        return true;
    }

    private static final Set<Class<?>> SIMPLE = Set.of(String.class, CharSequence.class, Object.class,
            Integer.class, Long.class, Character.class, Boolean.class, Double.class, Comparable.class,
            Number.class, Locale.class, Charset.class, StringBuilder.class, StringBuffer.class, Short.class,
            Byte.class, Float.class, Class.class);
    private static final Set<Class<?>> COLLECTIONS = Set.of(List.class, Collection.class, Iterable.class,
            Set.class, Map.class, ArrayList.class);

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        } else if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        } else if (type instanceof GenericArrayType array) {
            return Array.newInstance(raw(array.getGenericComponentType()), 0).getClass();
        } else if (type instanceof TypeVariable<?> variable) {
            return raw(variable.getBounds()[0]);
        } else if (type instanceof WildcardType wildcard) {
            return raw(wildcard.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private Object value(Type type) {
        Class<?> raw = raw(type);
        if (!raw.isPrimitive() && random.nextInt(12) == 0) {
            return null;
        }
        if (raw.isArray()) {
            Type component = type instanceof GenericArrayType array ? array.getGenericComponentType()
                    : raw.getComponentType();
            // A type variable's array is made of its bound's erasure, as the erased method receives it.
            Object array = Array.newInstance(raw(component), random.nextInt(6));
            for (int i = 0; i < Array.getLength(array); i++) {
                Array.set(array, i, value(component));
            }
            return array;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (COLLECTIONS.contains(raw)) {
            return collection(type, raw);
        }
        return simple(raw);
    }

    private Object collection(Type type, Class<?> raw) {
        Type[] arguments = type instanceof ParameterizedType p ? p.getActualTypeArguments()
                : new Type[] {String.class, String.class};
        int size = random.nextInt(5);
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(value(arguments[0]), value(arguments[arguments.length - 1]));
            }
            return map;
        }
        Collection<Object> collection = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
        for (int i = 0; i < size; i++) {
            collection.add(value(arguments[0]));
        }
        return collection;
    }

    private Object simple(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return INTS[random.nextInt(INTS.length)];
        } else if (raw == long.class || raw == Long.class) {
            // Now and then a value beyond int, but no extreme: code that loops up to a long (a period in
            // milliseconds, a count) must finish.
            return random.nextInt(10) == 0 ? (long) INTS[random.nextInt(INTS.length)] << 33
                    : (long) INTS[random.nextInt(INTS.length)];
        } else if (raw == short.class || raw == Short.class) {
            return (short) INTS[random.nextInt(INTS.length)];
        } else if (raw == byte.class || raw == Byte.class) {
            return (byte) INTS[random.nextInt(INTS.length)];
        } else if (raw == char.class || raw == Character.class) {
            return CHARS.charAt(random.nextInt(CHARS.length()));
        } else if (raw == boolean.class || raw == Boolean.class) {
            return random.nextBoolean();
        } else if (raw == double.class || raw == Double.class || raw == Number.class) {
            double[] doubles = {0, -0.0, 1.5, -2.25, 3, 1e10, Double.NaN, Double.POSITIVE_INFINITY, 0.1};
            return doubles[random.nextInt(doubles.length)];
        } else if (raw == float.class || raw == Float.class) {
            return (float) INTS[random.nextInt(INTS.length)] / 4;
        } else if (raw == Locale.class) {
            return List.of(Locale.ROOT, Locale.ENGLISH, Locale.GERMANY, Locale.forLanguageTag("tr"))
                    .get(random.nextInt(4));
        } else if (raw == Charset.class) {
            return random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        } else if (raw == Class.class) {
            return List.of(String.class, Integer.class, int.class, Object[].class).get(random.nextInt(4));
        } else if (raw == StringBuilder.class || raw == CharSequence.class && random.nextInt(4) == 0) {
            return new StringBuilder(string());
        } else if (raw == StringBuffer.class) {
            return new StringBuffer(string());
        } else if (raw == Object.class && random.nextInt(3) == 0) {
            return INTS[random.nextInt(INTS.length)];
        }
        return string();   // String, CharSequence, Comparable, Object
    }

    private String string() {
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
        StringBuilder text = new StringBuilder();
        // Mostly letters and digits, so that words, numbers and codes appear; sometimes any of CHARS.
        String pool = random.nextBoolean() ? "abcXYZ019 " : CHARS;
        for (int i = 0; i < length; i++) {
            text.append(pool.charAt(random.nextInt(pool.length())));
        }
        return text.toString();
    }
}
