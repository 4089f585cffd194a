package org.asyncio4j.streams;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import org.asyncio4j.EventLoop;

/**
 * A {@link Transport} that writes a blocking {@link OutputStream}, such as a child process's standard input (the
 * role of asyncio's {@code _UnixWritePipeTransport}); the {@link StreamWriter} over it holds the write buffer and
 * its flow control.
 *
 * <p>Not thread-safe; used only on the loop's thread, except by its pump thread, which touches only the stream and
 * the queue and hands its results to the loop with {@link EventLoop#callSoonThreadsafe}.
 *
 * <p>Java has no non-blocking pipes, so a daemon thread (the pump) does the blocking writes. {@link #write} takes at
 * most {@value #CHUNK} bytes, and only while no chunk is in flight: the pump writes that chunk and reports it
 * written, and the writer's callback then hands over the next. So the transport holds at most one chunk beyond the
 * writer's buffer, and a process that reads slowly holds the writer back through {@link StreamWriter#drain()}.
 * {@link #writeEof()} and {@link #close} close the stream after the chunk in flight (the process then reads the end
 * of its input). Once the process has exited ({@link #readerGone()}) a write fails with "Broken pipe" at once and
 * the pump ends, whether or not the program closes the writer.
 */
final class PipeWriteTransport extends PipeTransport {
    /** The most bytes one {@link #write} takes. */
    static final int CHUNK = 64 * 1024;
    /** The end marker in the queue, compared by identity. */
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private Runnable writeCallback;
    private boolean inFlight;
    /** The end marker is queued: no more writes. */
    private boolean ending;
    private IOException failure;
    private boolean readerGone;
    private boolean kickScheduled;

    PipeWriteTransport(EventLoop loop, OutputStream out, String name) {
        super(loop, name);
        startPump(() -> pump(out));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (readerGone) {
            failure = new IOException("Broken pipe: " + name + " is closed, the process has exited");
            throw failure;
        }
        if (ending) {
            throw new IOException("write() on " + name + " after its end was written");
        }
        if (inFlight || !src.hasRemaining()) {
            return 0;
        }
        byte[] chunk = new byte[Math.min(CHUNK, src.remaining())];
        src.get(chunk);
        inFlight = true;
        queue.add(chunk);
        return chunk.length;
    }

    @Override
    public void wantWrite(Runnable callback) {
        writeCallback = callback;
        kickIfReady();
    }

    @Override
    public void stopWrite() {
        writeCallback = null;
    }

    /** True, as asyncio's pipe transports: the end is the stream's close. */
    @Override
    public boolean canWriteEof() {
        return true;
    }

    /** Closes the stream after the chunk in flight: the process reads the end of its input. */
    @Override
    public void writeEof() {
        end();
    }

    /** Closes the stream after the chunk in flight. */
    @Override
    void beginClose() {
        writeCallback = null;
        end();
    }

    /** {@return the pump's write error, if any (or the broken pipe a write met)} */
    @Override
    IOException closeError() {
        return failure;
    }

    /** The process has exited: nothing reads what is written from now on, so the pump may end. */
    void readerGone() {
        readerGone = true;
        end();
    }

    private void end() {
        if (!ending) {
            ending = true;
            queue.add(END);
        }
    }

    private boolean writeReady() {
        return writeCallback != null && (!inFlight || failure != null || streamClosed());
    }

    private void kickIfReady() {
        if (!kickScheduled && writeReady()) {
            kickScheduled = true;
            loop.callSoon(this::kick);
        }
    }

    private void kick() {
        kickScheduled = false;
        if (writeReady()) {
            writeCallback.run();
        }
    }

    /** On the loop: the chunk in flight is written. */
    private void written() {
        inFlight = false;
        if (writeReady()) {
            writeCallback.run();        // already in a callback of the loop: no second hop
        }
    }

    /** On the loop: the pump has closed the stream, after the end marker or after the write error {@code e}. */
    private void pumpEnded(IOException e) {
        inFlight = false;
        if (failure == null) {
            failure = e;
        }
        closedByPump();
        kickIfReady();                  // a writer waiting for room learns of the end from its next write
    }

    // ---- pump thread ----

    private void pump(OutputStream out) {
        try {
            IOException failure = null;
            try (out) {
                for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    out.write(chunk);
                    out.flush();
                    loop.callSoonThreadsafe(this::written);
                }
            } catch (IOException e) {
                failure = e;
            }
            IOException f = failure;
            loop.callSoonThreadsafe(() -> pumpEnded(f));
        } catch (InterruptedException e) {
            // Nobody interrupts this private thread; if something does, the stream is closed and the pump ends.
            Thread.currentThread().interrupt();
        } catch (IllegalStateException loopClosed) {
            // The loop was closed under a running process: nobody can write any more; the stream is closed above.
        }
    }
}
