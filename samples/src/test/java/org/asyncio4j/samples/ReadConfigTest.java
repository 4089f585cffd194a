package org.asyncio4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked-exception sample: an IOException from an awaited coroutine is caught, or propagates unwrapped. */
class ReadConfigTest {
    @TempDir
    Path dir;

    @Test
    void aReadableFile_isReturned() throws IOException {
        Path file = Files.writeString(dir.resolve("app.conf"), "port=8080");
        assertEquals("port=8080", Asyncio.run(ReadConfigAsync.configOrDefaults(file)));
    }

    @Test
    void aMissingFile_isCaughtAsTheCheckedIOException() {
        assertEquals("defaults (NoSuchFileException)",
                Asyncio.run(ReadConfigAsync.configOrDefaults(dir.resolve("missing.conf"))));
    }

    @Test
    void uncaught_theCheckedExceptionReachesTheCallerUnwrapped() {
        Path missing = dir.resolve("missing.conf");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Asyncio.run(ReadConfigAsync.readText(missing)));
        assertEquals(missing.toString(), e.getFile());
    }
}
