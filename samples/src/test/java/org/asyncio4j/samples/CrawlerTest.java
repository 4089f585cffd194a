package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * Both crawls of {@link Crawler} against its local site, on a real-clock loop. Asserts every page's size and that
 * the site saw exactly {@code limit} requests at once (the site holds each response until that many are in flight,
 * so this does not depend on the machine's speed); never the time taken. The timeout is a safety net that only a
 * failing run reaches.
 */
class CrawlerTest {
    private static final int PAGES = 10;
    private static final int LIMIT = 3;

    @Test
    void bothCrawls_getEveryPage_withExactlyLimitRequestsInFlight() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<Crawler.Result> results;
        EventLoop loop = new EventLoop();
        try {
            results = Crawler.run(loop, PAGES, LIMIT, 30);
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        List<Integer> expected = new ArrayList<>();
        for (int page = 0; page < PAGES; page++) {
            expected.add(PageServer.sizeOf(page));
        }
        assertEquals(2, results.size());
        for (Crawler.Result r : results) {
            assertEquals(expected, r.sizes());
            assertEquals(LIMIT, r.maxInFlight());
        }
        assertTrue(loop.isClosed());

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        Set<String> pageLines = new TreeSet<>();
        for (int page = 0; page < PAGES; page++) {
            pageLines.add("  page " + page + ": " + PageServer.sizeOf(page) + " bytes");
        }
        int total = expected.stream().mapToInt(Integer::intValue).sum();
        assertEquals("HttpClient.sendAsync: " + PAGES + " pages, at most " + LIMIT + " at a time", lines.get(0));
        assertEquals(pageLines, new TreeSet<>(lines.subList(1, 1 + PAGES)));
        String clientTotal = lines.get(1 + PAGES);
        assertTrue(clientTotal.startsWith("HttpClient.sendAsync: " + total + " bytes in "), clientTotal);
        assertEquals("streams: " + PAGES + " pages, at most " + LIMIT + " at a time", lines.get(2 + PAGES));
        assertEquals(pageLines, new TreeSet<>(lines.subList(3 + PAGES, 3 + 2 * PAGES)));
        assertTrue(lines.get(3 + 2 * PAGES).startsWith("streams: " + total + " bytes in "), lines.get(3 + 2 * PAGES));
        assertEquals(4 + 2 * PAGES, lines.size());
    }
}
