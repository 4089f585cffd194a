/**
 * Queues for passing items between tasks (asyncio's {@code asyncio.queues} module): first-in first-out
 * {@link org.asyncio4j.queues.Queue}, {@link org.asyncio4j.queues.LifoQueue} and
 * {@link org.asyncio4j.queues.PriorityQueue}, with the errors of their non-waiting operations and of shutdown.
 *
 * <p>Not thread-safe: a queue is used from its event loop's thread only, and binds to the loop that first uses it.
 */
package org.asyncio4j.queues;
