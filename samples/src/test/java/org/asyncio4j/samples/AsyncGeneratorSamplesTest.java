package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * The async generator samples: a socket's lines read until the reader stops (real loopback sockets, with a 10-second
 * safety timeout only a failing run reaches), and a paginated fetch on virtual time.
 */
class AsyncGeneratorSamplesTest {
    @Test
    void socketLines_stopsEarly_andClosesTheConnection() {
        assertEquals(List.of("line 1", "line 2", "line 3"), SocketLines.run(new EventLoop(), 5, "line 3", 10));
    }

    @Test
    void socketLines_readsToTheEndOfTheStream() {
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4"), SocketLines.run(new EventLoop(), 4, "-", 10));
    }

    @Test
    void pages_aConsumerThatStopsEarly_fetchesOnlyThePagesItReads() {
        Pages.Catalog catalog = new Pages.Catalog(5, 3);
        EventLoop loop = EventLoop.virtualTime();
        List<String> first = Asyncio.run(PagesAsync.first(catalog, 7), loop);
        assertEquals(List.of("item 0", "item 1", "item 2", "item 3", "item 4", "item 5", "item 6"), first);
        assertEquals(List.of("page 0", "page 1", "page 2"), catalog.fetched());
        assertEquals(1.5, loop.time(), 1e-9);
    }

    @Test
    void pages_aConsumerThatWantsMore_getsEveryPage() {
        Pages.Catalog catalog = new Pages.Catalog(2, 2);
        List<String> all = Asyncio.run(PagesAsync.first(catalog, 100), EventLoop.virtualTime());
        assertEquals(List.of("item 0", "item 1", "item 2", "item 3"), all);
        assertEquals(List.of("page 0", "page 1"), catalog.fetched());
    }
}
