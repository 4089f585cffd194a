package org.asyncio4j.streams;

import java.util.Objects;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The two halves of a stream connection, as {@link Asyncio#openConnection} returns them (asyncio's
 * {@code (reader, writer)} pair). Not thread-safe: both halves belong to the loop that made them.
 *
 * <p>An {@link AsyncCloseable}: in an {@code @Async} body,
 * {@code try (Streams conn = await(openConnection(host, port))) { ... }} closes the connection (the writer's
 * {@link StreamWriter#closeAsync()}) on every way out.
 */
public final class Streams implements AsyncCloseable {
    private final StreamReader reader;
    private final StreamWriter writer;

    Streams(StreamReader reader, StreamWriter writer) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The reader and writer over {@code transport}, plain or TLS: the same stream code serves both. */
    static Streams over(EventLoop loop, Transport transport) {
        StreamReader reader = new StreamReader(loop, transport, StreamReader.DEFAULT_LIMIT);
        return new Streams(reader, new StreamWriter(loop, transport, reader));
    }

    /** {@return the reading half} */
    public StreamReader reader() {
        return reader;
    }

    /** {@return the writing half} */
    public StreamWriter writer() {
        return writer;
    }

    /**
     * Closes the connection: the writer's {@link StreamWriter#closeAsync()} ({@code close()}, then
     * {@code waitClosed()}).
     *
     * @return a future that completes when the connection is closed
     */
    @Override
    public Future<Void> closeAsync() {
        return writer.closeAsync();
    }

    @Override
    public String toString() {
        return "Streams[" + reader + ", " + writer + "]";
    }
}
