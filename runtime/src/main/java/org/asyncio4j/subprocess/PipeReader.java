package org.asyncio4j.subprocess;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.streams.IncompleteReadError;
import org.asyncio4j.streams.LimitOverrunError;
import org.asyncio4j.streams.StreamReader;

/**
 * The reading end of a subprocess's pipe ({@link Subprocess#stdout()}, {@link Subprocess#stderr()}), with the read
 * methods of {@link StreamReader}: each returns a {@link Future} to await, done at once when the buffered data
 * already satisfies it.
 *
 * <p>Not thread-safe; use only from its event loop's thread (the pump thread below touches only the stream and the
 * semaphore). One read at a time: a read started while another task waits fails with {@link IllegalStateException}.
 *
 * <p>Java has no non-blocking pipes, so a daemon thread (the pump) does the blocking reads: it reads one chunk of
 * at most {@value #CHUNK} bytes when the loop asks for it and hands it over with
 * {@link EventLoop#callSoonThreadsafe}. The loop asks for the next chunk while fewer than {@value #HIGH} bytes are
 * buffered (twice the default limit, as asyncio pauses its pipe transports) or a read waits for more, so the buffer
 * holds at most {@value #HIGH} bytes, or what the waiting read needs, plus one chunk; a process that writes faster
 * than the program reads blocks on its full pipe. Once the process has exited the pump reads on to the end (the
 * pipe holds at most its capacity then), so the thread always ends.
 */
public final class PipeReader {
    static final int CHUNK = 16 * 1024;
    static final int HIGH = 2 * StreamReader.DEFAULT_LIMIT;
    private static final byte[] NEWLINE = {'\n'};

    private final EventLoop loop;
    private final String name;
    private final int limit = StreamReader.DEFAULT_LIMIT;
    /** One permit per chunk the loop asks for; the pump blocks on it. */
    private final Semaphore requests = new Semaphore(0);
    private byte[] buf = new byte[256];
    private int start;
    private int end;
    /** A chunk was asked for and has not arrived: at most one is in flight. */
    private boolean requested;
    private boolean eof;
    private boolean processExited;
    private IOException error;
    private Op<?> waiter;
    /** Set (on the loop's thread) before the process is killed; read by the pump. */
    private volatile boolean destroyed;
    /** The most bytes ever buffered, for tests of the bound. */
    private int maxBuffered;

    PipeReader(EventLoop loop, InputStream in, String name) {
        this.loop = loop;
        this.name = name;
        Thread pump = new Thread(() -> pump(in), "asyncio4j-pipe-" + name);
        pump.setDaemon(true);
        pump.start();
        maybeRequest();
    }

    /** {@return the limit of {@link #readUntil} and {@link #readLine}: {@value StreamReader#DEFAULT_LIMIT} bytes} */
    public int limit() {
        return limit;
    }

    /** {@return whether the pipe has ended and every byte was read} */
    public boolean atEof() {
        return eof && start == end;
    }

    /**
     * As {@link StreamReader#read}: up to {@code n} bytes as soon as one is there; -1 reads to the end.
     *
     * @param n the number of bytes
     * @return a future of up to {@code n} bytes (empty at end of stream)
     */
    public Future<byte[]> read(int n) {
        if (n < -1) {
            throw new IllegalArgumentException("n must be >= -1: " + n);
        }
        return start("read()", new Op<byte[]>() {
            @Override
            boolean tryComplete() {
                if (n == 0 || (n == -1 && eof) || (n > 0 && (start < end || eof))) {
                    setResult(take(n == -1 ? end - start : Math.min(n, end - start)));
                    return true;
                }
                return false;
            }
        });
    }

