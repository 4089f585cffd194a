package org.asyncio4j.sync;

/**
 * Thrown by {@link Barrier#waitAsync()} when the barrier is {@linkplain Barrier#abort() aborted}, or
 * {@linkplain Barrier#reset() reset} while the task waits: asyncio's {@code BrokenBarrierError}.
 *
 * <p>Unchecked (asyncio's is a {@code RuntimeError}).
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with {@code message}.
     *
     * @param message the detail message, or {@code null}
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
