package org.asyncio4j.samples;

import static org.asyncio4j.Asyncio.await;
import static org.asyncio4j.Asyncio.toThread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;

/**
 * Checked exceptions across {@code await}: reading a file on a worker thread ({@code toThread}) fails with an
 * {@link IOException}, which the awaiting coroutine catches.
 *
 * <p>An awaited failure is rethrown unwrapped, checked or not. javac checks the template as written, and
 * {@code await(x)} declares no exception, so a {@code catch (IOException e)} around it would be "never thrown";
 * {@code await(x, IOException.class)} tells javac that this await may throw it (the class is never evaluated):
 * <pre>
 * async def read_config(path):
 *     try:
 *         return await asyncio.to_thread(Path(path).read_text)
 *     except OSError as e:
 *         return f"defaults ({type(e).__name__})"
 * </pre>
 */
public final class ReadConfig {
    private ReadConfig() {}

    /** The file's text, read on a worker thread; an {@code @Async} method that lets it fail declares it. */
    @Async
    static String readText(Path path) throws IOException {
        return await(toThread(() -> Files.readString(path)), IOException.class);
    }

    /** The configuration in {@code path}, or the defaults when it cannot be read, saying why. */
    @Async
    static String configOrDefaults(Path path) {
        try {
            return await(ReadConfigAsync.readText(path), IOException.class);
        } catch (IOException e) {
            return "defaults (" + e.getClass().getSimpleName() + ")";
        }
    }

    public static void main(String[] args) {
        Path path = Path.of(args.length > 0 ? args[0] : "missing.conf");
        System.out.println(Asyncio.run(ReadConfigAsync.configOrDefaults(path)));
    }
}
