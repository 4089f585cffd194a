package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.asyncio4j.sync.Lock;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact text of generated code for one representative class, so that a change in formatting, naming or
 * comments shows up in review. Behaviour is tested elsewhere; keep goldens few.
 *
 * <p>To accept new output: {@code mvn -pl runtime,processor test -Dtest=GoldenTest -Dgolden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (run from the repository root), then review the diff.
 */
class GoldenTest {
    private static final String CRAWLER = "package demo;\n"
            + "\n"
            + "import org.asyncio4j.*;\n"
            + "import java.util.ArrayList;\n"
            + "import java.util.List;\n"
            + "import static org.asyncio4j.Asyncio.*;\n"
            + "\n"
            + "public class Crawler {\n"
            + "    final int limit;\n"
            + "\n"
            + "    Crawler(int limit) { this.limit = limit; }\n"
            + "\n"
            + "    @Async\n"
            + "    static String fetch(String url) {\n"
            + "        await(sleep(0.1));\n"
            + "        return \"<\" + url + \">\";\n"
            + "    }\n"
            + "\n"
            + "    @Async\n"
            + "    List<String> crawl(List<String> urls) {\n"
            + "        List<String> pages = new ArrayList<>();\n"
            + "        for (String url : urls) {\n"
            + "            if (pages.size() == limit) {\n"
            + "                break;\n"
            + "            }\n"
            + "            String page = await(CrawlerAsync.fetch(url));\n"
            + "            pages.add(page);\n"
            + "        }\n"
            + "        return pages;\n"
            + "    }\n"
            + "}\n";

    private static final String DOWNLOADER = "package demo;\n"
            + "\n"
            + "import org.asyncio4j.*;\n"
            + "import java.io.IOException;\n"
            + "import java.util.List;\n"
            + "import static org.asyncio4j.Asyncio.*;\n"
            + "import org.asyncio4j.sync.Lock;\n"          // in place of the blank line, so line numbers stay
            + "public class Downloader {\n"
            + "    @Async\n"
            + "    static String fetch(String url) throws IOException {\n"
            + "        await(sleep(0.1));\n"
            + "        if (url.startsWith(\"bad\")) throw new IOException(\"no answer from \" + url);\n"
            + "        return \"<\" + url + \">\";\n"
            + "    }\n"
            + "\n"
            + "    @Async\n"
            + "    static String download(String url, Lock lock, List<String> log) {\n"
            + "        await(lock.acquire());\n"
            + "        try {\n"
            + "            for (int attempt = 1; ; attempt++) {\n"
            + "                try {\n"
            + "                    return await(DownloaderAsync.fetch(url), IOException.class);\n"
            + "                } catch (IOException e) {\n"
            + "                    log.add(\"attempt \" + attempt + \": \" + e.getMessage());\n"
            + "                    if (attempt == 3) throw new IllegalStateException(\"gave up on \" + url, e);\n"
            + "                    await(sleep(attempt));\n"
            + "                }\n"
            + "            }\n"
            + "        } finally {\n"
            + "            lock.release();\n"
            + "        }\n"
            + "    }\n"
            + "}\n";

    @Test
    void downloader_tryCatchFinally_generatesTheExpectedSource() throws Throwable {
        Harness.Compiled compiled = Harness.compileClean(DOWNLOADER);
        String actual = compiled.generated("demo.DownloaderAsync");
        String golden = "goldens/GoldenTest/downloader/demo/DownloaderAsync.java";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Paths.get("src/test/resources").resolve(golden);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertEquals(read(golden), actual);
        java.util.List<String> log = new java.util.ArrayList<>();
        Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> compiled.run("demo.DownloaderAsync", "download", "bad.example", new Lock(), log));
        assertEquals("gave up on bad.example", failure.getMessage());
        assertEquals(java.util.List.of("attempt 1: no answer from bad.example", "attempt 2: no answer from bad.example",
                "attempt 3: no answer from bad.example"), log);
        assertEquals(0.3 + 1 + 2, compiled.loop.time(), 1e-9);
        assertEquals("<good>", compiled.run("demo.DownloaderAsync", "download", "good", new Lock(), log));
    }

    @Test
    void crawler_generatesTheExpectedSource() throws Throwable {
        Harness.Compiled compiled = Harness.compileClean(CRAWLER);
        String actual = compiled.generated("demo.CrawlerAsync");
        String golden = "goldens/GoldenTest/crawler/demo/CrawlerAsync.java";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Paths.get("src/test/resources").resolve(golden);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertEquals(read(golden), actual);
        java.lang.reflect.Constructor<?> crawler = compiled.load("demo.Crawler").getDeclaredConstructor(int.class);
        crawler.setAccessible(true);
        assertEquals(java.util.List.of("<a>", "<b>"),
                compiled.run("demo.CrawlerAsync", "crawl", crawler.newInstance(2), java.util.List.of("a", "b", "c")));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden " + resource + "; run with -Dgolden.update=true and review it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
