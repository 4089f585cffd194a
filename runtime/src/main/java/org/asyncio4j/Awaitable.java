package org.asyncio4j;

/**
 * Something a task can wait for: a {@link Coroutine} or a {@link Future} (and so a {@link Task}).
 *
 * <p>This is the type accepted by {@link Asyncio#await(Awaitable)}, {@link Asyncio#gather(Awaitable[])},
 * {@link Asyncio#asCompleted(Awaitable[])}, {@link Asyncio#waitFor(Awaitable, double)} and
 * {@link EventLoop#runUntilComplete(Awaitable)}. It is sealed because the runtime must know how to wait for each
 * kind: a coroutine runs inline in the awaiting task, a future is waited on. A
 * {@link java.util.concurrent.CompletionStage} is not an {@code Awaitable}, but {@code await} accepts one too.
 *
 * <p>Thread-safety is that of the implementing type: coroutines and futures are not thread-safe and are used
 * only from their event loop's thread.
 *
 * @param <T> the result type
 */
public sealed interface Awaitable<T> permits Coroutine, Future {}
