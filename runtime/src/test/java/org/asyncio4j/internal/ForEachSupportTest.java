package org.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ForEachSupportTest {

    private static List<Object> drain(Iterator<?> it) {
        List<Object> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void iterate_coversIterablesAndEveryArrayKind_inOrder() {
        assertEquals(List.of("a", "b"), drain(ForEachSupport.iterate(List.of("a", "b"))));
        assertEquals(List.of("x", "y"), drain(ForEachSupport.iterate(new String[] {"x", "y"})));
        assertEquals(List.of(1, 2), drain(ForEachSupport.iterate(new int[] {1, 2})));
        assertEquals(List.of(1L, 2L), drain(ForEachSupport.iterate(new long[] {1, 2})));
        assertEquals(List.of(1.5, 2.5), drain(ForEachSupport.iterate(new double[] {1.5, 2.5})));
        assertEquals(List.of(1.5f), drain(ForEachSupport.iterate(new float[] {1.5f})));
        assertEquals(List.of(true, false), drain(ForEachSupport.iterate(new boolean[] {true, false})));
        assertEquals(List.of('c'), drain(ForEachSupport.iterate(new char[] {'c'})));
        assertEquals(List.of((byte) 3), drain(ForEachSupport.iterate(new byte[] {3})));
        assertEquals(List.of((short) 4), drain(ForEachSupport.iterate(new short[] {4})));
    }

    @Test
    void primitiveArrayCursor_pastTheEnd_throws() {
        Iterator<?> it = ForEachSupport.iterate(new boolean[0]);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void next_isTypedByTheAssignment() {
        Iterator<?> it = ForEachSupport.iterate(List.of("typed"));
        String s = ForEachSupport.next(it);
        assertEquals("typed", s);
    }
}
