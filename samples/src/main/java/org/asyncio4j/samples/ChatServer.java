package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.streams.Server;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;

/**
 * asyncio's classic streams chat: a client connects and sends its name; the server welcomes it, tells the others,
 * and from then on sends each of its lines to everyone else; when it disconnects, the others are told. One thread
 * and one task per connection serve everyone.
 *
 * <pre>
 * clients = {}
 *
 * async def handle(reader, writer):
 *     name = (await reader.readline()).decode().strip()
 *     writer.write(f'Welcome, {name}! Also here: {", ".join(clients.values()) or "nobody"}\n'.encode())
 *     await broadcast(f'* {name} joined', writer)
 *     clients[writer] = name
 *     while line := await reader.readline():
 *         await broadcast(f'{name}: {line.decode().strip()}', writer)
 *     del clients[writer]
 *     await broadcast(f'* {name} left', writer)
 *     writer.close()
 *     await writer.wait_closed()
 * </pre>
 *
 * <p>Run it with {@code java ... org.asyncio4j.samples.ChatServer [port]} (default 8888) and connect with
 * {@code nc 127.0.0.1 8888}: type a name, then lines. {@link #run} plays a scripted conversation of three
 * clients against a server on the same loop and returns what each client received.
 *
 * <p>Not thread-safe: one instance serves the connections of one loop.
 */
public final class ChatServer {
    /** The address the sample listens on: loopback only. */
    public static final String HOST = "127.0.0.1";

    /** The connected clients' writers and names, in the order they joined. */
    final Map<StreamWriter, String> clients = new LinkedHashMap<>();

    /** Serves one connection: its name line first, then its messages until it disconnects. */
    @Async
    void handle(StreamReader reader, StreamWriter writer) {
        byte[] nameLine = await(reader.readLine());
        String name = text(nameLine);
        if (name.isEmpty()) {               // disconnected before saying who it is
            writer.close();
            await(writer.waitClosed());
            return;
        }
        String others = clients.isEmpty() ? "nobody" : String.join(", ", clients.values());
        writer.write(bytes("Welcome, " + name + "! Also here: " + others));
        await(ChatServerAsync.broadcast(this, "* " + name + " joined", writer));
        clients.put(writer, name);
        byte[] line = await(reader.readLine());
        while (line.length > 0) {
            await(ChatServerAsync.broadcast(this, name + ": " + text(line), writer));
            line = await(reader.readLine());
        }
        clients.remove(writer);
        await(ChatServerAsync.broadcast(this, "* " + name + " left", writer));
        writer.close();
        await(writer.waitClosed());
    }

    /** Sends {@code message} to every client but {@code from}, then waits until no one's buffer is over its limit. */
    @Async
    void broadcast(String message, StreamWriter from) {
        List<Future<Void>> drains = new ArrayList<>();
        for (StreamWriter w : clients.keySet()) {
            if (w != from) {
                w.write(bytes(message));
                drains.add(w.drain());
            }
        }
        await(Asyncio.gather(drains));
    }

    static byte[] bytes(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).strip();
    }

    // ---- the scripted conversation ----

    /** One scripted client: its connection and every line it received. */
    static final class Client {
        final String name;
        final Streams streams;
        final List<String> received = new ArrayList<>();

        Client(String name, Streams streams) {
            this.name = name;
            this.streams = streams;
        }
    }

    /** Connects, sends the name and waits for the welcome, so the server has registered the client. */
    @Async
    static Client join(String name, int port) {
        Streams streams = await(Asyncio.openConnection(HOST, port));
        Client c = new Client(name, streams);
        streams.writer().write(bytes(name));
        await(ChatServerAsync.expect(c));
        return c;
    }

    /** Waits for the client's next line. */
    @Async
    static void expect(Client c) {
        byte[] line = await(c.streams.reader().readLine());
        c.received.add(text(line));
    }

    /** Sends a chat line. */
    @Async
    static void say(Client c, String message) {
        c.streams.writer().write(bytes(message));
        await(c.streams.writer().drain());
    }

    /** Disconnects: half-closes, reads whatever is left up to the server's close, and closes. */
    @Async
    static void leave(Client c) {
        c.streams.writer().writeEof();
        byte[] rest = await(c.streams.reader().read(-1));
        for (String line : new String(rest, StandardCharsets.UTF_8).lines().toList()) {
            c.received.add(line.strip());
        }
        c.streams.writer().close();
        await(c.streams.writer().waitClosed());
    }

    /**
     * Alice, Bob and Carol join one after another, Alice and Bob say something, Carol leaves, then Alice, then Bob.
     * Each step waits for the lines it causes, so the conversation is the same on every run.
     */
    @Async
    static Map<String, List<String>> conversation() {
        ChatServer chat = new ChatServer();
        Server server = await(Asyncio.startServer((r, w) -> ChatServerAsync.handle(chat, r, w), HOST, 0));
        int port = server.port();
        Client alice = await(ChatServerAsync.join("alice", port));
        Client bob = await(ChatServerAsync.join("bob", port));
        await(ChatServerAsync.expect(alice));                       // * bob joined
        Client carol = await(ChatServerAsync.join("carol", port));
        await(ChatServerAsync.expect(alice));                       // * carol joined
        await(ChatServerAsync.expect(bob));
        await(ChatServerAsync.say(alice, "hi all"));
        await(ChatServerAsync.expect(bob));
        await(ChatServerAsync.expect(carol));
        await(ChatServerAsync.say(bob, "hello alice"));
        await(ChatServerAsync.expect(alice));
        await(ChatServerAsync.expect(carol));
        await(ChatServerAsync.leave(carol));
        await(ChatServerAsync.expect(alice));                       // * carol left
        await(ChatServerAsync.expect(bob));
        await(ChatServerAsync.leave(alice));
        await(ChatServerAsync.expect(bob));                         // * alice left
        await(ChatServerAsync.leave(bob));
        server.close();
        await(server.waitClosed());
        Map<String, List<String>> transcripts = new LinkedHashMap<>();
        for (Client c : List.of(alice, bob, carol)) {
            transcripts.put(c.name, c.received);
        }
        return transcripts;
    }

    /**
     * Runs {@link #conversation()} on {@code loop} (tests pass a real-clock loop), closes the loop, and returns
     * each client's received lines; gives up with a {@code TimeoutError} after {@code timeoutSeconds}.
     */
    public static Map<String, List<String>> run(EventLoop loop, double timeoutSeconds) {
        return Asyncio.run(Asyncio.waitFor(ChatServerAsync.conversation(), timeoutSeconds), loop);
    }

    /** Serves on {@code port} until the task is cancelled. */
    @Async
    static void serve(int port) {
        ChatServer chat = new ChatServer();
        Server server = await(Asyncio.startServer((r, w) -> ChatServerAsync.handle(chat, r, w), HOST, port));
        System.out.println("Chat on " + HOST + ":" + server.port() + " (connect with: nc " + HOST + " "
                + server.port() + ")");
        await(server.serveForever());
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        Asyncio.run(ChatServerAsync.serve(port));
    }
}
