package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.streams.Server;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;

/**
 * A TCP echo server on asyncio streams: each connection runs {@link #handle} as a task of its own, which sends
 * every line back until the client half-closes or closes. One thread serves all connections.
 *
 * <pre>
 * async def handle(reader, writer):
 *     while line := await reader.readline():
 *         writer.write(line)
 *         await writer.drain()
 *     writer.close()
 *     await writer.wait_closed()
 *
 * async def main():
 *     server = await asyncio.start_server(handle, '127.0.0.1', 8888)
 *     print(f'Serving on 127.0.0.1:{server.sockets[0].getsockname()[1]}')
 *     async with server:
 *         await server.serve_forever()
 *
 * asyncio.run(main())
 * </pre>
 *
 * <p>Run it with {@code java ... org.asyncio4j.samples.EchoServer [port]} (default 8888; 0 lets the OS choose),
 * then {@link EchoClient} against the same port. {@code drain()} after each write is what keeps a client that
 * sends faster than it reads from making the server buffer without bound.
 */
public final class EchoServer {
    /** The address the sample listens on: loopback only. */
    public static final String HOST = "127.0.0.1";

    private EchoServer() {}

    /** Echoes lines until the end of the stream, then closes the connection. */
    @Async
    static void handle(StreamReader reader, StreamWriter writer) {
        byte[] line = await(reader.readLine());
        while (line.length > 0) {
            writer.write(line);
            await(writer.drain());
            line = await(reader.readLine());
        }
        writer.close();
        await(writer.waitClosed());
    }

    /** Serves on {@code port} until the task is cancelled. */
    @Async
    static void serve(int port) {
        Server server = await(Asyncio.startServer(EchoServerAsync::handle, HOST, port));
        System.out.println("Serving on " + HOST + ":" + server.port());
        await(server.serveForever());
    }

    /** Starts a server on a port the OS chooses, runs {@link EchoClient#talk} against it, and shuts it down. */
    @Async
    static List<String> serveOnce(List<String> lines) {
        Server server = await(Asyncio.startServer(EchoServerAsync::handle, HOST, 0));
        List<String> echoes = await(EchoClientAsync.talk(HOST, server.port(), lines));
        server.close();
        await(server.waitClosed());
        return echoes;
    }

    /**
     * Runs a server and a client that sends {@code lines} on {@code loop} (tests pass a real-clock loop), closes
     * the loop, and returns the echoes; gives up with a {@code TimeoutError} after {@code timeoutSeconds}.
     */
    public static List<String> run(EventLoop loop, List<String> lines, double timeoutSeconds) {
        return Asyncio.run(Asyncio.waitFor(EchoServerAsync.serveOnce(lines), timeoutSeconds), loop);
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        Asyncio.run(EchoServerAsync.serve(port));
    }
}
