package org.asyncio4j.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local site {@link HttpSessions} talks to: the JDK's HTTP server on 127.0.0.1 and a port the OS chooses.
 * {@code /hello} says hello; {@code /poem} has three lines; {@code /items?page=N} lists items {@code N.1,N.2} for pages 1 to {@link #PAGES}, and
 * nothing after the last page (how a paginated API says "no more").
 *
 * <p>Thread-safe: an ordinary blocking server on a thread of its own.
 */
final class ItemsSite implements AutoCloseable {
    /** How many pages have items. */
    static final int PAGES = 3;

    private final HttpServer server;
    private final ExecutorService thread;

    private ItemsSite() throws IOException {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "items-site");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(HttpSessions.HOST, 0), 0);
        server.createContext("/hello", exchange -> answer(exchange, "hello from the site"));
        server.createContext("/poem", exchange -> answer(exchange, "Beautiful is better than ugly.\r\n"
                + "Explicit is better than implicit.\nSimple is better than complex.\n"));
        server.createContext("/items", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int page = query == null ? 1 : Integer.parseInt(query.substring("page=".length()));
            answer(exchange, page <= PAGES ? page + ".1," + page + ".2" : "");
        });
        server.setExecutor(thread);
        server.start();
    }

    static ItemsSite start() throws IOException {
        return new ItemsSite();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        try (exchange) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
