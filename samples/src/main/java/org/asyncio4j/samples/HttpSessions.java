package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;

/**
 * The seeds' aiohttp example, {@code async with}, and a paginated fetch consumed with {@code async for}, on
 * {@link ClientSession} against a local site ({@link ItemsSite}):
 * <pre>
 * async def fetch(url):
 *     async with aiohttp.ClientSession() as session, session.get(url) as response:
 *         return f'{response.status} {await response.text()}'
 *
 * async def pages(session, url):                  # an async generator in Python
 *     page = 1
 *     while True:
 *         async with session.get(f'{url}?page={page}') as response:
 *             items = await response.text()
 *         if not items:
 *             return
 *         yield items
 *         page += 1
 *
 * async def all_items(url):
 *     async with aiohttp.ClientSession() as session:
 *         return [item async for page in pages(session, url) for item in page.split(',')]
 * </pre>
 * The generator is written by hand here, as an {@link AsyncIterator} ({@link Pages}) whose step is an
 * {@code @Async} method. Each {@code try}-with-resources awaits the closes on the way out, responses before the
 * session, whatever ends the block.
 */
public final class HttpSessions {
    /** The address the site listens on: loopback only. */
    static final String HOST = "127.0.0.1";

    private HttpSessions() {}

    /** {@code async with ClientSession() as session, session.get(url) as response:}. */
    @Async
    static String fetch(String url, List<String> events) {
        try (ClientSession session = new ClientSession(events);
                ClientSession.Response response = await(session.get(url))) {
            return response.status() + " " + await(response.text());
        }
    }

    /** {@code async for line in response.content:} over a response's body. */
    @Async
    static List<String> poem(String url) {
        List<String> lines = new ArrayList<>();
        try (ClientSession session = new ClientSession(); ClientSession.Response response = await(session.get(url))) {
            for (String line : response.lines()) {
                lines.add(line.length() + " chars: " + line);
            }
        }
        return lines;
    }

    /** The pages of {@code url}, fetched one at a time as the loop asks for them. */
    static final class Pages implements AsyncIterator<String> {
        final ClientSession session;
        final String url;
        int page = 1;
        String current;

        Pages(ClientSession session, String url) {
            this.session = session;
            this.url = url;
        }

        @Override
        public Coroutine<Boolean> hasNextAsync() {
            return HttpSessionsAsync.nextPage(this);
        }

        @Override
        public String next() {
            return current;
        }

        /** Nothing to release between pages: each page's response is closed as soon as it is read. */
        @Override
        public Coroutine<Void> closeAsync() {
            return HttpSessionsAsync.stop(this);
        }
    }

    @Async
    static boolean nextPage(Pages pages) {
        try (ClientSession.Response response = await(pages.session.get(pages.url + "?page=" + pages.page))) {
            pages.current = await(response.text());
        }
        pages.page++;
        return !pages.current.isEmpty();
    }

    @SuppressWarnings("AsyncWithoutAwait") // an aclose() with nothing to wait for
    @Async
    static void stop(Pages pages) {
        pages.current = null;
    }

    /** {@code [item async for page in pages(session, url) for item in page.split(',')]}. */
    @Async
    static List<String> allItems(String url, List<String> events) {
        List<String> items = new ArrayList<>();
        try (ClientSession session = new ClientSession(events)) {
            for (String page : new Pages(session, url)) {
                items.addAll(List.of(page.split(",")));
            }
        }
        return items;
    }

    /** Both, printing what each session did: its opens and closes, in order. */
    @Async
    static List<String> demo(int port) {
        String base = "http://" + HOST + ":" + port;
        List<String> out = new ArrayList<>();
        List<String> events = new ArrayList<>();
        out.add(await(HttpSessionsAsync.fetch(base + "/hello", events)));
        out.add("  " + String.join(", ", events));
        events.clear();
        out.add(String.join(" ", await(HttpSessionsAsync.allItems(base + "/items", events))));
        out.add("  " + String.join(", ", events));
        out.addAll(await(HttpSessionsAsync.poem(base + "/poem")));
        return out;
    }

    /** Starts the site, runs {@link #demo} on {@code loop} within {@code timeoutSeconds}, stops the site. */
    public static List<String> run(EventLoop loop, double timeoutSeconds) throws IOException {
        try (ItemsSite site = ItemsSite.start()) {
            return Asyncio.run(Asyncio.waitFor(HttpSessionsAsync.demo(site.port()), timeoutSeconds), loop);
        }
    }

    public static void main(String[] args) throws IOException {
        for (String line : run(new EventLoop(), 30)) {
            System.out.println(line);
        }
    }
}
