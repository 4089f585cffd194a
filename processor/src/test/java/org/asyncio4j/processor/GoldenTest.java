package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
