package org.asyncio4j.internal;

import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;

/**
 * What generated code calls for {@code async with} (a try-with-resources over an {@link AsyncCloseable}) and
 * {@code async for} (a for-each over an {@link AsyncIterable}) in an {@code @Async} body. Not API.
 *
 * <p>Thread-safe (stateless); what it returns is used only from its event loop's thread.
 * <pre>{@code
 * try (Conn c = await(open())) { ... }      ===>   ... on every way out of the block:
 *                                                  if (suspendOn(frame, task, AsyncSupport.closing(c,
 *                                                          finally1Exit == THROW ? finally1Error : null))) ...
 * for (String s : lines) { ... }            ===>   iterator = AsyncSupport.iterate(lines);
 *                                                  case N: if (suspendOn(frame, task, iterator.hasNextAsync())) ...
 *                                                  case N+1: if (!awaitedBoolean(task)) goto close;
 *                                                          String s = AsyncSupport.next(iterator); ...
 * }</pre>
 */
@InternalApi
public final class AsyncSupport {
    private AsyncSupport() {}

    /**
     * What to await to close {@code resource} at the end of its block: {@code closeAsync()} when the block ended
     * without an exception ({@code failure == null}), {@code closeAsync(failure)} when it ended by one, and nothing
     * for a {@code null} resource (JLS 14.20.3: a null resource is not closed).
     *
     * @param resource the resource, maybe {@code null}
     * @param failure what ended the block, or {@code null}
     * @return what to await
     */
    public static Awaitable<Void> closing(AsyncCloseable resource, Throwable failure) {
        if (resource == null) {
            return new Ready<Void>(null);
        }
        return failure == null ? resource.closeAsync() : resource.closeAsync(failure);
    }

    /**
     * As {@link #closing(AsyncCloseable, Throwable)} for a resource whose static type the processor could not tell
     * (a {@code var} whose type mentions a class generated in the same build): an {@link AsyncCloseable} is closed
     * by awaiting, any other resource by its {@code close()}, with JLS 14.20.3's suppression (a close failure after
     * {@code failure} is added to it; after a normal end it propagates).
     *
     * @param resource the resource, maybe {@code null}
     * @param failure what ended the block, or {@code null}
     * @return what to await
     */
    public static Awaitable<Void> closing(AutoCloseable resource, Throwable failure) {
        if (resource instanceof AsyncCloseable) {
            return closing((AsyncCloseable) resource, failure);
        }
        return resource == null ? new Ready<Void>(null) : new PlainClose(resource, failure);
    }

    /**
     * The cursor of an {@code async for} loop: a null iterable throws {@link NullPointerException}, as a for-each
     * over a null {@code Iterable} does.
     *
     * @param iterable the loop's expression
     * @return its iterator
     */
    public static AsyncIterator<?> iterate(AsyncIterable<?> iterable) {
        return iterable.asyncIterator();
    }

    /**
     * The cursor's element, typed by the loop variable's declaration (unchecked, as in the erased original loop).
     *
     * @param <T> the loop variable's type
     * @param cursor the loop's cursor, after its {@code hasNextAsync()} completed with {@code true}
     * @return the element
     */
    @SuppressWarnings("unchecked")
    public static <T> T next(AsyncIterator<?> cursor) {
        return (T) cursor.next();
    }

    /**
     * An awaitable that is complete with {@code value}: awaiting it does not suspend. For the runtime's
     * {@code closeAsync()} of resources whose close is synchronous and {@code hasNextAsync()} of ready elements.
     *
     * @param <T> the value's type
     * @param value the result
     * @return a new coroutine (a coroutine runs once)
     */
    public static <T> Coroutine<T> ready(T value) {
        return new Ready<>(value);
    }

    /** Closes a plain resource when awaited, as a try-with-resources statement does. */
    private static final class PlainClose extends Coroutine<Void> {
        private final AutoCloseable resource;
        private final Throwable failure;

        PlainClose(AutoCloseable resource, Throwable failure) {
            this.resource = resource;
            this.failure = failure;
        }

        @Override
        protected Object resume(Object ignored, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            try {
                resource.close();
            } catch (Throwable closeFailure) {
                if (failure == null) {
                    throw closeFailure;
                }
                if (closeFailure != failure) {
                    failure.addSuppressed(closeFailure);
                }
            }
            return null;
        }
    }

    /** Completes at once with its value, without suspending. */
    private static final class Ready<T> extends Coroutine<T> {
        private final T value;

        Ready(T value) {
            this.value = value;
        }

        @Override
        protected Object resume(Object ignored, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }
}
