package org.asyncio4j.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The byte stream under a {@link StreamReader} and {@link StreamWriter}: plain TCP ({@link PlainTransport}) or TLS
 * ({@link TlsTransport}). Shaped like a non-blocking {@link SocketChannel}, so the reader and writer hold all the
 * buffering, flow-control and state logic once, for both.
 *
 * <p>Not thread-safe; used only on the loop's thread.
 *
 * <p>Readiness: after {@link #wantRead(Runnable)} the transport calls the callback (on the loop) whenever a
 * {@link #read} may make progress, until {@link #stopRead()}; likewise for writing. A TLS transport may call it
 * when the socket itself is not readable (plaintext already decrypted), so a callback must tolerate a read that
 * returns 0.
 */
interface Transport {
    /** The socket (for addresses and options). */
    SocketChannel channel();

    /** Reads into {@code dst}: the number of bytes read, 0 if none are available now, -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes from {@code src}: the number of bytes taken (0 if none can be taken now). */
    int write(ByteBuffer src) throws IOException;

    /** Calls {@code callback} whenever a read may make progress, until {@link #stopRead()}. Replaces an earlier one. */
    void wantRead(Runnable callback);

    void stopRead();

    /** Calls {@code callback} whenever a write may make progress, until {@link #stopWrite()}. */
    void wantWrite(Runnable callback);

    void stopWrite();

    /** Whether {@link #writeEof()} is supported. */
    boolean canWriteEof();

    /** Half-closes: the peer reads the end of the stream; reading goes on. */
    void writeEof() throws IOException;

    /**
     * Closes the transport: unless {@code abort}, a TLS transport first sends its close_notify (and what it still
     * holds encrypted). Calls {@code done} once the socket is closed, with the error of the close, or {@code null}.
     * Closing twice calls only the first {@code done}.
     */
    void close(boolean abort, Consumer<IOException> done);
}
