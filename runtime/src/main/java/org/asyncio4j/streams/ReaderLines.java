package org.asyncio4j.streams;

import java.nio.charset.Charset;
import java.util.function.Function;
import org.asyncio4j.internal.HandedOutElement;
import org.asyncio4j.Awaitable;
import org.asyncio4j.internal.AwaitThen;

/**
 * The lines of a {@link StreamReader}, read with {@link StreamReader#readLine()} until the end of the stream:
 * asyncio's {@code async for line in reader}. Closing it does nothing: the stream stays open.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * @param <T> the line type: {@code byte[]} with its newline, or a decoded {@code String} without it
 */
final class ReaderLines<T> extends HandedOutElement<T> {
    private final StreamReader reader;
    private final Function<byte[], T> convert;

    ReaderLines(StreamReader reader, Function<byte[], T> convert) {
        this.reader = reader;
        this.convert = convert;
    }

    /** A line decoded with {@code charset}, without its {@code "\n"} or {@code "\r\n"}. */
    static String decode(byte[] bytes, Charset charset) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        return new String(bytes, 0, end, charset);
    }

    @Override
    public Awaitable<Boolean> hasNextAsync() {
        return new AwaitThen<byte[], Boolean>(reader.readLine(), (bytes, failure) -> {
            if (failure != null) {
                throw failure;
            }
            if (bytes.length == 0) {
                return false; // the end of the stream
            }
            return handOut(convert.apply(bytes));
        });
    }
}
