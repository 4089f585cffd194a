/**
 * JUnit Jupiter support for testing asyncio4j code: {@link org.asyncio4j.junit.AsyncioTest @AsyncioTest} gives
 * each test a fresh virtual-time {@link org.asyncio4j.EventLoop}, and fails it on leaked tasks and on exceptions
 * that reached the loop's exception handler; {@link org.asyncio4j.junit.AsyncioTesting} reaches that loop
 * statically.
 */
package org.asyncio4j.junit;
