package org.asyncio4j;

/**
 * Thrown into an async generator at the {@link Asyncio#emit emit} where it is suspended when its consumer closes it
 * early ({@link AsyncGenerator#closeAsync()}, asyncio's {@code aclose()}), so that its {@code finally} blocks run.
 *
 * <p>It extends {@link Error}, not {@link Exception}, as Python's {@code GeneratorExit} is a {@code BaseException}:
 * {@code catch (Exception e)} in the generator does not swallow it. A generator that catches it must end (return or
 * throw), not emit again; emitting again makes {@code closeAsync()} fail with an {@link IllegalStateException}.
 *
 * <p>Thread-safe (immutable apart from the stack trace, as any {@link Throwable}).
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the exception thrown into a generator that is being closed. */
    public GeneratorExit() {
        super("async generator closed");
    }
}
