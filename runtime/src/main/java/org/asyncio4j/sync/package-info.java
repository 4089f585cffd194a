/**
 * Synchronisation primitives for tasks (asyncio's {@code asyncio.locks} module): {@link org.asyncio4j.sync.Lock},
 * {@link org.asyncio4j.sync.Event}, {@link org.asyncio4j.sync.Condition}, {@link org.asyncio4j.sync.Semaphore},
 * {@link org.asyncio4j.sync.BoundedSemaphore} and {@link org.asyncio4j.sync.Barrier}.
 *
 * <p>They exclude and coordinate tasks of one event loop, not threads: none is thread-safe, and each binds to the
 * loop that first uses it. Use {@code java.util.concurrent} between threads.
 */
package org.asyncio4j.sync;
