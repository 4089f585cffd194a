package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.emit;
import static org.asyncio4j.Asyncio.endGenerator;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.AsyncGenerator;

/**
 * The producer side of a paginated fetch as an async generator: a page is fetched only when its consumer has used
 * up the previous one, so a consumer that stops early fetches no more pages than it needs (issue #18).
 *
 * <pre>
 * async def items(catalog):
 *     token = None
 *     while True:
 *         page = await catalog.fetch(token)
 *         for item in page.items:
 *             yield item
 *         token = page.next
 *         if token is None:
 *             return
 *
 * async def first(catalog, n):
 *     taken = []
 *     async with contextlib.aclosing(items(catalog)) as gen:
 *         async for item in gen:
 *             taken.append(item)
 *             if len(taken) == n:
 *                 break
 *     return taken
 * </pre>
 */
public final class Pages {
    private Pages() {}

    /**
     * One page of a listing.
     *
     * @param items the page's items
     * @param next the token of the next page, or null on the last one
     */
    public record Page(List<String> items, String next) {}

    /** A listing API with {@code pages} pages of {@code perPage} items; remembers which pages it served. */
    public static final class Catalog {
        private final int pages;
        private final int perPage;
        private final List<String> fetched = new ArrayList<>();

        public Catalog(int pages, int perPage) {
            this.pages = pages;
            this.perPage = perPage;
        }

        /** Fetches a page by token ({@code null} for the first), after a round trip of half a second. */
        @Async
        Page fetch(String token) {
            int index = token == null ? 0 : Integer.parseInt(token);
            fetched.add("page " + index);
            await(sleep(0.5));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < perPage; i++) {
                items.add("item " + (index * perPage + i));
            }
            return new Page(items, index + 1 < pages ? String.valueOf(index + 1) : null);
        }

        /** {@return the pages served so far, in order} */
        public List<String> fetched() {
            return fetched;
        }
    }

    /** Every item of {@code catalog}, page by page: the next page is fetched when the consumer asks past a page. */
    @Async
    static AsyncGenerator<String> items(Catalog catalog) {
        String token = null;
        do {
            Page page = await(Pages_CatalogAsync.fetch(catalog, token));
            for (String item : page.items()) {
                emit(item);
            }
            token = page.next();
        } while (token != null);
        return endGenerator();
    }

    /** The first {@code n} items of {@code catalog} (all of them if it has fewer), fetching only their pages. */
    @Async
    public static List<String> first(Catalog catalog, int n) {
        AsyncGenerator<String> items = PagesAsync.items(catalog);
        List<String> taken = new ArrayList<>();
        try {
            while (taken.size() < n && await(items.hasNextAsync())) {
                taken.add(items.next());
            }
        } finally {
            await(items.closeAsync());
        }
        return taken;
    }
}
