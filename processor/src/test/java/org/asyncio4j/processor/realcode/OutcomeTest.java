package org.asyncio4j.processor.realcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How outcomes are compared: what must count as a difference, and what is noise of the JVM. */
class OutcomeTest {
    @Test
    void unorderedCollections_compareByContent_orderedOnesByOrder() {
        StringBuilder a = new StringBuilder("a");
        StringBuilder b = new StringBuilder("b");
        HashSet<Object> one = new HashSet<>(List.of(a, b));
        HashSet<Object> other = new HashSet<>(List.of(b, a));
        assertEquals(Outcome.value(one), Outcome.value(other));
        assertNotEquals(Outcome.value(new LinkedHashSet<>(List.of("a", "b"))),
                Outcome.value(new LinkedHashSet<>(List.of("b", "a"))));
    }

    @Test
    void arraysAndStrings_showTheirTypes() {
        assertEquals("Object[String\"x\", Integer:1, char[Character:a, Character:b], null]",
                Outcome.value(new Object[] {"x", 1, new char[] {'a', 'b'}, null}));
        assertNotEquals(Outcome.value("1"), Outcome.value(1));
        assertNotEquals(Outcome.value(new StringBuilder("x")), Outcome.value("x"));
    }

    @Test
    void lambdasAndAnonymousClasses_areNotComparedByTheirGeneratedClass() {
        Function<String, String> f = s -> s;
        assertEquals("a lambda", Outcome.value(f));
        Runnable anonymous = new Runnable() {
            @Override
            public void run() {}
        };
        assertEquals("an anonymous Runnable", Outcome.value(anonymous));
    }
}