    /**
     * As {@link StreamReader#readExactly}: {@code n} bytes, or {@link IncompleteReadError} at the end.
     *
     * @param n the number of bytes
     * @return a future of exactly {@code n} bytes
     */
    public Future<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        return start("readExactly()", new Op<byte[]>() {
            @Override
            boolean tryComplete() {
                if (end - start >= n) {
                    setResult(take(n));
                } else if (eof) {
                    setException(new IncompleteReadError(take(end - start), n));
                } else {
                    return false;
                }
                return true;
            }
        });
    }

    /**
     * As {@link StreamReader#readLine}: a line with its {@code '\n'}, or what is left at the end.
     *
     * @return a future of the line, with its newline (empty at end of stream)
     */
    public Future<byte[]> readLine() {
        return until("readLine()", NEWLINE, true);
    }

    /**
     * As {@link StreamReader#readUntil}: up to and including {@code separator}.
     *
     * @param separator the bytes that end the data to read (not empty)
     * @return a future of the bytes up to and including the separator
     */
    public Future<byte[]> readUntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) {
            throw new IllegalArgumentException("separator must not be empty");
        }
        return until("readUntil()", separator.clone(), false);
    }

    private Future<byte[]> until(String method, byte[] sep, boolean line) {
        return start(method, new Op<byte[]>() {
            @Override
            boolean tryComplete() {
                int at = indexOf(sep);
                if (at >= 0 && at - start > limit) {
                    setException(new LimitOverrunError("Separator is found, but chunk is longer than limit",
                            at - start));
                } else if (at >= 0) {
                    setResult(take(at + sep.length - start));
                } else if (end - start - sep.length + 1 > limit) {
                    setException(new LimitOverrunError("Separator is not found, and chunk exceed the limit",
                            end - start));
                } else if (eof && line) {
                    setResult(take(end - start));
                } else if (eof) {
                    setException(new IncompleteReadError(take(end - start), -1));
                } else {
                    return false;
                }
                return true;
            }
        });
    }

    // ---- loop side ----

    private abstract class Op<T> extends Future<T> {
        Op() {
            super(PipeReader.this.loop);
        }

        /** Completes this future from the buffer and returns true, or returns false if it needs more data. */
        abstract boolean tryComplete();

        @Override
        public boolean cancel(String message) {
            if (!done() && waiter == this) {
                waiter = null;      // a chunk in flight is kept for the next read
            }
            return super.cancel(message);
        }
    }

    private <T> Future<T> start(String method, Op<T> op) {
        if (waiter != null) {
            throw new IllegalStateException(method + " called while another task is already waiting for data from "
                    + this);
        }
        if (error != null && start == end) {
            op.setException(error);
        } else if (!op.tryComplete()) {
            waiter = op;
            maybeRequest();
        }
        return op;
    }

    /** Asks the pump for a chunk unless one is in flight, the pipe ended, or the buffer is full and no read waits. */
    private void maybeRequest() {
        if (!requested && !eof && (end - start < HIGH || waiter != null || processExited)) {
            requested = true;
            requests.release();
        }
    }

    private void deliver(byte[] chunk, IOException failure) {
        requested = false;
        if (failure != null) {
            error = failure;
            eof = true;
        } else if (chunk == null) {
            eof = true;
        } else {
            append(chunk);
        }
        Op<?> op = waiter;
        if (op != null) {
            if (failure != null && start == end) {
                waiter = null;
                op.setException(failure);
            } else if (op.tryComplete()) {      // always true at the end of the pipe
                waiter = null;
            }
        }
        maybeRequest();
    }

    /** The process has exited: read the pipe to its end so the pump thread finishes. */
    void processExited() {
        processExited = true;
        maybeRequest();
    }

    /** The process is being killed, which closes its streams. */
    void destroying() {
        destroyed = true;
    }

    int maxBufferedForTesting() {
        return maxBuffered;
    }

    // ---- pump thread ----

    private void pump(InputStream in) {
        IOException failure = null;
        try {
            try (in) {
                byte[] chunk = new byte[CHUNK];
                for (;;) {
                    requests.acquireUninterruptibly();
                    int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    byte[] copy = Arrays.copyOf(chunk, n);
                    loop.callSoonThreadsafe(() -> deliver(copy, null));
                }
            } catch (IOException e) {
                // Process.destroy() closes the streams under the pump: for the reader that is the end of the pipe.
                failure = destroyed ? null : e;
            }
            // Only now, with the pipe closed: a program that saw the end may count on the descriptor being gone.
            IOException f = failure;
            loop.callSoonThreadsafe(() -> deliver(null, f));
        } catch (IllegalStateException loopClosed) {
            // The loop was closed under a running process: nobody can read any more; the stream is closed above.
        }
    }

    // ---- buffer ----

    private void append(byte[] chunk) {
        if (end + chunk.length > buf.length) {
            int used = end - start;
            byte[] target = used + chunk.length <= buf.length
                    ? buf
                    : new byte[Math.max(buf.length * 2, used + chunk.length)];
            System.arraycopy(buf, start, target, 0, used);
            buf = target;
            start = 0;
            end = used;
        }
        System.arraycopy(chunk, 0, buf, end, chunk.length);
        end += chunk.length;
        maxBuffered = Math.max(maxBuffered, end - start);
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return out;
    }

    private int indexOf(byte[] sep) {
        outer:
        for (int i = start; i + sep.length <= end; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "PipeReader[" + name + " buffered=" + (end - start) + (eof ? " eof" : "")
                + (waiter != null ? " waiting" : "") + "]";
    }
}
