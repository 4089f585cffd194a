package org.asyncio4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reading half of a stream connection (asyncio's {@code StreamReader}). Each read returns a {@link Future}
 * to await; a read that the buffered data already satisfies returns a done future.
 *
 * <p>Not thread-safe; use only from its event loop's thread. One read at a time: a read started while another
 * task waits for data fails with {@link IllegalStateException}.
 *
 * <p>The reader reads from its socket only while a read waits for data, at most {@value #CHUNK} bytes per
 * readiness event, so its buffer holds at most what the waiting read needs plus one chunk (plus what the
 * {@linkplain #limit() limit} lets {@link #readUntil} look through), and a peer that sends faster than the
 * program reads is held back by TCP flow control. Cancelling a read (or the task awaiting it) removes the
 * reader's interest in the socket; the bytes already buffered stay for the next read. (Over TLS the transport
 * also holds up to about one TLS record, read and decrypted ahead.)
 *
 * <p>If the connection fails (a reset by the peer, a TLS error), a read that the buffered bytes alone cannot satisfy
 * fails with that {@link IOException}, and so does every later one: a read to the end never passes a failure off as
 * a clean end of stream. The end of a TLS stream is the peer's close_notify; a TCP end without it fails with an
 * {@link javax.net.ssl.SSLException}, since the data may have been cut short.
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
    /** Whether the last read from the socket filled all the room it was given: more is likely waiting. */
    private boolean lastReadFilled;
    private int start;
    private int end;
    private boolean eof;
    private IOException error;
    /** The read that waits for data, or {@code null}; the socket has a reader callback exactly while non-null. */
    private Op<?> waiter;

    /** A reader straight onto a TCP socket (kept for {@code Asyncio.streamsFor}). */
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

    /** The limit of {@link #readUntil} and {@link #readLine}. */
    public int limit() {
        return limit;
    }

    /** Whether the stream has ended and every byte was read. */
    public boolean atEof() {
        return eof && start == end;
    }

    /**
     * Reads up to {@code n} bytes: as soon as at least one is available, whatever is buffered up to {@code n}; an
     * empty array at end of stream. {@code n == -1} reads until the end of the stream; {@code n == 0} returns an
     * empty array at once.
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
     */
    public Future<byte[]> readLine() {
        return until("readLine()", NEWLINE, true);
    }

    /**
     * Reads up to and including {@code separator}. Fails with {@link IncompleteReadError} (holding what was left)
     * if the stream ends first, and with {@link LimitOverrunError} if more than {@link #limit()} bytes arrive
     * before the separator (the data then stays buffered).
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
            private int searchFrom;

            @Override
            boolean tryComplete() {
                int at = indexOf(sep, Math.max(start, searchFrom));
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
                searchFrom = Math.max(start, end - sep.length + 1);
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
        if (!op.tryComplete()) {
            waiter = op;
            transport.wantRead(this::onReadable);
        }
        return op;
    }

    private void stopWaiting() {
        waiter = null;
        transport.stopRead();
    }

    private void onReadable() {
        Op<?> op = waiter;
        if (op == null) {
            return;
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
            int n = transport.read(ByteBuffer.wrap(buf, end, room));
            lastReadFilled = n == room;
            if (n == 0) {
                return;
            }
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            failWaiter(e);
            return;
        }
        if (op.tryComplete()) {
            stopWaiting();
        }
    }

    /**
     * The connection failed: the waiting read completes if the buffered bytes alone satisfy it, and fails with
     * {@code e} otherwise (a read up to the end, or a readExactly cut short, must not pass for a clean end).
     */
    private void failWaiter(IOException e) {
        error = e;
        Op<?> op = waiter;
        stopWaiting();
        if (!op.tryComplete()) {
            op.setException(e);
        }
    }

    /** The connection is closing (from {@link StreamWriter#close()}): a waiting read sees the end of the stream. */
    void feedEof() {
        eof = true;
        Op<?> op = waiter;
        if (op != null) {
            stopWaiting();
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
