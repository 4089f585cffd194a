package org.asyncio4j.processor.realcode;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;

/**
 * What one call did, as text two calls can be compared by: the result or the exception (class and message), and the
 * arguments afterwards, so a method that fills or sorts an array it was given is compared on that too.
 *
 * <p>Values are described structurally (arrays, collections and maps element by element, with their classes), and
 * identity hash codes are scrubbed from {@code toString}s, so two equal results of different calls read the same.
 */
final class Outcome {
    private static final Pattern IDENTITY = Pattern.compile("@[0-9a-f]{4,8}\\b");
    private static final Pattern HELPFUL_NPE = Pattern.compile("^Cannot .* because ");

    private Outcome() {}

    /**
     * Calls the library's own method, untouched; an instance method on {@code arguments[0]}, so the receiver is
     * compared afterwards like the arguments, as in the twins (which take it as their first parameter).
     */
    static String ofOriginal(Method original, Object[] arguments, boolean isStatic) {
        return describe(arguments, () -> isStatic ? invoke(original, null, arguments)
                : invoke(original, arguments[0], Arrays.copyOfRange(arguments, 1, arguments.length)));
    }

    /** Calls a plain twin: the spliced copy where {@code await} returns its argument. */
    static String ofPlainTwin(Method twin, Object[] arguments) {
        return describe(arguments, () -> invoke(twin, null, arguments));
    }

    /** Creates the async twin's coroutine through its companion and runs it on a new virtual-time event loop. */
    static String ofAsyncTwin(Method entryPoint, Object[] arguments) {
        return describe(arguments, () -> {
            Coroutine<?> coroutine = (Coroutine<?>) invoke(entryPoint, null, arguments);
            EventLoop loop = EventLoop.virtualTime();
            try {
                return loop.runUntilComplete(coroutine);
            } finally {
                loop.close();
            }
        });
    }

    private interface Call {
        Object call() throws Throwable;
    }

    private static Object invoke(Method method, Object receiver, Object[] arguments) throws Throwable {
        try {
            return method.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String describe(Object[] arguments, Call call) {
        String ending;
        try {
            ending = "returned " + value(call.call());
        } catch (StackOverflowError | OutOfMemoryError e) {
            ending = "threw " + e.getClass().getName();   // the message is the JVM's, and it varies
        } catch (NullPointerException e) {
            // A helpful message (JEP 358) describes bytecode: the null variable ("src" in the library, a slot or a
            // field in a twin) and the static type of a call ("Set.iterator()" or "Iterable.iterator()"). Only a
            // message the code wrote itself is compared.
            String message = String.valueOf(e.getMessage());
            ending = "threw " + e.getClass().getName() + (HELPFUL_NPE.matcher(message).find() ? "" : ": " + message);
        } catch (Throwable t) {
            ending = "threw " + t.getClass().getName() + ": " + scrub(String.valueOf(t.getMessage()));
        }
        return ending + "; arguments after: " + value(arguments);
    }

    static String value(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value, 0);
        return text.toString();
    }

    private static void append(StringBuilder text, Object value, int depth) {
        if (depth > 6) {
            text.append("...");
        } else if (value == null) {
            text.append("null");
        } else if (value instanceof CharSequence sequence) {
            text.append(value.getClass().getSimpleName()).append('"').append(sequence).append('"');
        } else if (value.getClass().isArray()) {
            text.append(value.getClass().getComponentType().getSimpleName()).append("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                append(text.append(i == 0 ? "" : ", "), Array.get(value, i), depth + 1);
            }
            text.append(']');
        } else if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(value(k, depth + 1) + "=" + value(v, depth + 1)));
            text.append(value.getClass().getSimpleName()).append(ordered(value) ? entries : sorted(entries));
        } else if (value instanceof Collection<?> collection) {
            List<String> elements = new ArrayList<>();
            collection.forEach(element -> elements.add(value(element, depth + 1)));
            text.append(value.getClass().getSimpleName()).append(ordered(value) ? elements : sorted(elements));
        } else if (value instanceof Optional<?> optional) {
            append(text.append("Optional:"), optional.orElse(null), depth + 1);
        } else if (value.getClass().isSynthetic() || value.getClass().getName().contains("$$Lambda")) {
            text.append("a lambda");   // its class is named after the class that wrote it: the library's or a twin's
        } else if (value.getClass().isAnonymousClass()) {
            // Named after its writer too (Rule$1, Twin57$1), with synthetic fields for what it captured.
            Class<?>[] interfaces = value.getClass().getInterfaces();
            text.append("an anonymous ").append(interfaces.length > 0 ? interfaces[0].getSimpleName()
                    : value.getClass().getSuperclass().getSimpleName());
        } else if (value.getClass().getName().startsWith("org.apache.") && !(value instanceof Throwable)
                && !value.getClass().isEnum()) {
            fields(text, value, depth);
        } else {
            text.append(value.getClass().getSimpleName()).append(':').append(scrub(String.valueOf(value)));
        }
    }

    /**
     * A library object field by field (its own and its library superclasses'), so a receiver's state after a call
     * is compared even where its {@code toString} shows little.
     */
    private static void fields(StringBuilder text, Object value, int depth) {
        text.append(value.getClass().getSimpleName()).append('{');
        for (Class<?> type = value.getClass(); type != null && type.getName().startsWith("org.apache.");
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    try {
                        field.setAccessible(true);
                        append(text.append(field.getName()).append('='), field.get(value), depth + 1);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        text.append(field.getName()).append("=?");
                    }
                    text.append(", ");
                }
            }
        }
        text.append('}');
    }

    private static String value(Object value, int depth) {
        StringBuilder text = new StringBuilder();
        append(text, value, depth);
        return text.toString();
    }

    /**
     * Whether the iteration order is part of the value: not for a {@code HashMap} or {@code HashSet}, whose order
     * follows hash codes, which are identities for keys such as a {@code StringBuilder}, so differ run to run.
     */
    private static boolean ordered(Object collection) {
        return collection instanceof List || collection instanceof java.util.SortedSet
                || collection instanceof java.util.SortedMap || collection instanceof java.util.LinkedHashMap
                || collection instanceof java.util.LinkedHashSet || collection instanceof java.util.Queue;
    }

    private static List<String> sorted(List<String> descriptions) {
        Collections.sort(descriptions);
        return descriptions;
    }

    private static String scrub(String text) {
        return IDENTITY.matcher(text).replaceAll("@#");
    }
}
