package org.asyncio4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The writing half of a stream connection (asyncio's {@code StreamWriter} with its transport's write buffer).
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>{@link #write} never blocks: it sends what the socket takes at once and buffers the rest, which the loop
 * sends as the socket becomes writable. Flow control, as in asyncio: once the buffer holds more than the
 * high-water mark (default {@value #DEFAULT_HIGH} bytes) the writer is paused, and {@link #drain()} waits until
 * the buffer is back down to the low-water mark (default {@value #DEFAULT_LOW}); so a task that writes and then
 * awaits {@code drain()} never buffers more than the high-water mark plus one write, however slowly the peer
 * reads. {@link #writeEof()} half-closes after the buffered bytes are sent; {@link #close()} closes the
 * connection after them, and {@link #waitClosed()} completes when it is closed.
 *
 * <pre>
 *   open ──writeEof()──▶ open, EOF pending/sent (writes now fail)
 *   open ──close()──▶ closing ──buffer flushed (or a write error)──▶ closed
 * </pre>
 */
public final class StreamWriter {
    /** asyncio's default high-water mark: 64 KiB. */
    public static final int DEFAULT_HIGH = 64 * 1024;
    /** asyncio's default low-water mark: a quarter of the high one. */
    public static final int DEFAULT_LOW = 16 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final StreamReader reader;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long buffered;
    private int high = DEFAULT_HIGH;
    private int low = DEFAULT_LOW;
    private boolean paused;
    private boolean eofRequested;
    private boolean eofSent;
    private boolean closing;
    private IOException error;
    private final List<Future<Void>> drainWaiters = new ArrayList<>();
    private final Future<Void> closed;

    StreamWriter(EventLoop loop, SocketChannel channel, StreamReader reader) {
        this.loop = loop;
        this.channel = channel;
        this.reader = reader;
        this.closed = loop.createFuture();
    }

    /** The socket channel (for its addresses and options; do not read or write it directly). */
    public SocketChannel channel() {
        return channel;
    }

    /**
     * Sets the write buffer's high- and low-water marks (asyncio's {@code set_write_buffer_limits}).
     *
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

    /** The number of bytes written but not yet handed to the socket (asyncio's {@code get_write_buffer_size}). */
    public long writeBufferSize() {
        return buffered;
    }

    /** Writes a copy of {@code data}. */
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /**
     * Writes {@code data}'s remaining bytes (copying what the socket does not take at once; the buffer's position
     * advances to its limit).
     *
     * @throws IllegalStateException if the writer is closing, or {@link #writeEof()} was called
     */
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (closing) {
            throw new IllegalStateException("write() called on a closing StreamWriter");
        }
        if (eofRequested) {
            throw new IllegalStateException("write() called after writeEof()");
        }
        if (error != null || !data.hasRemaining()) {
            data.position(data.limit());        // after a failure writes are dropped; drain() reports the error
            return;
        }
        if (pending.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, this::onWritable);
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

    /** Whether {@link #writeEof()} is supported: always, for a TCP socket. */
    public boolean canWriteEof() {
        return true;
    }

    /** Half-closes the connection (shuts down output) once the buffered bytes are sent; reading goes on. */
    public void writeEof() {
        if (closing || eofRequested) {
            return;
        }
        eofRequested = true;
        if (pending.isEmpty()) {
            sendEof();
        }
    }

    /** Closes the connection once the buffered bytes are sent (at once if there are none). */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (pending.isEmpty() || error != null) {
            closeNow();
        }
    }

    /** Whether {@link #close()} was called (or the connection failed). */
    public boolean isClosing() {
        return closing;
    }

    /** Completes when the connection is closed. */
    public Future<Void> waitClosed() {
        return closed;
    }

    // ---- machinery ----

    private void onWritable() {
        try {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                int n = channel.write(head);
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
            loop.removeWriter(channel);
            if (closing) {
                closeNow();
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
            channel.shutdownOutput();
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
        closeNow();
    }

    private void closeNow() {
        if (closed.done()) {
            return;
        }
        closing = true;
        pending.clear();
        buffered = 0;
        loop.removeWriter(channel);
        reader.feedEof();
        loop.removeReader(channel);
        try {
            channel.close();
        } catch (IOException e) {
            if (error == null) {
                error = e;
            }
        }
        wakeDrainers(error);
        closed.setResult(null);
    }

    @Override
    public String toString() {
        return "StreamWriter[" + channel + " buffered=" + buffered + (closing ? " closing" : "")
                + (paused ? " paused" : "") + "]";
    }
}
