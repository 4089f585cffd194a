package org.asyncio4j;

import java.util.Iterator;

/**
 * A sequence whose elements arrive over time: asyncio's asynchronous iterable ({@code async for}).
 *
 * <p>In an {@link Async @Async} body, a for-each loop over an {@code AsyncIterable} awaits each element:
 *
 * <pre>{@code
 * for (String line : reader.lines(UTF_8)) {     // async for line in reader:
 *     ...
 * }
 * }</pre>
 *
 * is run as
 *
 * <pre>{@code
 * AsyncIterator<String> it = reader.lines(UTF_8).asyncIterator();
 * try {
 *     while (await(it.hasNextAsync())) {
 *         String line = it.next();
 *         ...
 *     }
 * } finally-like: await(it.closeAsync()) on every way out (asyncio's aclose)
 * }</pre>
 *
 * The iterator is closed on every way out of the loop, its normal end included (as C#'s {@code await foreach}
 * disposes its enumerator; asyncio's {@code async for} leaves an abandoned async generator to be finalised later):
 * the close of an iterator that has nothing to release completes at once. The processor recognises the loop by the
 * static type of its expression; where it cannot tell that type without attribution, the loop is the compile error
 * {@code AsyncForUnknownType} (declare a local of the iterable's type).
 *
 * <p>It extends {@link Iterable} only so that the template compiles as a for-each loop; {@link #iterator()} is not
 * the way to iterate one (see there).
 *
 * <p>Thread-safety is that of the implementing type (usually: only from its event loop's thread).
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> extends Iterable<T> {
    /**
     * Starts an iteration.
     *
     * @return a new iterator, or this object if it is its own iterator (as an async generator is)
     */
    AsyncIterator<T> asyncIterator();

    /**
     * Not how an {@code AsyncIterable} is iterated: in an {@code @Async} body the processor turns a for-each over
     * it into awaits of {@link AsyncIterator#hasNextAsync()}; a for-each over an {@code AsyncIterable} anywhere else
     * is a compile error ({@code AsyncForOutsideAsync}). This method runs only if a template runs untransformed,
     * and then says so.
     *
     * @throws IllegalStateException always
     */
    @Override
    default Iterator<T> iterator() {
        throw new IllegalStateException(getClass().getName()
                + " is an AsyncIterable: iterate it with a for-each loop inside an @Async method, or by awaiting"
                + " asyncIterator().hasNextAsync() (was this template run without the asyncio4j processor?)");
    }
}
