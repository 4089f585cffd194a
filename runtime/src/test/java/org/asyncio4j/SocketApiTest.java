package org.asyncio4j;

import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The loop's socket API: sockAccept, sockConnect, sockSendall, sockRecv, and their selection keys. */
class SocketApiTest extends NetTestBase {

    @Test
    void acceptConnectSendRecvRoundTrip() throws IOException {
        ServerSocketChannel server = listen();
        SocketChannel client = client();
        Future<SocketChannel> accepted = loop.sockAccept(server);
        // Server side: accept, read "ping", answer "pong".
        Coroutine<String> serverSide = Script.coro(() -> awaitThen(accepted, r -> {
            SocketChannel conn = track(r.<SocketChannel>get());
            ByteBuffer in = ByteBuffer.allocate(4);
            return readFully(conn, in, () -> awaitThen(
                    loop.sockSendall(conn, ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII))),
                    w -> {
                        w.get();
                        return done(new String(in.array(), StandardCharsets.US_ASCII));
                    }));
        }));
        Coroutine<String> clientSide = Script.coro(() -> awaitThen(loop.sockConnect(client, server.getLocalAddress()),
                c -> {
                    c.get();
                    return awaitThen(loop.sockSendall(client, ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII))),
                            w -> {
                                w.get();
                                ByteBuffer in = ByteBuffer.allocate(4);
                                return readFully(client, in,
                                        () -> done(new String(in.array(), StandardCharsets.US_ASCII)));
                            });
                }));
        Task<String> s = loop.createTask(serverSide);
        Task<String> c = loop.createTask(clientSide);
        runUntilComplete(Asyncio.gather(s, c));
        assertEquals("ping", s.result());
        assertEquals("pong", c.result());
        runOnePass();
        assertEquals(0, allKeys(), "no selection key left once nobody waits");
    }

    @Test
    void recvReturnsMinusOneAtEndOfStream() throws IOException {
        ServerSocketChannel server = listen();
        SocketChannel client = client();
        Coroutine<Integer> body = Script.coro(() -> awaitThen(loop.sockConnect(client, server.getLocalAddress()),
                c -> {
                    c.get();
                    return awaitThen(loop.sockAccept(server), a -> {
                        SocketChannel conn = track(a.<SocketChannel>get());
                        conn.shutdownOutput();
                        return awaitThen(loop.sockRecv(client, ByteBuffer.allocate(8)), r -> done(r.get()));
                    });
                }));
        assertEquals(-1, runUntilComplete(body));
    }

    @Test
    void connectionRefusedFailsTheFuture() throws IOException {
        InetSocketAddress address;
        try (ServerSocketChannel closed = ServerSocketChannel.open()) {
            closed.bind(new InetSocketAddress(HOST, 0));
            address = (InetSocketAddress) closed.getLocalAddress();
        }
        SocketChannel client = client();
        Future<Void> f = loop.sockConnect(client, address);
        ConnectException e = assertThrows(ConnectException.class, () -> runUntilComplete(f));
        assertTrue(String.valueOf(e.getMessage()).contains("refused"), e.getMessage());
        runOnePass();
        assertEquals(0, allKeys());
    }

    @Test
    void cancellingATaskBlockedInRecvLeaksNoSelectionKey() throws IOException {
        ServerSocketChannel server = listen();
        SocketChannel client = client();
        Coroutine<Integer> reader = Script.coro(() -> awaitThen(loop.sockConnect(client, server.getLocalAddress()),
                c -> {
                    c.get();
                    return awaitThen(loop.sockRecv(client, ByteBuffer.allocate(8)), r -> done(r.get()));
                }));
        Task<Integer> task = loop.createTask(reader);
        Future<SocketChannel> accepted = loop.sockAccept(server);
        track(runUntilComplete(accepted));
        // Run until the reader waits in sockRecv: its channel is then registered for reading.
        for (int i = 0; i < 100 && validKeys() == 0; i++) {
            runOnePass();
        }
        assertEquals(1, validKeys(), "the blocked read registered its channel");
        task.cancel();
        assertThrows(CancelledError.class, () -> runUntilComplete(task));
        assertEquals(0, validKeys(), "cancelling removed the interest");
        runOnePass();
        assertEquals(0, allKeys(), "and the key is gone after one pass");
    }

    @Test
    void blockingChannelsAreRejected() throws IOException {
        SocketChannel blocking = track(SocketChannel.open());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.sockRecv(blocking, ByteBuffer.allocate(1)));
        assertTrue(e.getMessage().contains("non-blocking"), e.getMessage());
    }

    @Test
    void recvFailureIsTheFuturesException() throws IOException {
        SocketChannel client = client();
        Future<Integer> f = loop.sockRecv(client, ByteBuffer.allocate(1));
        assertInstanceOf(java.nio.channels.NotYetConnectedException.class, f.exception(), "reading an unconnected channel fails at once");
    }

    /** Reads until {@code in} is full, then continues with {@code then}. */
    private Script.Next readFully(SocketChannel ch, ByteBuffer in, Script.Body then) throws Throwable {
        if (!in.hasRemaining()) {
            return then.run();
        }
        return awaitThen(loop.sockRecv(ch, in), r -> {
            int n = r.<Integer>get();
            if (n < 0) {
                throw new IOException("unexpected EOF");
            }
            return readFully(ch, in, then);
        });
    }
}
