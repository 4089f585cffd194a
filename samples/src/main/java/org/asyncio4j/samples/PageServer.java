package org.asyncio4j.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local web site that {@link Crawler} fetches: the JDK's own HTTP server on 127.0.0.1 and a port the OS chooses,
 * serving {@code /page/0} to {@code /page/<n-1>}, each with a size of its own, on a small pool of threads (it is
 * an ordinary blocking server; only the crawler is asynchronous).
 *
 * <p>It counts the requests it is handling at once. So that the count shows the crawler's concurrency rather than
 * the machine's speed, each response is held until {@code expectedConcurrency} requests are in flight, or every
 * page has been asked for (then fewer are left); a crawler that asked for more pages at once than it should, or
 * fewer, is caught by {@link #maxInFlight()} (or, if it asks one at a time, by the hold's time limit).
 *
 * <p>Thread-safe: the handler threads share the counters under this object's lock.
 */
final class PageServer implements AutoCloseable {
    /** The longest a response is held waiting for company before the server answers 503: a failing crawler only. */
    private static final long HOLD_LIMIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final HttpServer server;
    private final ExecutorService threads;
    private final int pages;
    private final int expectedConcurrency;
    private int inFlight;
    private int maxInFlight;
    private int started;

    private PageServer(int pages, int expectedConcurrency) throws IOException {
        this.pages = pages;
        this.expectedConcurrency = expectedConcurrency;
        this.threads = Executors.newFixedThreadPool(expectedConcurrency + 2, r -> {
            Thread t = new Thread(r, "page-server");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(Crawler.HOST, 0), 0);
        server.createContext("/page/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts serving {@code pages} pages, holding responses until {@code expectedConcurrency} are in flight. */
    static PageServer start(int pages, int expectedConcurrency) throws IOException {
        return new PageServer(pages, expectedConcurrency);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The size of page {@code n}: 1,000 bytes plus 1,500 per page number, so no two pages are alike. */
    static int sizeOf(int n) {
        return 1000 + 1500 * n;
    }

    /** The most requests that were in flight at once. */
    synchronized int maxInFlight() {
        return maxInFlight;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            int n = Integer.parseInt(exchange.getRequestURI().getPath().substring("/page/".length()));
            byte[] body = null;
            int status;
            // Held until enough requests are in flight: the crawler's requests of one batch are answered together,
            // by as many server threads, in whatever order those threads run (not the order they were asked in).
            boolean held = enter();
            try {
                status = !held ? 503 : n < 0 || n >= pages ? 404 : 200;
                if (status == 200) {
                    body = new byte[sizeOf(n)];
                    Arrays.fill(body, (byte) ('a' + n % 26));
                }
            } finally {
                // Counted out before the first byte goes back: the crawler cannot send its next request (and be
                // counted in) while this one still counts.
                leave();
            }
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Counts the request in, then holds it until enough are in flight; false if the hold timed out. */
    private synchronized boolean enter() {
        inFlight++;
        started++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        notifyAll();
        long deadline = System.currentTimeMillis() + HOLD_LIMIT_MILLIS;
        while (inFlight < expectedConcurrency && started < pages) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized void leave() {
        inFlight--;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
