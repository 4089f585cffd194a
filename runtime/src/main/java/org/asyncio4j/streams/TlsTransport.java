package org.asyncio4j.streams;

import static javax.net.ssl.SSLEngineResult.HandshakeStatus.FINISHED;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_TASK;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_UNWRAP;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_WRAP;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * A {@link Transport} that runs TLS over a TCP socket with an {@link SSLEngine} (the role of asyncio's
 * {@code SSLProtocol}). The transport owns the socket's reader and writer callbacks, because the engine may need to
 * write while the program reads (handshake messages, alerts, close_notify) and to read while it writes; it calls the
 * {@link StreamReader}'s and {@link StreamWriter}'s callbacks from {@link EventLoop#callSoon} when their side can make
 * progress.
 *
 * <p>Not thread-safe; used only on the loop's thread. The engine's delegated tasks (certificate checks) run on the
 * loop's thread too: they take milliseconds, once per handshake.
 *
 * <p>Three buffers, each about one TLS record (16 KiB), so what the transport holds beyond the writer's own buffer is
 * bounded and a peer that does not read still holds the writer back through {@link StreamWriter#drain()}. All three
 * are kept in fill mode (position = bytes held):
 * <ul>
 *   <li>{@code netIn}: ciphertext read from the socket, not yet decrypted;
 *   <li>{@code appIn}: plaintext decrypted, not yet read by the stream reader;
 *   <li>{@code netOut}: ciphertext produced, not yet written to the socket.
 * </ul>
 *
 * <pre>
 *   handshaking ──done──▶ open ──close()──▶ closing (close_notify queued) ──netOut flushed──▶ closed
 *        │                  │                    │
 *        └─SSLException / I/O error: failed (the error is kept for read() and write(); the owner closes)
 *   a handshake that fails, or is cancelled, closes the socket at once.
 * </pre>
 */
final class TlsTransport implements Transport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private Runnable readCallback;
    private Runnable writeCallback;
    /** Whether the socket has a reader (writer) callback of this transport installed. */
    private boolean socketReading;
    private boolean socketWriting;
    private boolean kickScheduled;
    private boolean socketEof;
    /** The peer's close_notify was read (or the socket ended cleanly): read() returns -1 once appIn is empty. */
    private boolean inboundDone;
    private IOException failure;
    /** Non-null while the handshake runs. */
    private Future<Void> handshake;
    private boolean closing;
    private boolean closed;
    private Consumer<IOException> onClosed;

    TlsTransport(EventLoop loop, SocketChannel channel, SSLEngine engine) {
        this.loop = loop;
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /**
     * Starts the handshake. The future completes once it is done, or fails with an {@link SSLHandshakeException}
     * (the socket is then closed); cancelling it closes the socket.
     */
    Future<Void> handshake() {
        Future<Void> h = new Future<>(loop) {
            @Override
            public boolean cancel(String message) {
                if (!done()) {
                    handshake = null;
                    abort();
                }
                return super.cancel(message);
            }
        };
        handshake = h;
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(e);
            return h;
        }
        pump();
        return h;
    }

    /** Fails a handshake still running with {@code e} (a timeout), closing the socket; does nothing after it. */
    void failHandshake(IOException e) {
        if (handshake != null) {
            fail(e);
        }
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (appIn.position() == 0) {
            pump();
        }
        if (appIn.position() > 0) {
            appIn.flip();
            int n = Math.min(dst.remaining(), appIn.remaining());
            ByteBuffer part = appIn.duplicate();
            part.limit(part.position() + n);
            dst.put(part);
            appIn.position(appIn.position() + n);
            appIn.compact();
            pump();                 // appIn has room again: decrypt what netIn still holds
            return n;
        }
        if (failure != null) {
            throw failure;
        }
        return inboundDone || closed ? -1 : 0;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int before = src.remaining();
        try {
            // Wrap only into an empty netOut, so at most one batch of records waits for the socket.
            while (src.hasRemaining() && !flush() && !handshaking()) {
                SSLEngineResult r = engine.wrap(src, netOut);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("cannot write: the TLS session is closed for writing (the peer closed it)");
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2,
                            engine.getSession().getPacketBufferSize()));
                } else if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
            }
            flush();
        } catch (IOException | RuntimeException e) {
            IOException io = e instanceof IOException ? (IOException) e : engineFailure((RuntimeException) e);
            fail(io);
            updateInterest();
            throw io;
        }
        pump();
        return before - src.remaining();
    }

    /** Writes netOut to the socket; returns true if it is still not empty afterwards. */
    private boolean flush() throws IOException {
        if (netOut.position() > 0) {
            netOut.flip();
            try {
                channel.write(netOut);
            } finally {
                netOut.compact();
            }
        }
        return netOut.position() > 0;
    }

    @Override
    public void wantRead(Runnable callback) {
        readCallback = callback;
        updateInterest();
    }

    @Override
    public void stopRead() {
        readCallback = null;
        updateInterest();
    }

    @Override
    public void wantWrite(Runnable callback) {
        writeCallback = callback;
        updateInterest();
    }

    @Override
    public void stopWrite() {
        writeCallback = null;
        updateInterest();
    }

    /** False: as in asyncio, a TLS stream has no half-close; the writer rejects writeEof() before it gets here. */
    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("a TLS transport cannot half-close");
    }

    @Override
    public void close(boolean abort, Consumer<IOException> done) {
        if (closing || closed) {
            return;
        }
        closing = true;
        onClosed = done;
        readCallback = null;
        writeCallback = null;
        if (abort || failure != null || handshake != null) {
            closeChannel();
            return;
        }
        engine.closeOutbound();
        pump();                     // queues close_notify behind what netOut holds; closes once all is sent
    }

    // ---- the engine driver ----

    /**
     * Moves bytes as far as the buffers and the socket allow without blocking: flushes netOut, runs the engine's
     * tasks, wraps what the handshake (or close) needs, reads and decrypts; then completes the handshake or the close
     * if they are done and updates the socket interest and the callbacks.
     */
    private void pump() {
        if (failure == null && !closed) {
            try {
                step();
            } catch (IOException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(engineFailure(e));
            }
        }
        if (closing && !closed && (failure != null || (engine.isOutboundDone() && netOut.position() == 0))) {
            closeChannel();
        }
        if (handshake != null && failure == null && !handshaking()) {
            Future<Void> h = handshake;
            handshake = null;
            h.setResult(null);
        }
        updateInterest();
    }

    private void step() throws IOException {
        for (;;) {
            boolean pending = flush();
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == NEED_TASK) {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
                continue;
            }
            if (hs == NEED_WRAP) {
                if (pending) {
                    return;                         // the socket is full: go on when it is writable
                }
                SSLEngineResult r = engine.wrap(EMPTY, netOut);
                if (r.bytesProduced() == 0 && engine.getHandshakeStatus() == hs) {
                    return;
                }
                continue;
            }
            if (!unwrap() && engine.getHandshakeStatus() == hs) {
                return;
            }
        }
    }

    /** Decrypts what netIn holds into appIn, reading the socket when netIn lacks a whole record; true on progress. */
    private boolean unwrap() throws IOException {
        if (inboundDone) {
            return false;
        }
        boolean progress = false;
        if (netIn.position() > 0) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            switch (r.getStatus()) {
                case CLOSED:
                    inboundDone = true;
                    return true;
                case BUFFER_OVERFLOW:
                    if (appIn.position() == 0) {    // the session wants a larger buffer
                        appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                        return true;
                    }
                    return progress;                // the reader must take what appIn holds first
                case BUFFER_UNDERFLOW:
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    break;                          // a partial record: read more below
                default:
                    return progress;
            }
        }
        if (socketEof) {
            return progress;
        }
        int n = channel.read(netIn);
        if (n < 0) {
            socketEof = true;
            endOfSocket();
            return true;
        }
        return progress || n > 0;
    }

    /** The socket ended: without the peer's close_notify, the data may have been cut short, which is an error. */
    private void endOfSocket() throws IOException {
        if (handshake != null) {
            throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
        }
        engine.closeInbound();      // throws SSLException "...before receiving peer's close_notify..."
        inboundDone = true;
    }

    /** An unchecked failure of the engine (a provider error), made an I/O failure of this connection. */
    private static SSLException engineFailure(RuntimeException e) {
        return new SSLException("the TLS engine failed: " + e, e);
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    private boolean handshaking() {
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        return hs != NOT_HANDSHAKING && hs != FINISHED;
    }

    /**
     * Records the first failure (during the handshake as an {@link SSLHandshakeException}), tries to send the alert
     * the engine queued for the peer, and ends a running handshake: its socket closes at once.
     */
    private void fail(IOException e) {
        if (failure != null) {
            return;
        }
        IOException f = e;
        if (handshake != null && !(e instanceof SSLHandshakeException)) {
            f = new SSLHandshakeException("TLS handshake failed: " + e.getMessage());
            f.initCause(e);
        }
        failure = f;
        try {
            if (netOut.position() == 0 && !engine.isOutboundDone()) {
                engine.wrap(EMPTY, netOut);
            }
            flush();
        } catch (IOException | RuntimeException alertFailure) {
            f.addSuppressed(alertFailure);
        }
        if (handshake != null) {
            Future<Void> h = handshake;
            handshake = null;
            abort();
            h.setException(f);
        }
    }

    private void abort() {
        closing = true;
        closeChannel();
    }

    private void closeChannel() {
        closed = true;
        readCallback = null;
        writeCallback = null;
        setSocketReading(false);
        setSocketWriting(false);
        IOException error = null;
        try {
            channel.close();
        } catch (IOException e) {
            error = e;
        }
        Consumer<IOException> done = onClosed;
        onClosed = null;
        if (done != null) {
            done.accept(error != null ? error : failure);
        }
    }

    // ---- socket interest and the owners' callbacks ----

    private void updateInterest() {
        if (closed) {
            return;
        }
        boolean alive = failure == null;
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        boolean engineWantsInput = hs == NEED_UNWRAP || hs == NEED_UNWRAP_AGAIN;
        setSocketReading(alive && !closing && !inboundDone && !socketEof
                && (engineWantsInput || (readCallback != null && appIn.position() == 0)));
        setSocketWriting(alive && netOut.position() > 0);
        if (!kickScheduled && (readReady() || writeReady())) {
            kickScheduled = true;
            loop.callSoon(this::kick);
        }
    }

    private boolean readReady() {
        return readCallback != null && (appIn.position() > 0 || inboundDone || failure != null);
    }

    private boolean writeReady() {
        return writeCallback != null && (failure != null || (netOut.position() == 0 && !handshaking()));
    }

    private void kick() {
        kickScheduled = false;
        if (closed) {
            return;
        }
        if (readReady()) {
            readCallback.run();
        }
        if (!closed && writeReady()) {
            writeCallback.run();
        }
    }

    private void setSocketReading(boolean on) {
        if (on != socketReading) {
            socketReading = on;
            if (on) {
                loop.addReader(channel, this::pump);
            } else if (channel.isOpen()) {
                loop.removeReader(channel);
            }
        }
    }

    private void setSocketWriting(boolean on) {
        if (on != socketWriting) {
            socketWriting = on;
            if (on) {
                loop.addWriter(channel, this::pump);
            } else if (channel.isOpen()) {
                loop.removeWriter(channel);
            }
        }
    }

    @Override
    public String toString() {
        return "TLS " + channel;
    }
}
