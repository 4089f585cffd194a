package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;
import org.asyncio4j.sync.Semaphore;

/**
 * A concurrent crawler: fetches the pages of a local site ({@link PageServer}, started by the sample itself) at most
 * {@code limit} at a time, twice: once with the JDK's {@link HttpClient} ({@code sendAsync} returns a
 * {@code CompletableFuture}, which {@code await} takes as it is), once over asyncio4j streams speaking HTTP/1.1 by
 * hand. Prints each page's size as it arrives, and each crawl's total.
 *
 * <pre>
 * async def fetch(session, url, sem):
 *     async with sem:
 *         async with session.get(url) as response:
 *             return len(await response.read())
 *
 * async def crawl(urls, limit):
 *     sem = asyncio.Semaphore(limit)
 *     return await asyncio.gather(*(fetch(session, url, sem) for url in urls))
 * </pre>
 *
 * <p>Run it with {@code java ... org.asyncio4j.samples.Crawler [pages [limit]]} (default 12 pages, 4 at a time).
 * Everything stays on 127.0.0.1.
 *
 * <p>Thread-safety: the class holds no state; each crawl's coroutines run on one loop.
 */
public final class Crawler {
    /** The address of the local site: loopback only. */
    public static final String HOST = "127.0.0.1";

    private Crawler() {}

    /** What one crawl found: each page's size, in page order, and the most requests the site saw at once. */
    public record Result(List<Integer> sizes, int maxInFlight) {}

    /** How a crawl fetches one page. */
    @FunctionalInterface
    interface Fetcher {
        Coroutine<Integer> fetch(int port, int page);
    }

    // ---- fetching one page, two ways ----

    /** Fetches a page with {@code client.sendAsync}, awaiting the CompletableFuture it returns. */
    @Async
    static int fetchWithHttpClient(HttpClient client, int port, int page) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/page/" + page))
                .build();
        HttpResponse<byte[]> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        checkStatus(page, response.statusCode());
        return response.body().length;
    }

    /** Fetches a page over a raw connection: a GET, the status line, the headers, then Content-Length bytes. */
    @Async
    static int fetchWithStreams(int port, int page) throws IOException {
        Streams streams = await(Asyncio.openConnection(HOST, port));
        StreamReader reader = streams.reader();
        StreamWriter writer = streams.writer();
        writer.write(("GET /page/" + page + " HTTP/1.1\r\nHost: " + HOST + ":" + port
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        await(writer.drain());
        byte[] statusLine = await(reader.readLine());
        String[] status = ascii(statusLine).split(" ");
        checkStatus(page, status.length > 1 ? Integer.parseInt(status[1]) : -1);
        int length = -1;
        byte[] header = await(reader.readLine());
        while (!ascii(header).isEmpty()) {
            String h = ascii(header);
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(h.substring("content-length:".length()).strip());
            }
            header = await(reader.readLine());
        }
        if (length < 0) {
            throw new IOException("page " + page + ": the response has no Content-Length");
        }
        byte[] body = await(reader.readExactly(length));
        writer.close();
        await(writer.waitClosed());
        return body.length;
    }

    static String ascii(byte[] line) {
        return new String(line, StandardCharsets.US_ASCII).strip();
    }

    static void checkStatus(int page, int status) {
        if (status != 200) {
            throw new IllegalStateException("page " + page + ": HTTP status " + status);
        }
    }

    // ---- the crawl ----

    /**
     * Holds one of {@code sem}'s permits while it fetches. (An await inside try/finally comes with the next
     * processor version; until then a failed fetch keeps its permit, which is harmless here: the first failure
     * fails the whole gather.)
     */
    @Async
    static int fetchLimited(Semaphore sem, Fetcher fetcher, int port, int page) {
        await(sem.acquire());
        int size = await(fetcher.fetch(port, page));
        System.out.println("  page " + page + ": " + size + " bytes");
        sem.release();
        return size;
    }

    /** Fetches every page, at most {@code limit} at a time; returns the sizes in page order. */
    @Async
    static List<Integer> crawl(Fetcher fetcher, int port, int pages, int limit) {
        Semaphore sem = new Semaphore(limit);
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            tasks.add(Asyncio.createTask(CrawlerAsync.fetchLimited(sem, fetcher, port, page)));
        }
        return await(Asyncio.gather(tasks));
    }

    /** Starts a site, crawls it with {@code fetcher}, prints the total, and stops the site. */
    @Async
    static Result crawlSite(String how, Fetcher fetcher, int pages, int limit) throws IOException {
        PageServer site = PageServer.start(pages, limit);
        System.out.println(how + ": " + pages + " pages, at most " + limit + " at a time");
        long start = System.nanoTime();
        List<Integer> sizes = await(CrawlerAsync.crawl(fetcher, site.port(), pages, limit));
        double seconds = (System.nanoTime() - start) / 1e9;
        site.close();
        long total = 0;
        for (int size : sizes) {
            total += size;
        }
        System.out.println(String.format(Locale.ROOT, "%s: %d bytes in %.2f s", how, total, seconds));
        return new Result(sizes, site.maxInFlight());
    }

    /** Both crawls, one after the other: first with HttpClient, then with streams. */
    @Async
    static List<Result> both(int pages, int limit) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Result viaClient = await(CrawlerAsync.crawlSite("HttpClient.sendAsync",
                (port, page) -> CrawlerAsync.fetchWithHttpClient(client, port, page), pages, limit));
        Result viaStreams = await(CrawlerAsync.crawlSite("streams", CrawlerAsync::fetchWithStreams, pages, limit));
        return List.of(viaClient, viaStreams);
    }

    /**
     * Runs both crawls on {@code loop} (tests pass a real-clock loop), closes the loop, and returns their results;
     * gives up with a {@code TimeoutError} after {@code timeoutSeconds}.
     */
    public static List<Result> run(EventLoop loop, int pages, int limit, double timeoutSeconds) {
        return Asyncio.run(Asyncio.waitFor(CrawlerAsync.both(pages, limit), timeoutSeconds), loop);
    }

    public static void main(String[] args) {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Asyncio.run(CrawlerAsync.both(pages, limit));
    }
}
