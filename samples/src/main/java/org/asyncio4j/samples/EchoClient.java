package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;

/**
 * The client of {@link EchoServer}: sends lines one at a time and prints each echo.
 *
 * <pre>
 * async def talk(host, port, lines):
 *     reader, writer = await asyncio.open_connection(host, port)
 *     for line in lines:
 *         writer.write(f'{line}\n'.encode())
 *         await writer.drain()
 *         echo = (await reader.readline()).decode().strip()
 *         print(f'echo: {echo}')
 *     writer.close()
 *     await writer.wait_closed()
 * </pre>
 *
 * <p>Run it with {@code java ... org.asyncio4j.samples.EchoClient port [line ...]} while an {@link EchoServer}
 * serves on {@code port}.
 */
public final class EchoClient {
    private EchoClient() {}

    /** Sends each of {@code lines} to {@code host}:{@code port}, prints and returns the echoes. */
    @Async
    static List<String> talk(String host, int port, List<String> lines) {
        Streams streams = await(Asyncio.openConnection(host, port));
        StreamReader reader = streams.reader();
        StreamWriter writer = streams.writer();
        List<String> echoes = new ArrayList<>();
        for (String line : lines) {
            writer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            await(writer.drain());
            byte[] echo = await(reader.readLine());
            String text = new String(echo, StandardCharsets.UTF_8).strip();
            System.out.println("echo: " + text);
            echoes.add(text);
        }
        writer.close();
        await(writer.waitClosed());
        return echoes;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: EchoClient port [line ...]");
            return;
        }
        int port = Integer.parseInt(args[0]);
        List<String> lines = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("hello", "world");
        Asyncio.run(EchoClientAsync.talk(EchoServer.HOST, port, lines));
    }
}
