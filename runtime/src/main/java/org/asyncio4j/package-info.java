/**
 * asyncio4j: Python's asyncio model (async/await, a single-threaded {@link org.asyncio4j.EventLoop},
 * {@link org.asyncio4j.Future}s and {@link org.asyncio4j.Task}s) for Java, at compile time.
 *
 * <p>Write {@link org.asyncio4j.Async @Async} methods that call {@link org.asyncio4j.Asyncio#await Asyncio.await};
 * the asyncio4j annotation processor turns each into a {@link org.asyncio4j.Coroutine}; run one with
 * {@link org.asyncio4j.Asyncio#run Asyncio.run}. Everything here except
 * {@link org.asyncio4j.EventLoop#callSoonThreadsafe EventLoop.callSoonThreadsafe} is used from the event loop's
 * thread only.
 */
package org.asyncio4j;
