package org.asyncio4j.subprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.streams.StreamWriter;

/**
 * The writing end of a subprocess's standard input ({@link Subprocess#stdin()}; asyncio's {@code proc.stdin}, a
 * {@code StreamWriter}), with {@link StreamWriter}'s flow
 * control: {@link #write} never blocks, and {@link #drain()} waits while more than the high-water mark (default
 * {@value #DEFAULT_HIGH} bytes) is buffered, until the buffer is down to the low-water mark (default
 * {@value #DEFAULT_LOW}); a task that awaits {@code drain()} after each write never buffers more than the high-water
 * mark plus one write, however slowly the process reads.
 *
 * <p>Not thread-safe; use only from its event loop's thread (the pump thread below touches only the stream and the
 * queue).
 *
 * <p>Java has no non-blocking pipes, so a daemon thread (the pump) takes the written chunks from a queue, in order,
 * writes them to the process with blocking writes, and reports each one written with
 * {@link EventLoop#callSoonThreadsafe}. {@link #close()} closes the process's input once the buffered bytes are
 * written (the process then reads end of file). If writing fails (the process exited or closed its input: "Broken
 * pipe"), the buffered bytes are dropped, later writes are dropped too, and {@link #drain()} fails with the error.
 */
public final class PipeWriter {
    /** The default high-water mark, as {@link StreamWriter}'s: 64 KiB. */
    public static final int DEFAULT_HIGH = StreamWriter.DEFAULT_HIGH;
    /** The default low-water mark, as {@link StreamWriter}'s: 16 KiB. */
    public static final int DEFAULT_LOW = StreamWriter.DEFAULT_LOW;
    /** The end marker in the queue, compared by identity. */
    private static final byte[] END = new byte[0];

    private final EventLoop loop;
    private final String name;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final List<Future<Void>> drainWaiters = new ArrayList<>();
    private final Future<Void> closed;
    private long buffered;
    private int high = DEFAULT_HIGH;
    private int low = DEFAULT_LOW;
    private boolean paused;
    private boolean closing;
    private boolean processExited;
    private IOException error;

    PipeWriter(EventLoop loop, OutputStream out, String name) {
        this.loop = loop;
        this.name = name;
        this.closed = loop.createFuture();
        Thread pump = new Thread(() -> pump(out), "asyncio4j-pipe-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * As {@link StreamWriter#setWriteBufferLimits}.
     *
     * @param high the high-water mark in bytes
     * @param low the low-water mark in bytes (at most {@code high})
     */
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
        updatePause();
    }

    /** {@return the number of bytes written but not yet handed to the process} */
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
     * Writes {@code data}'s remaining bytes (a copy; the buffer's position advances to its limit).
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     * @throws IllegalStateException if the writer is closing
     */
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (closing) {
            throw new IllegalStateException("write() called on a closing " + this);
        }
        if (processExited && error == null) {
            error = new IOException("Broken pipe: " + name + " is closed, the process has exited");
        }
        if (error != null || !data.hasRemaining()) {
            data.position(data.limit());        // after a failure writes are dropped; drain() reports the error
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        buffered += copy.length;
        queue.add(copy);
        updatePause();
    }

    /**
     * As {@link StreamWriter#drain}: fails with the write error, if writing failed.
     *
     * @return a future that completes once the buffer is down to the low-water mark
     */
    public Future<Void> drain() {
        Future<Void> f = loop.createFuture();
        if (error != null) {
            f.setException(error);
        } else if (paused && buffered > 0) {
            drainWaiters.add(f);
        } else {
            f.setResult(null);
        }
        return f;
    }

    /** Closes the process's input once the buffered bytes are written. */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(END);
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Completes when the process's input is closed (after {@link #close()}, a write error, or the exit).
     *
     * @return a future that completes when the pipe is closed
     */
    public Future<Void> waitClosed() {
        return closed;
    }

    /** The process has exited: nothing will read what is written from now on, so the pump may end. */
    void processExited() {
        processExited = true;
        queue.add(END);
    }

    // ---- loop side ----

    private void written(int n) {
        buffered -= n;
        updatePause();
    }

    private void failed(IOException e) {
        if (error == null) {
            error = e;
        }
        queue.clear();
        buffered = 0;
        wakeDrainers(error);
    }

    private void pumpEnded() {
        wakeDrainers(error);
        closed.setResult(null);
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

    // ---- pump thread ----

    private void pump(OutputStream out) {
        try {
            try (out) {
                for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    out.write(chunk);
                    out.flush();
                    int n = chunk.length;
                    loop.callSoonThreadsafe(() -> written(n));
                }
            } catch (IOException e) {
                loop.callSoonThreadsafe(() -> failed(e));
            }
            loop.callSoonThreadsafe(this::pumpEnded);
        } catch (InterruptedException e) {
            // Nobody interrupts this private thread; if something does, the stream is closed and the pump ends.
            Thread.currentThread().interrupt();
        } catch (IllegalStateException loopClosed) {
            // The loop was closed under a running process: nobody can write any more; the stream is closed above.
        }
    }

    @Override
    public String toString() {
        return "PipeWriter[" + name + " buffered=" + buffered + (closing ? " closing" : "")
                + (paused ? " paused" : "") + "]";
    }
}
