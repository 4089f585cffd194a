/**
 * Networking with streams (asyncio's {@code asyncio.streams} module, with its transports and datagram endpoints):
 * TCP and TLS connections as a {@link org.asyncio4j.streams.StreamReader} and
 * {@link org.asyncio4j.streams.StreamWriter} pair ({@link org.asyncio4j.streams.Streams}), servers
 * ({@link org.asyncio4j.streams.Server}, {@link org.asyncio4j.streams.ClientHandler}) and UDP
 * ({@link org.asyncio4j.streams.DatagramEndpoint}).
 *
 * <p>Open them through {@link org.asyncio4j.Asyncio} ({@code openConnection}, {@code startServer},
 * {@code openDatagramEndpoint}). Not thread-safe: everything here is used from its event loop's thread. The
 * package-private transports (plain socket, TLS over {@link javax.net.ssl.SSLEngine}, a child process's pipes, read
 * and written by a thread each) move the bytes under the reader and writer, so one reader and one writer serve
 * them all; {@link org.asyncio4j.streams.Pipes} makes the streams of a process's pipes.
 */
package org.asyncio4j.streams;
