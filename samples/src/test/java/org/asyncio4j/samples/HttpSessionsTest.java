package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * {@code async with ClientSession() as s, s.get(url) as res} and a paginated {@code async for}, against the local
 * site on a real-clock loop: the results, and every response closed before its session, each page's response
 * before the next page is asked for. The 10-second timeout is a safety net that only a failing run reaches.
 */
class HttpSessionsTest {

    @Test
    void fetchAndPaginate_closeResponsesThenTheSession() throws Exception {
        EventLoop loop = new EventLoop();
        List<String> lines = HttpSessions.run(loop, 10);
        assertEquals(List.of(
                "200 hello from the site",
                "  open GET /hello, close /hello, close session",
                "1.1 1.2 2.1 2.2 3.1 3.2",
                "  open GET /items?page=1, close /items?page=1, open GET /items?page=2, close /items?page=2, "
                        + "open GET /items?page=3, close /items?page=3, open GET /items?page=4, "
                        + "close /items?page=4, close session",
                "30 chars: Beautiful is better than ugly.",
                "33 chars: Explicit is better than implicit.",
                "30 chars: Simple is better than complex."), lines);
        assertTrue(loop.isClosed());
    }
}
