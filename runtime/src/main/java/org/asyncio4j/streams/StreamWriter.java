package org.asyncio4j.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The writing half of a stream connection, or a subprocess's standard input (asyncio's {@code StreamWriter} with its
 * transport's write buffer).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>{@link #write} never blocks: it sends what the socket takes at once and buffers the rest, which the loop
 * sends as the socket becomes writable. Flow control, as in asyncio: once the buffer holds more than the
 * high-water mark (default {@value #DEFAULT_HIGH} bytes) the writer is paused, and {@link #drain()} waits until
 * the buffer is back down to the low-water mark (default {@value #DEFAULT_LOW}); so a task that writes and then
 * awaits {@code drain()} never buffers more than the high-water mark plus one write, however slowly the peer
 * reads. {@link #writeEof()} half-closes after the buffered bytes are sent; {@link #close()} closes the
 * connection after them, and {@link #waitClosed()} completes when it is closed. On a TLS connection the same holds
 * for the plaintext (the transport holds at most about one more TLS record of ciphertext), {@code close()} sends
 * the TLS close_notify before closing the socket, and there is no {@code writeEof()} ({@link #canWriteEof()} is
 * false). On a pipe (a {@link org.asyncio4j.subprocess.Subprocess}'s {@code stdin()}) a thread of the transport does
 * the blocking writes (it holds at most one more chunk of 64 KiB), and both {@code writeEof()} and {@code close()}
 * close the pipe after the buffered bytes, so the process reads the end of its input.
 *
 * <p>A write error (for example a connection reset by the peer) closes the connection: {@link #drain()} then fails
 * with it, and later writes are dropped, as in asyncio.
 *
 * <p>An {@link AsyncCloseable}: in an {@code @Async} body, {@code try (StreamWriter w = ...) { ... }} awaits
 * {@link #closeAsync()} ({@code close()} then {@code waitClosed()}, asyncio's {@code writer.close(); await
 * writer.wait_closed()}) on every way out.
 *
 * <pre>
 *   open ──writeEof()──▶ open, EOF pending/sent (writes now fail)
 *   open ──close()──▶ closing ──buffer flushed (or a write error)──▶ closed
 * </pre>
 */
public final class StreamWriter implements AsyncCloseable {
    /** asyncio's default high-water mark: 64 KiB. */
    public static final int DEFAULT_HIGH = 64 * 1024;
    /** asyncio's default low-water mark: a quarter of the high one. */
    public static final int DEFAULT_LOW = 16 * 1024;

    private final EventLoop loop;
    private final Transport transport;
    private final StreamReader reader;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long buffered;
    private int high = DEFAULT_HIGH;
    private int low = DEFAULT_LOW;
    private boolean paused;
    private boolean eofRequested;
    private boolean eofSent;
    private boolean closing;
    /** Whether the program called close() (closing is also set by a write error). */
    private boolean closeCalled;
    /** Whether the transport was told to close (after the buffer was flushed, or at once on an error). */
    private boolean closeStarted;
    private IOException error;
    private final List<Future<Void>> drainWaiters = new ArrayList<>();
    private final Future<Void> closed;

    /** A writer onto the same TCP socket as {@code reader} (kept for {@code Connections.streamsFor}). */
    StreamWriter(EventLoop loop, SocketChannel channel, StreamReader reader) {
        this(loop, reader.transport(), reader);
        if (reader.transport().channel() != channel) {
            throw new IllegalArgumentException("the reader reads another channel: " + reader);
        }
    }

    /** A writer over {@code transport}; {@code reader} reads the same connection, or is {@code null} (a pipe). */
    StreamWriter(EventLoop loop, Transport transport, StreamReader reader) {
        this.loop = loop;
        this.transport = transport;
        this.reader = reader;
        this.closed = loop.createFuture();
    }

    /**
     * The socket channel (for its addresses and options; do not read or write it directly, which would also bypass
     * TLS on a TLS connection).
     *
     * @return the socket channel, or {@code null} for a pipe (a subprocess's input)
     */
    public SocketChannel channel() {
        return transport.channel();
    }

    /**
     * Sets the write buffer's high- and low-water marks (asyncio's {@code set_write_buffer_limits}).
     *
     * @param high the high-water mark in bytes
     * @param low the low-water mark in bytes (at most {@code high})
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
        updatePause();
    }

    /**
     * {@return the number of bytes written but not yet handed to the socket (asyncio's {@code get_write_buffer_size})}
     */
    public long writeBufferSize() {
        return buffered;
    }

    /**
     * Writes a copy of {@code data}.
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     */
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /**
     * Writes {@code data}'s remaining bytes (copying what the socket does not take at once; the buffer's position
     * advances to its limit).
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     * @throws IllegalStateException if the writer is closing, or {@link #writeEof()} was called
     */
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (closeCalled) {
            throw new IllegalStateException("write() called after close(): this StreamWriter takes no more data;"
                    + " write everything before calling close()");
        }
        if (eofRequested) {
            throw new IllegalStateException("write() called after writeEof(): the stream is half-closed for writing;"
                    + " write everything before calling writeEof()");
        }
        if (error != null || !data.hasRemaining()) {
            data.position(data.limit());        // after a failure writes are dropped; drain() reports the error
            return;
        }
        if (pending.isEmpty()) {
            try {
                transport.write(data);
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            transport.wantWrite(this::onWritable);
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        pending.add(copy);
        buffered += copy.remaining();
        updatePause();
    }

    /**
     * Waits until the write buffer is down to the low-water mark if it went over the high one; done at once
     * otherwise. Fails with the connection's error, if writing failed.
     *
     * @return a future that completes once the buffer is down to the low-water mark
     */
    public Future<Void> drain() {
        Future<Void> f = loop.createFuture();
        if (error != null) {
            f.setException(error);
        } else if (paused && !pending.isEmpty()) {
            drainWaiters.add(f);
        } else {
            f.setResult(null);
        }
        return f;
    }

    /**
     * {@return whether {@link #writeEof()} is supported: true for a TCP socket and a pipe, false for TLS (as in
     * asyncio)}
     */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Half-closes the connection (shuts down output) once the buffered bytes are sent; reading goes on. On a pipe,
     * closes it once the buffered bytes are written.
     *
     * @throws UnsupportedOperationException on a TLS connection (see {@link #canWriteEof()})
     */
    public void writeEof() {
        if (!transport.canWriteEof()) {
            throw new UnsupportedOperationException("writeEof() called on a TLS connection, which cannot half-close"
                    + " (canWriteEof() is false, as in asyncio): check canWriteEof() first, or close() the writer"
                    + " to end the stream");
        }
        if (closing || eofRequested) {
            return;
        }
        eofRequested = true;
        if (pending.isEmpty()) {
            sendEof();
        }
    }

    /**
     * {@link #close()}, then {@link #waitClosed()}: awaited at the end of a try-with-resources block over this
     * writer.
     *
     * @return a future that completes when the connection is closed
     */
    @Override
    public Future<Void> closeAsync() {
        close();
        return waitClosed();
    }

    /** Closes the connection once the buffered bytes are sent (at once if there are none). */
    @Override
    public void close() {
        closeCalled = true;
        if (closing) {
            return;
        }
        closing = true;
        if (pending.isEmpty() || error != null) {
            closeNow(error != null);
        }
    }

    /** {@return whether {@link #close()} was called (or the connection failed)} */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Completes when the connection is closed.
     *
     * @return a future that completes when the connection is closed
     */
    public Future<Void> waitClosed() {
        return closed;
    }

    // ---- machinery ----

    private void onWritable() {
        try {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                int n = transport.write(head);
                buffered -= n;
                if (head.hasRemaining()) {
                    break;
                }
                pending.poll();
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (pending.isEmpty()) {
            transport.stopWrite();
            if (closing) {
                closeNow(false);
                return;
            }
            if (eofRequested) {
                sendEof();
            }
        }
        updatePause();
    }

    private void updatePause() {
        if (!paused && buffered > high) {
            paused = true;
        } else if (paused && buffered <= low) {
            paused = false;
            wakeDrainers(null);
        }
    }

    private void wakeDrainers(IOException e) {
        for (Future<Void> f : drainWaiters) {
            if (!f.done()) {
                if (e == null) {
                    f.setResult(null);
                } else {
                    f.setException(e);
                }
            }
        }
        drainWaiters.clear();
    }

    private void sendEof() {
        if (eofSent) {
            return;
        }
        eofSent = true;
        try {
            transport.writeEof();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (error == null) {
            error = e;
        }
        pending.clear();
        buffered = 0;
        wakeDrainers(e);
        closing = true;
        closeNow(true);
    }

    /**
     * Closes the transport: gracefully (TLS close_notify first) unless {@code abort}; waitClosed() then completes.
     * The reader sees the end of the stream after a close by the program, and the write's error after a failed
     * write (as asyncio's connection_lost(exc)): a reset found by a write must not pass for a clean end where the
     * program reads (the socket itself would read as ended, once the write has taken its error).
     */
    private void closeNow(boolean abort) {
        if (closeStarted) {
            return;
        }
        closeStarted = true;
        closing = true;
        pending.clear();
        buffered = 0;
        transport.stopWrite();
        if (reader == null) {
            // A pipe: nothing reads through this transport.
        } else if (error != null) {
            reader.fail(error);
        } else {
            reader.feedEof();
        }
        transport.close(abort, e -> {
            if (error == null) {
                error = e;
            }
            wakeDrainers(error);
            closed.setResult(null);
        });
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + " buffered=" + buffered + (closing ? " closing" : "")
                + (paused ? " paused" : "") + "]";
    }
}
