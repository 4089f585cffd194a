package org.asyncio4j.group;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;

/**
 * A line echo handler written by hand as a coroutine (the runtime's tests have no processor): reads a line, writes
 * it back, drains, until end of stream, then closes. A client that vanishes (reset) ends it quietly. Records the
 * loop it started on and checks it is still on that loop at every step.
 *
 * <p>Not thread-safe: one instance per connection, on its loop's thread.
 */
final class LineEcho extends Coroutine<Void> {
    /** Connections whose handler saw its loop change (must stay empty). Thread-safe. */
    static final List<String> MOVED = new CopyOnWriteArrayList<>();

    private final StreamReader reader;
    private final StreamWriter writer;
    private final EventLoop home = Asyncio.getRunningLoop();
    private int state;

    LineEcho(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    static Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
        return new LineEcho(reader, writer);
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        for (;;) {
            if (Asyncio.getRunningLoop() != home) {
                MOVED.add(writer.toString());
            }
            if (error != null) {
                writer.close();
                if (error instanceof IOException) {
                    return null;                    // the client vanished: nothing left to echo
                }
                throw error;
            }
            if (state == 0) {
                state = 1;
                if (suspendOnFuture(reader.readLine())) {
                    return SUSPENDED;
                }
                try {
                    value = awaitedResult();
                } catch (Throwable t) {
                    error = t;
                    continue;
                }
            }
            if (state == 1) {
                byte[] line = (byte[]) value;
                if (line.length == 0) {
                    writer.close();
                    return null;
                }
                writer.write(line);
                state = 2;
                if (suspendOnFuture(writer.drain())) {
                    return SUSPENDED;
                }
                try {
                    awaitedResult();
                } catch (Throwable t) {
                    error = t;
                    continue;
                }
            }
            state = 0;          // drained: read the next line
        }
    }
}
