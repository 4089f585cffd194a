package org.asyncio4j.internal;

/**
 * What a frame-less call's body returns when its result is a primitive that stays unboxed. Not API.
 *
 * <p>Thread-safe (immutable). No asyncio counterpart: Python has no primitives to keep unboxed.
 *
 * <p>{@code await(OwnerAsync.m(..))} runs {@code m}'s body with no frame (see {@link AsyncStateMachine}); its result
 * reached the caller through the task's await slot, an {@code Object}. For a method returning {@code int} that cost
 * an {@code Integer} per call above 127 (16 bytes, most of a 1,000-deep chain's allocation) and two reference
 * stores per call. Instead, the body's {@code return n;} becomes {@code return resultInt(frame, task, n);}: without
 * a frame it keeps {@code n}'s bits and type letter in the loop ({@code EventLoop.unboxedBits}/{@code unboxedType}:
 * one slot per loop, because only one frame of a loop runs at a time and the caller reads it right after the call
 * returns) and returns this class's {@link #INT}, which tells {@code inlineOutcome} that the outcome is there, not in
 * the await slot. The caller's {@code int x = await(..)} reads it with {@code awaitedInt(task)}; any other read of an
 * await's outcome ({@code Task.takeAwaited}: an {@code Object} target, a wider type) takes it boxed as the method's
 * return type, so the slot is always consumed by the read that follows the call. A failure after the unboxed return
 * (a {@code finally} block that throws) clears it.
 */
@InternalApi
public final class UnboxedResult {
    public static final UnboxedResult BOOLEAN = new UnboxedResult('Z');
    public static final UnboxedResult BYTE = new UnboxedResult('B');
    public static final UnboxedResult SHORT = new UnboxedResult('S');
    public static final UnboxedResult CHAR = new UnboxedResult('C');
    public static final UnboxedResult INT = new UnboxedResult('I');
    public static final UnboxedResult LONG = new UnboxedResult('J');
    public static final UnboxedResult FLOAT = new UnboxedResult('F');
    public static final UnboxedResult DOUBLE = new UnboxedResult('D');

    /** The JVM's descriptor letter of the primitive type. */
    private final char type;

    private UnboxedResult(char type) {
        this.type = type;
    }

    /** The JVM's descriptor letter of the primitive type, which the loop keeps beside the bits. */
    public char type() {
        return type;
    }

    /** The value of {@code bits} boxed as the primitive of descriptor letter {@code type}. */
    public static Object box(char type, long bits) {
        switch (type) {
            case 'Z':
                return bits != 0;
            case 'B':
                return (byte) bits;
            case 'S':
                return (short) bits;
            case 'C':
                return (char) bits;
            case 'I':
                return (int) bits;
            case 'J':
                return bits;
            case 'F':
                return Float.intBitsToFloat((int) bits);
            case 'D':
                return Double.longBitsToDouble(bits);
            default:
                throw new IllegalArgumentException("not a primitive type letter: " + type);
        }
    }

    @Override
    public String toString() {
        return "UnboxedResult[" + type + "]";
    }
}
