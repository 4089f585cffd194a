/**
 * Past one core: a {@link org.asyncio4j.group.LoopGroup} of event loops, each on a thread of its own (Netty's
 * {@code EventLoopGroup}; asyncio itself has no such thing and adds cores with one process per core), a
 * {@link org.asyncio4j.group.GroupServer} that serves one port on every loop of a group, and
 * {@link org.asyncio4j.group.CrossLoop}, the safe ways for a coroutine on one loop to wait for, call into and gather
 * work of the others.
 *
 * <p>Inside each loop everything keeps asyncio's single-threaded rules. What crosses between loops: results (by
 * {@link org.asyncio4j.group.CrossLoop#follow}, delivered on the waiting loop), coroutines to run
 * ({@link org.asyncio4j.group.CrossLoop#call}), and thread-safe Java objects. See README, "Using every core".
 */
package org.asyncio4j.group;
