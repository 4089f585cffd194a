package org.asyncio4j;

/**
 * A resource closed by awaiting: asyncio's asynchronous context manager ({@code async with}).
 *
 * <p>In an {@link Async @Async} body, a try-with-resources statement over an {@code AsyncCloseable} awaits its close
 * on every way out of the block — normal end, {@code return}, {@code break}/{@code continue}, an exception,
 * cancellation — in reverse order of the resources, as {@code async with a, b:} does:
 *
 * <pre>{@code
 * try (Streams conn = await(openConnection(host, port))) {   // conn.closeAsync() is awaited on the way out
 *     ...
 * }
 * }</pre>
 *
 * <p>When the block ends normally (or by a jump), {@link #closeAsync()} is awaited; when it ends by a throwable
 * {@code failure}, {@link #closeAsync(Throwable)} is awaited, and its outcome decides what propagates: it completes
 * normally to let {@code failure} propagate, or fails with the exception that propagates instead (asyncio's
 * {@code __aexit__}; {@link TaskGroup} and {@link Timeout} replace a failure that way). A resource that is
 * {@code null} is not closed. The default {@code closeAsync(failure)} follows JLS 14.20.3: it awaits
 * {@code closeAsync()} and adds a failure of it to {@code failure} as suppressed; except a {@link CancelledError}
 * (the task was cancelled while it closed), which propagates with {@code failure} as its suppressed exception, so
 * that a cancellation is never lost. A failure of {@code closeAsync()} after a normal end propagates, as a failing
 * {@code close()} does; the resources declared before it are still closed, with it as the failure.
 *
 * <p>It extends {@link AutoCloseable} only so that the template compiles as a try-with-resources statement; the
 * synchronous {@link #close()} is not the way to close one (see there).
 *
 * <p>Thread-safety is that of the implementing type (usually: only from its event loop's thread).
 */
public interface AsyncCloseable extends AutoCloseable {
    /**
     * Closes this resource; awaited when a try-with-resources block over it ends without an exception.
     *
     * @return what to await; it completes when the resource is closed
     */
    Awaitable<Void> closeAsync();

    /**
     * Closes this resource after its block ended by {@code failure}. Completes normally to let {@code failure}
     * propagate, or fails with the exception that propagates instead.
     *
     * @param failure what ended the block (never {@code null})
     * @return what to await
     */
    default Awaitable<Void> closeAsync(Throwable failure) {
        return AsyncCloseables.closeSuppressing(this, failure);
    }

    /**
     * Not how an {@code AsyncCloseable} is closed: in an {@code @Async} body the processor replaces a
     * try-with-resources statement's close by an awaited {@link #closeAsync()}, and a try-with-resources over an
     * {@code AsyncCloseable} anywhere else is a compile error ({@code AsyncResourceOutsideAsync}). This method runs
     * only if a template runs untransformed, and then says so.
     *
     * @throws IllegalStateException always
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getName()
                + " is an AsyncCloseable: close it by awaiting closeAsync(), or use it in a try-with-resources"
                + " statement inside an @Async method (was this template run without the asyncio4j processor?)");
    }
}
