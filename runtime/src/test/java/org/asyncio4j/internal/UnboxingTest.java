package org.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnboxingTest {

    @Test
    void unboxesTheMatchingBox() {
        assertTrue(Unboxing.toBoolean(Boolean.TRUE));
        assertEquals('q', Unboxing.toChar('q'));
        assertEquals((byte) 7, Unboxing.toByte((byte) 7));
        assertEquals((short) 8, Unboxing.toShort((short) 8));
        assertEquals(9, Unboxing.toInt(9));
        assertEquals(10L, Unboxing.toLong(10L));
        assertEquals(1.5f, Unboxing.toFloat(1.5f));
        assertEquals(2.5, Unboxing.toDouble(2.5));
        assertFalse(Unboxing.toBoolean(false));
    }

    @Test
    void widensAsJavaWouldAfterUnboxing() {
        assertEquals((short) 1, Unboxing.toShort((byte) 1));
        assertEquals(65, Unboxing.toInt('A'));
        assertEquals(2, Unboxing.toInt((short) 2));
        assertEquals(3L, Unboxing.toLong(3));
        assertEquals(66L, Unboxing.toLong('B'));
        assertEquals(4f, Unboxing.toFloat(4L));
        assertEquals(5.0, Unboxing.toDouble(5));
        assertEquals(0.5, Unboxing.toDouble(0.5f));
    }

    @Test
    void nullAndWrongBoxes_failAsUnboxingWould() {
        assertThrows(NullPointerException.class, () -> Unboxing.toInt(null));
        assertThrows(NullPointerException.class, () -> Unboxing.toBoolean(null));
        assertThrows(ClassCastException.class, () -> Unboxing.toInt(1L));
        assertThrows(ClassCastException.class, () -> Unboxing.toLong(1.0));
    }
}
