package org.asyncio4j.streams;

import java.util.Objects;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;

/**
 * The two halves of a stream connection, as {@link Asyncio#openConnection} returns them (asyncio's
 * {@code (reader, writer)} pair). Not thread-safe: both halves belong to the loop that made them.
 */
public final class Streams {
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

    @Override
    public String toString() {
        return "Streams[" + reader + ", " + writer + "]";
    }
}
