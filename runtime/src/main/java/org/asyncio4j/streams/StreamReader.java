package org.asyncio4j.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;
import org.asyncio4j.AsyncIterable;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The reading half of a stream connection, or a subprocess's output (asyncio's {@code StreamReader}). Each read
 * returns a {@link Future} to await; a read that the buffered data already satisfies returns a done future.
 *
 * <p>Not thread-safe; use only from its event loop's thread. One read at a time: a read started while another
 * task waits for data fails with {@link IllegalStateException}.
 *
 * <p>Flow control, as asyncio's: the reader starts reading from its socket with the first read that waits for
 * data, at most {@value #CHUNK} bytes per readiness event, and then keeps reading ahead of the program (so a
 * connection that exchanges messages keeps its socket's read interest instead of changing it twice per message)
 * until its buffer holds more than twice the {@linkplain #limit() limit}; it pauses then, and resumes once a read
 * takes the buffer back to the limit or below (or a read waits for more). So the buffer holds at most twice the
 * limit plus one chunk, or what a waiting read needs plus one chunk, and a peer that sends faster than the
 * program reads is held back by TCP flow control. Cancelling a read (or the task awaiting it) stops the reading
 * from the socket, and so removes the reader's interest in it, until the next read; the bytes already buffered
 * stay for that read. The end of the stream or a failure stops the reading for good. (Over TLS the transport also
 * holds up to about one TLS record, read and decrypted ahead.)
 *
 * <p>If the connection fails (a reset by the peer, a TLS error), a read that the buffered bytes alone cannot satisfy
 * fails with that {@link IOException}, and so does every later one: a read to the end never passes a failure off as
 * a clean end of stream. The end of a TLS stream is the peer's close_notify; a TCP end without it fails with an
 * {@link javax.net.ssl.SSLException}, since the data may have been cut short.
 *
 * <p>Over a pipe (a {@link org.asyncio4j.subprocess.Subprocess}'s {@code stdout()} or {@code stderr()}) a thread of
 * the transport does the blocking reads, at most 16 KiB at a time, and the reader reads ahead from the start (as
 * asyncio's pipe transports do), with the same pause at twice the limit: a process that writes faster than the
 * program reads blocks on its full pipe. Once the process has exited the transport reads the pipe to its end,
 * whatever the program reads (the pipe holds at most its capacity then).
 */
public final class StreamReader {
    /** The default limit of {@link #readUntil} and {@link #readLine}, as asyncio's: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    static final int CHUNK = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final EventLoop loop;
    private final Transport transport;
    private final int limit;
    private byte[] buf = new byte[256];
    /** A view of {@link #buf} for the transport's reads, made again only when the buffer grows. */
    private ByteBuffer view = ByteBuffer.wrap(buf);
    /** Whether the last read from the socket filled all the room it was given: more is likely waiting. */
    private boolean lastReadFilled;
    private int start;
    private int end;
    private boolean eof;
    private IOException error;
    /** The read that waits for data, or {@code null}. */
    private Op<?> waiter;
    /** The transport's read callback: one object for the reader's life, so starting to read allocates nothing. */
    private final Runnable readable = this::onReadable;
    /** Whether the transport has {@link #readable} installed (see {@link #updateReading()}). */
    private boolean reading;
    /** Whether to read ahead while no read waits: set by every read, cleared by cancelling a waiting one. */
    private boolean readAhead;
    /** The most bytes ever buffered, for tests of the bound. */
    private int maxBuffered;

    /** A reader straight onto a TCP socket (kept for {@code Connections.streamsFor}). */
    StreamReader(EventLoop loop, SocketChannel channel, int limit) {
        this(loop, new PlainTransport(loop, channel), limit);
    }

    StreamReader(EventLoop loop, Transport transport, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0: " + limit);
        }
        this.loop = loop;
        this.transport = transport;
        this.limit = limit;
    }

    Transport transport() {
        return transport;
    }

    /** {@return the limit of {@link #readUntil} and {@link #readLine}} */
    public int limit() {
        return limit;
    }

    /** The number of bytes read from the socket and not yet by the program (for tests and toString). */
    int buffered() {
        return end - start;
    }

    /** The most bytes the buffer ever held, for tests of the bound. */
    int maxBufferedForTesting() {
        return maxBuffered;
    }

    /**
     * Reading ahead of the program pauses once the buffer holds more than this: twice the limit (asyncio's pause
     * mark for its socket and pipe transports).
     */
    long pauseMark() {
        return 2L * limit;
    }

    /**
     * Starts reading ahead now, before the first read (as a pipe's reader does, so the process can write up to the
     * pause mark before the program reads).
     */
    void startReading() {
        readAhead = true;
        updateReading();
    }

    /** {@return whether the stream has ended and every byte was read} */
    public boolean atEof() {
        return eof && start == end;
    }

    /**
     * Reads up to {@code n} bytes: as soon as at least one is available, whatever is buffered up to {@code n}; an
     * empty array at end of stream. {@code n == -1} reads until the end of the stream; {@code n == 0} returns an
     * empty array at once.
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
                if (n == 0) {
                    setResult(EMPTY);
                } else if (n == -1) {
                    if (!eof) {
                        return false;
                    }
                    setResult(take(end - start));
                } else if (start < end) {
                    setResult(take(Math.min(n, end - start)));
                } else if (eof) {
                    setResult(EMPTY);
                } else {
                    return false;
                }
                return true;
            }
        });
    }

    /**
     * Reads exactly {@code n} bytes; fails with {@link IncompleteReadError}, holding the bytes read, if the
     * stream ends first.
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
     * Reads a line, up to and including {@code '\n'}; at end of stream, what is left (possibly empty) without
     * one. Fails with {@link LimitOverrunError} as {@link #readUntil} does.
     *
     * @return a future of the line, with its newline (empty at end of stream)
     */
    public Future<byte[]> readLine() {
        return until("readLine()", NEWLINE, true);
    }

    /**
     * The stream's lines, each as {@link #readLine()} returns it (with its newline), until the end of the stream:
     * asyncio's {@code async for line in reader:}, in an {@code @Async} body {@code for (byte[] line :
     * reader.lines()) { ... }}. Leaving the loop early leaves the stream open.
     *
     * @return the lines, read as the loop asks for them
     */
    public AsyncIterable<byte[]> lines() {
        return () -> new ReaderLines<>(this, bytes -> bytes);
    }

    /**
     * As {@link #lines()}, decoded with {@code charset} and without the {@code "\n"} or {@code "\r\n"} that ends
     * them: {@code for (String line : reader.lines(UTF_8)) { ... }}.
     *
     * @param charset the text's encoding
     * @return the lines, read as the loop asks for them
     */
    public AsyncIterable<String> lines(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return () -> new ReaderLines<>(this, bytes -> ReaderLines.decode(bytes, charset));
    }

    /**
     * Reads up to and including {@code separator}. Fails with {@link IncompleteReadError} (holding what was left)
     * if the stream ends first, and with {@link LimitOverrunError} if more than {@link #limit()} bytes arrive
     * before the separator (the data then stays buffered).
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
            /**
             * How many buffered bytes, counted from {@code start}, are known not to begin the separator. Relative to
             * {@code start}, never an index into {@code buf}: while this read waits, {@link #compactOrGrow} moves the
             * buffered bytes to the front of the buffer, and an absolute index would then point past them. (It did:
             * a line that arrived across such a move was never found, and the connection hung with the data held
             * here; the reads of a TLS transport, one decrypted record in small steps, met it for one payload in
             * five.)
             */
            private int scanned;

            @Override
            boolean tryComplete() {
                int at = indexOf(sep, start + scanned);
                if (at >= 0) {
                    int len = at + sep.length - start;
                    if (at - start > limit) {
                        setException(new LimitOverrunError("Separator is found, but chunk is longer than limit",
                                at - start));
                    } else {
                        setResult(take(len));
                    }
                    return true;
                }
                if (end - start - sep.length + 1 > limit) {
                    setException(new LimitOverrunError("Separator is not found, and chunk exceed the limit",
                            end - start));
                    return true;
                }
                if (eof) {
                    byte[] rest = take(end - start);
                    if (line) {
                        setResult(rest);
                    } else {
                        setException(new IncompleteReadError(rest, -1));
                    }
                    return true;
                }
                scanned = Math.max(0, end - start - sep.length + 1);
                return false;
            }
        });
    }

    // ---- machinery ----

    /** A read in progress: a future that completes itself from the buffer. */
    private abstract class Op<T> extends Future<T> {
        Op() {
            super(StreamReader.this.loop);
        }

        /** Completes this future from the buffer and returns true, or returns false if it needs more data. */
        abstract boolean tryComplete();

        @Override
        public boolean cancel(String message) {
            if (!done() && waiter == this) {
                stopWaiting();
            }
            return super.cancel(message);
        }
    }

    private <T> Future<T> start(String method, Op<T> op) {
        if (waiter != null) {
            throw new IllegalStateException(method + " called while another task is already waiting for incoming data:"
                    + " a StreamReader serves one read at a time; await the pending read before starting another,"
                    + " or read in one task and hand the data to the others (through a Queue, for example)");
        }
        if (error != null) {        // the connection failed: only what is buffered can still complete a read
            if (!op.tryComplete()) {
                op.setException(error);
            }
            return op;
        }
        readAhead = true;
        if (!op.tryComplete()) {
            waiter = op;
        }
        try {
            updateReading();    // a waiting read needs the socket; a read that took bytes may resume a paused one
        } catch (RuntimeException e) {
            waiter = null;      // the socket could not be watched (closed by hand): no read is left waiting
            throw e;
        }
        return op;
    }

    /** A waiting read was cancelled: the program stopped reading, so the reader stops too, until the next read. */
    private void stopWaiting() {
        waiter = null;
        readAhead = false;
        updateReading();
    }

    /**
     * Installs or removes the transport's read callback, only when that changes: reads while a read waits, or,
     * ahead of the program, until the buffer passes twice the limit (then not again before it is back to the limit:
     * asyncio's pause and resume marks); never after the end of the stream or a failure.
     */
    private void updateReading() {
        boolean want;
        if (eof || error != null) {
            want = false;
        } else if (waiter != null) {
            want = true;
        } else if (!readAhead) {
            want = false;
        } else {
            long held = end - start;
            want = held <= (reading ? pauseMark() : limit);
        }
        if (want != reading) {
            if (want) {
                transport.wantRead(readable);
            } else {
                transport.stopRead();
            }
            reading = want;
        }
    }

    private void onReadable() {
        if (!reading) {
            return;                 // a TLS transport's callback queued before the reading stopped
        }
        // The buffer grows only while reads keep filling it (up to a chunk per read): a connection that exchanges
        // small messages keeps a small buffer (1,000 connections with 64 KiB each were 128 MB of live heap and long
        // GC pauses), and a bulk transfer reaches full chunks after a few doublings.
        int wanted = lastReadFilled ? Math.min(CHUNK, buf.length * 2) : 1;
        if (buf.length - end < wanted) {
            compactOrGrow(wanted);
        }
        int room = Math.min(CHUNK, buf.length - end);
        try {
            if (view.array() != buf) {
                view = ByteBuffer.wrap(buf);
            }
            view.limit(end + room).position(end);
            int n = transport.read(view);
            lastReadFilled = n == room;
            if (n == 0) {
                return;
            }
            if (n < 0) {
                eof = true;
            } else {
                end += n;
                if (end - start > maxBuffered) {
                    maxBuffered = end - start;
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        Op<?> op = waiter;
        if (op != null && op.tryComplete()) {
            waiter = null;
        }
        updateReading();
    }

    /**
     * The connection failed, found by a read or (from {@link StreamWriter}) by a write: reading stops; a waiting
     * read completes if the buffered bytes alone satisfy it, and fails with {@code e} otherwise (a read up to the
     * end, or a readExactly cut short, must not pass for a clean end). Without a waiting read, the next read that the
     * buffer cannot satisfy fails with {@code e}. The first failure is the one kept.
     */
    void fail(IOException e) {
        if (error == null) {
            error = e;
        }
        Op<?> op = waiter;
        waiter = null;
        updateReading();
        if (op != null && !op.tryComplete()) {
            op.setException(error);
        }
    }

    /** The connection is closing (from {@link StreamWriter#close()}): a waiting read sees the end of the stream. */
    void feedEof() {
        eof = true;
        Op<?> op = waiter;
        waiter = null;
        updateReading();
        if (op != null) {
            if (!op.tryComplete()) {
                op.setException(new IncompleteReadError(EMPTY, -1));
            }
        }
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

    private int indexOf(byte[] sep, int from) {
        outer:
        for (int i = from; i + sep.length <= end; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void compactOrGrow(int room) {
        int used = end - start;
        if (start > 0 && used + room <= buf.length) {
            System.arraycopy(buf, start, buf, 0, used);
        } else {
            byte[] bigger = new byte[Math.max(buf.length * 2, used + room)];
            System.arraycopy(buf, start, bigger, 0, used);
            buf = bigger;
        }
        end = used;
        start = 0;
    }

    @Override
    public String toString() {
        return "StreamReader[" + transport + " buffered=" + (end - start) + (eof ? " eof" : "")
                + (waiter != null ? " waiting" : "") + "]";
    }
}
