package org.asyncio4j.streams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import org.asyncio4j.EventLoop;

/**
 * A {@link Transport} that reads a blocking {@link InputStream}, such as a child process's output pipe (the role of
 * asyncio's {@code _UnixReadPipeTransport}); the {@link StreamReader} over it holds the buffer and the read methods.
 *
 * <p>Not thread-safe; used only on the loop's thread, except by its pump thread, which touches only the stream and
 * the semaphore and hands its results to the loop with {@link EventLoop#callSoonThreadsafe}.
 *
 * <p>Java has no non-blocking pipes, so a daemon thread (the pump) does the blocking reads: it reads one chunk of at
 * most {@value #CHUNK} bytes when the transport asks for one, and the transport asks while the reader wants to read
 * and it holds no chunk; so it holds at most one chunk, and the reader's pausing (once its buffer passes twice its
 * limit) holds back a process that writes faster than the program reads, blocked on its full pipe. Each
 * {@link #read} gives the reader at most what is left of one chunk. Once the writing end has gone
 * ({@link #writerGone()}: the process has exited) the transport asks for chunks to the end whatever the reader
 * wants, and keeps them (the pipe holds at most its capacity then), so the pump thread always ends.
 */
final class PipeReadTransport extends PipeTransport {
    /** The most bytes the pump reads at once, and so the most one {@link #read} returns. */
    static final int CHUNK = 16 * 1024;

    /** One permit per chunk the transport asks for; the pump blocks on it. */
    private final Semaphore requests = new Semaphore(0);
    /** Chunks read by the pump and not yet (wholly) by the reader; at most one until the writer has gone. */
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private Runnable readCallback;
    /** A chunk was asked for and has not arrived: at most one is in flight. */
    private boolean requested;
    private IOException failure;
    private boolean writerGone;
    private boolean kickScheduled;
    /** Set by {@link #close} (on the loop's thread); read by the pump. */
    private volatile boolean closing;

    PipeReadTransport(EventLoop loop, InputStream in, String name) {
        super(loop, name);
        startPump(() -> pump(in));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ByteBuffer head = chunks.peek();
        if (head != null) {
            int n = Math.min(dst.remaining(), head.remaining());
            ByteBuffer part = head.duplicate();
            part.limit(part.position() + n);
            dst.put(part);
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                chunks.poll();
            }
            update();
            return n;
        }
        if (failure != null) {
            throw failure;
        }
        return streamClosed() ? -1 : 0;
    }

    @Override
    public void wantRead(Runnable callback) {
        readCallback = callback;
        update();
    }

    @Override
    public void stopRead() {
        readCallback = null;
        update();
    }

    /** Stops reading; the pump ends once it is back from the read it may be blocked in (the next chunk, or the end). */
    @Override
    void beginClose() {
        closing = true;
        readCallback = null;
        chunks.clear();
        requests.release();             // a pump waiting for a request sees closing and ends
    }

    /** {@code null}: a failed read after a close is not an error of the close. */
    @Override
    IOException closeError() {
        return null;
    }

    /** The process that writes the pipe has exited: read on to the end so that the pump ends. */
    void writerGone() {
        writerGone = true;
        update();
    }

    /**
     * Asks the pump for a chunk if the reader wants one (or the writer has gone) and none is held or in flight, and
     * calls the reader back, soon, while it wants to read and a read can make progress.
     */
    private void update() {
        if (!requested && !streamClosed() && !closing
                && (writerGone || (readCallback != null && chunks.isEmpty()))) {
            requested = true;
            requests.release();
        }
        if (!kickScheduled && readReady()) {
            kickScheduled = true;
            loop.callSoon(this::kick);
        }
    }

    private boolean readReady() {
        return readCallback != null && (!chunks.isEmpty() || streamClosed());
    }

    private void kick() {
        kickScheduled = false;
        if (readReady()) {
            readCallback.run();
        }
    }

    /** On the loop: a chunk from the pump. */
    private void deliver(ByteBuffer chunk) {
        requested = false;
        if (closing) {
            return;
        }
        chunks.add(chunk);
        if (readReady()) {
            readCallback.run();         // already in a callback of the loop: no second hop
        }
        update();
    }

    /** On the loop: the pump has closed the stream, at its end or after {@code e}. */
    private void pumpEnded(IOException e) {
        requested = false;
        failure = closing ? null : e;
        closedByPump();
        update();
    }

    // ---- pump thread ----

    private void pump(InputStream in) {
        IOException failure = null;
        try {
            try (in) {
                byte[] chunk = new byte[CHUNK];
                for (;;) {
                    requests.acquireUninterruptibly();
                    if (closing) {
                        break;
                    }
                    int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    ByteBuffer copy = ByteBuffer.wrap(Arrays.copyOf(chunk, n));
                    loop.callSoonThreadsafe(() -> deliver(copy));
                }
            } catch (IOException e) {
                failure = e;
            }
            // Only now, with the stream closed: a program that saw the end may count on the descriptor being gone.
            IOException f = failure;
            loop.callSoonThreadsafe(() -> pumpEnded(f));
        } catch (IllegalStateException loopClosed) {
            // The loop was closed under a running process: nobody can read any more; the stream is closed above.
        }
    }
}
