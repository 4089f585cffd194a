package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.asyncio4j.Async;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.streams.Streams;

/**
 * A minimal port of aiohttp's {@code ClientSession}: HTTP/1.1 GETs on the project's streams, one connection per
 * request. Both the session and its responses close asynchronously, so they are {@code async with} resources:
 * <pre>
 * async with aiohttp.ClientSession() as session, session.get(url) as response:
 *     print(response.status, await response.text())
 * </pre>
 * is, in an {@code @Async} body,
 * <pre>{@code
 * try (ClientSession session = new ClientSession(); ClientSession.Response response = await(session.get(url))) {
 *     System.out.println(response.status() + " " + await(response.text()));
 * }
 * }</pre>
 * Closing a response closes its connection (awaiting the close); closing the session closes the responses that are
 * still open, as aiohttp's does. {@link #events()} records the opens and closes, in order, for the sample's test.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 */
public final class ClientSession implements AsyncCloseable {
    final Set<Response> open = new LinkedHashSet<>();
    final List<String> events;
    private boolean closed;

    /** A session. */
    public ClientSession() {
        this(new ArrayList<>());
    }

    /** A session that appends what it does to {@code events}: "open GET /path", "close /path", "close session". */
    public ClientSession(List<String> events) {
        this.events = events;
    }

    /** {@return what the session did so far} */
    public List<String> events() {
        return List.copyOf(events);
    }

    /**
     * Sends a GET and reads the status line and headers; the body is read by {@link Response#text()}.
     *
     * @param url an {@code http://host:port/path} URL
     * @return the response, open until it is closed
     */
    public Coroutine<Response> get(String url) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return ClientSessionAsync.send(this, URI.create(url));
    }

    @Async
    Response send(URI url) throws IOException {
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        Streams connection = await(Asyncio.openConnection(url.getHost(), url.getPort()));
        events.add("open GET " + target);
        connection.writer().write(("GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        await(connection.writer().drain());
        String[] statusParts = ascii(await(connection.reader().readLine())).split(" ");
        int length = -1;
        String header = ascii(await(connection.reader().readLine()));
        while (!header.isEmpty()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
            header = ascii(await(connection.reader().readLine()));
        }
        Response response = new Response(this, connection, target,
                statusParts.length > 1 ? Integer.parseInt(statusParts[1]) : -1, length);
        open.add(response);
        return response;
    }

    /** Closes the responses that are still open (in the order they were opened). */
    @Override
    public Coroutine<Void> closeAsync() {
        return ClientSessionAsync.closeAll(this);
    }

    @Async
    void closeAll() {
        closed = true;
        for (Response response : List.copyOf(open)) {
            await(response.closeAsync());
        }
        events.add("close session");
    }

    private static String ascii(byte[] line) {
        return new String(line, StandardCharsets.US_ASCII).strip();
    }

    /** One response: its status, its body (read once), and its connection, closed by {@link #closeAsync()}. */
    public static final class Response implements AsyncCloseable {
        final ClientSession session;
        final Streams connection;
        final String target;
        final int status;
        final int length;

        Response(ClientSession session, Streams connection, String target, int status, int length) {
            this.session = session;
            this.connection = connection;
            this.target = target;
            this.status = status;
            this.length = length;
        }

        /** {@return the HTTP status code} */
        public int status() {
            return status;
        }

        /** {@return a coroutine of the body, decoded as UTF-8 (empty without a Content-Length)} */
        public Coroutine<String> text() {
            return ClientSession_ResponseAsync.readText(this);
        }

        @Async
        String readText() {
            if (length <= 0) {
                return "";
            }
            return new String(await(connection.reader().readExactly(length)), StandardCharsets.UTF_8);
        }

        /**
         * The body's lines, decoded as UTF-8, read as an {@code async for} asks for them (the server closes the
         * connection after the body): asyncio's {@code async for line in response.content}.
         *
         * @return the lines, without their line ends
         */
        public org.asyncio4j.AsyncIterable<String> lines() {
            return connection.reader().lines(StandardCharsets.UTF_8);
        }

        /** Closes the connection (once); the session forgets the response. */
        @Override
        public Coroutine<Void> closeAsync() {
            return ClientSession_ResponseAsync.closeConnection(this);
        }

        @Async
        void closeConnection() {
            if (!session.open.remove(this)) {
                return; // closed already
            }
            await(connection.closeAsync());
            session.events.add("close " + target);
        }

        @Override
        public String toString() {
            return "Response[" + status + " " + target + "]";
        }
    }
}
