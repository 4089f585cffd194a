/**
 * Child processes with piped standard streams (asyncio's {@code asyncio.subprocess} module): a
 * {@link org.asyncio4j.subprocess.Subprocess}, started with {@link org.asyncio4j.Asyncio#createSubprocessExec},
 * whose pipes are the streams package's {@link org.asyncio4j.streams.StreamReader} and
 * {@link org.asyncio4j.streams.StreamWriter}.
 *
 * <p>Not thread-safe: used from its event loop's thread; daemon threads do the blocking pipe reads and writes and
 * hand their results to the loop.
 */
package org.asyncio4j.subprocess;
