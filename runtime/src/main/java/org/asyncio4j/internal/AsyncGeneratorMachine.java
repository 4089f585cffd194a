package org.asyncio4j.internal;

/**
 * The base class of the state machine the asyncio4j processor generates for an {@code @Async} method that returns
 * {@code AsyncGenerator<T>}. Not API.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>The body is generated as any {@code @Async} body, with one more kind of suspension: {@code emit(value)}
 * becomes {@code handOut(frame, value)}, which keeps the value and breaks to the one place that saves the frame;
 * there, {@link #handedOut()} makes the body return the frame itself, which tells the consumer's step
 * ({@code AsyncGenerator}) that an element is ready (any other result ends the generator). When the consumer asks
 * for the next element, the frame is resumed at the state after the emit, whose {@code awaitedValue(task)} reads
 * {@code null}, or throws the {@code GeneratorExit} of a close.
 * <pre>{@code
 * case 1: {
 *     state = 2;
 *     if (handOut(frame, line)) break suspend;     // emit(line);
 * }
 * case 2: {
 *     awaitedValue(task);                          // resumed by the next hasNextAsync(), or closeAsync()
 *     ...
 * }
 * ...
 * frame.state = state;                             // the one suspension path
 * if (frame.handedOut()) return frame;
 * if (frame.suspendOnKept()) return frame.suspended();
 * }</pre>
 * A generator body always runs in its frame (it has no frame-less entry), so {@code frame} is never null there.
 *
 * @param <T> the element type
 */
@InternalApi
public abstract class AsyncGeneratorMachine<T> extends AsyncStateMachine<Void> {
    /** The element of the last emit, until the consumer's step takes it. */
    private T emitted;
    /** Set by {@link #handOut}, cleared by {@link #handedOut()} in the same step. */
    private boolean handingOut;

    /** For generated subclasses. */
    protected AsyncGeneratorMachine() {}

    /**
     * {@code emit(value)} in the body: keeps {@code value} for the consumer.
     *
     * @param <T> the element type
     * @param frame the generator's frame (never null)
     * @param value the element
     * @return {@code true}: break to the suspension path, which saves the frame and returns it
     */
    protected static <T> boolean handOut(AsyncGeneratorMachine<T> frame, T value) {
        frame.emitted = value;
        frame.handingOut = true;
        return true;
    }

    /** {@return whether this suspension is an emit (then the body returns the frame itself); clears it} */
    protected final boolean handedOut() {
        if (!handingOut) {
            return false;
        }
        handingOut = false;
        return true;
    }

    /** {@return the element the last emit handed out; forgets it, so the frame does not keep it alive} */
    public final T takeEmitted() {
        T value = emitted;
        emitted = null;
        return value;
    }
}
