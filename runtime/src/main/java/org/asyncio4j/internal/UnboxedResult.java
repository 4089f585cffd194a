package org.asyncio4j.internal;

/**
 * The marker a frame-less call leaves in its task's await slot when it returned a primitive without boxing it. Not
 * API.
 *
 * <p>Thread-safe (immutable).
 *
 * <p>{@code await(OwnerAsync.m(..))} runs {@code m}'s body with no frame (see {@link AsyncStateMachine}); its result
 * reaches the caller through the task's await slot, an {@code Object}. For a method returning {@code int} that cost
 * an {@code Integer} per call above 127, 16 bytes, most of a 1,000-deep chain's allocation. Instead, the body's
 * {@code return n;} becomes {@code return resultInt(frame, task, n);}: without a frame it stores {@code n}'s bits in
 * the loop (one slot per loop: only one frame of a loop runs at a time, and the caller reads the slot right after
 * the call returns) and returns this class's {@link #INT} marker, which goes into the await slot. The caller's
 * {@code int x = await(..)} reads it with {@code awaitedInt(task)}; any other read of the slot (an {@code Object}
 * target, a wider type, a suspended call's boxed result) boxes it with {@link #box(long)}, so a marker is never seen
 * outside the runtime.
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

    /** The value whose bits the loop holds, boxed as the method's return type. */
    public Object box(long bits) {
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
            default:
                return Double.longBitsToDouble(bits);
        }
    }

    @Override
    public String toString() {
        return "UnboxedResult[" + type + "]";
    }
}
