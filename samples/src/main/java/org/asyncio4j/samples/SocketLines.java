package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.async;
import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.emit;
import static org.asyncio4j.Asyncio.endGenerator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.AsyncGenerator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.streams.Server;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;

/**
 * A socket's lines as an async generator, read by a client that stops early; the server's handler is an async
 * lambda (issue #18).
 *
 * <pre>
 * async def lines(reader, writer):
 *     try:
 *         while line := await reader.readline():
 *             yield line.decode().strip()
 *     finally:
 *         writer.close()
 *         await writer.wait_closed()
 *
 * async def first_lines(count, stop_at):
 *     async def send(reader, writer):
 *         for i in range(1, count + 1):
 *             writer.write(f'line {i}\n'.encode())
 *             await writer.drain()
 *         writer.close()
 *     server = await asyncio.start_server(send, '127.0.0.1', 0)
 *     reader, writer = await asyncio.open_connection('127.0.0.1', server.sockets[0].getsockname()[1])
 *     read = []
 *     gen = lines(reader, writer)
 *     async for line in gen:
 *         read.append(line)
 *         if line == stop_at:
 *             break
 *     await gen.aclose()
 *     ...
 * </pre>
 */
public final class SocketLines {
    /** The address the sample listens on: loopback only. */
    public static final String HOST = "127.0.0.1";

    private SocketLines() {}

    /** The lines the peer sends, until it closes its side; closing the generator early closes the connection. */
    @Async
    static AsyncGenerator<String> lines(StreamReader reader, StreamWriter writer) {
        try {
            for (;;) {
                byte[] line = await(reader.readLine());
                if (line.length == 0) {
                    return endGenerator();
                }
                emit(new String(line, StandardCharsets.UTF_8).strip());
            }
        } finally {
            writer.close();
            await(writer.waitClosed());
        }
    }

    /**
     * Serves {@code count} numbered lines to a client, which reads them as a generator until {@code stopAt} (or the
     * end) and then closes the generator.
     */
    @Async
    static List<String> firstLines(int count, String stopAt) {
        Server server = await(Asyncio.startServer(async((reader, writer) -> {
            for (int i = 1; i <= count; i++) {
                writer.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                await(writer.drain());
            }
            writer.close();
            await(writer.waitClosed());
        }), HOST, 0));
        Streams connection = await(Asyncio.openConnection(HOST, server.port()));
        AsyncGenerator<String> lines = SocketLinesAsync.lines(connection.reader(), connection.writer());
        List<String> read = new ArrayList<>();
        while (await(lines.hasNextAsync())) {
            String line = lines.next();
            read.add(line);
            if (line.equals(stopAt)) {
                break;
            }
        }
        await(lines.closeAsync());      // runs the generator's finally: our side of the connection closes
        server.close();
        await(server.waitClosed());
        return read;
    }

    /**
     * Runs {@link #firstLines} on {@code loop} (tests pass a real-clock loop) and closes it; gives up with a
     * {@code TimeoutError} after {@code timeoutSeconds}.
     */
    public static List<String> run(EventLoop loop, int count, String stopAt, double timeoutSeconds) {
        return Asyncio.run(Asyncio.waitFor(SocketLinesAsync.firstLines(count, stopAt), timeoutSeconds), loop);
    }

    /** Prints the first three of five lines. */
    public static void main(String[] args) {
        run(new EventLoop(), 5, "line 3", 10).forEach(System.out::println);
    }
}
