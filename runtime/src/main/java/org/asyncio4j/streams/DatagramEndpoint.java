package org.asyncio4j.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Objects;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.queues.QueueFull;

/**
 * A UDP socket on the event loop (asyncio's {@code create_datagram_endpoint}, shaped as awaitable calls rather
 * than a protocol's callbacks), as {@link Asyncio#openDatagramEndpoint} opens it.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p><b>Receiving.</b> {@link #receive()} returns a future of the next {@link Datagram}. Several tasks may wait at
 * once; datagrams go to them in the order they called. The endpoint reads from the socket only while a receive
 * waits, one datagram per waiter, so datagrams that nobody waits for stay in the operating system's receive buffer
 * (which drops the excess, as UDP does) and no user-space queue grows. Cancelling a receive removes it (and, if it
 * was the last, the interest in the socket); a datagram is never taken for a cancelled receive.
 *
 * <p><b>Sending.</b> {@link #send} hands the datagram to the OS at once if it takes it; otherwise a copy waits in a
 * send queue that the loop empties as the socket becomes writable. The returned future completes when the datagram
 * was handed to the OS, or fails with the {@link IOException} of that one datagram (for example a
 * {@link java.net.PortUnreachableException} on a connected endpoint whose peer is gone); the endpoint stays open.
 * Backpressure: the queue holds at most {@link #sendQueueLimit()} bytes (plus one datagram when it was empty); a
 * send beyond that throws {@link QueueFull}. A task that awaits each send's future (or every n-th: sends complete in
 * order) never gets there.
 *
 * <pre>
 *   open ──close()──▶ closing (receives fail; queued sends still go) ──queue empty──▶ closed
 * </pre>
 */
public final class DatagramEndpoint {
    /** The default {@link #sendQueueLimit()}: 64 KiB, as asyncio's write buffer high-water mark. */
    public static final int DEFAULT_SEND_QUEUE_LIMIT = 64 * 1024;
    /** Room for the largest UDP payload (65,507 bytes over IPv4). */
    static final int MAX_DATAGRAM = 64 * 1024;

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final SocketAddress remote;
    private final ArrayDeque<Receive> receivers = new ArrayDeque<>();
    private final ArrayDeque<Send> sendQueue = new ArrayDeque<>();
    private final Future<Void> closed;
    private long queuedBytes;
    private int sendQueueLimit = DEFAULT_SEND_QUEUE_LIMIT;
    private boolean closing;
    /** Allocated on the first read: an endpoint that only sends needs none. */
    private ByteBuffer receiveBuffer;

    private DatagramEndpoint(EventLoop loop, DatagramChannel channel, SocketAddress remote) {
        this.loop = loop;
        this.channel = channel;
        this.remote = remote;
        this.closed = loop.createFuture();
    }

    /** Opens a non-blocking channel bound to {@code local} (null: any address, a port the OS chooses). */
    static DatagramEndpoint open(EventLoop loop, SocketAddress local, SocketAddress remote) throws IOException {
        ProtocolFamily family = familyOf(local != null ? local : remote);
        DatagramChannel ch = family == null ? DatagramChannel.open() : DatagramChannel.open(family);
        try {
            ch.configureBlocking(false);
            ch.bind(local);
            if (remote != null) {
                ch.connect(remote);
            }
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new DatagramEndpoint(loop, ch, remote);
    }

    /** IPv4 for an IPv4 address, so that sender addresses come back as they were given; else the default. */
    private static ProtocolFamily familyOf(SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress isa = (InetSocketAddress) a;
            if (isa.getAddress() instanceof Inet4Address) {
                return StandardProtocolFamily.INET;
            }
            if (isa.getAddress() instanceof Inet6Address) {
                return StandardProtocolFamily.INET6;
            }
        }
        return null;
    }

    /** {@return the address the endpoint is bound to (its port, if the OS chose it)} */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the address the endpoint is connected to, or {@code null}} */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /**
     * {@return the channel, for socket options (buffer sizes, broadcast, multicast); do not read or write it directly}
     */
    public DatagramChannel channel() {
        return channel;
    }

    // ---- receiving ----

    /**
     * The next datagram. Fails with the {@link IOException} the socket reports (the endpoint stays open), or, if
     * the endpoint is closed first, with an {@link IOException} that says so.
     *
     * @return a future of the next datagram
     */
    public Future<Datagram> receive() {
        Receive r = new Receive();
        if (closing) {
            r.setException(new IOException("receive() called on a closed " + this));
            return r;
        }
        if (receivers.isEmpty()) {
            try {
                Datagram d = tryReceive();
                if (d != null) {
                    r.setResult(d);
                    return r;
                }
            } catch (IOException e) {
                r.setException(e);
                return r;
            }
            loop.addReader(channel, this::onReadable);
        }
        receivers.add(r);
        return r;
    }

    private final class Receive extends Future<Datagram> {
        Receive() {
            super(DatagramEndpoint.this.loop);
        }

        @Override
        public boolean cancel(String message) {
            if (!done() && receivers.remove(this) && receivers.isEmpty()) {
                loop.removeReader(channel);
            }
            return super.cancel(message);
        }
    }

    private void onReadable() {
        while (!receivers.isEmpty()) {
            Datagram d;
            try {
                d = tryReceive();
            } catch (IOException e) {
                receivers.poll().setException(e);
                continue;
            }
            if (d == null) {
                return;
            }
            receivers.poll().setResult(d);
        }
        loop.removeReader(channel);
    }

    private Datagram tryReceive() throws IOException {
        if (receiveBuffer == null) {
            receiveBuffer = ByteBuffer.allocate(MAX_DATAGRAM);
        }
        receiveBuffer.clear();
        SocketAddress from = channel.receive(receiveBuffer);
        if (from == null) {
            return null;
        }
        receiveBuffer.flip();
        byte[] data = new byte[receiveBuffer.remaining()];
        receiveBuffer.get(data);
        return new Datagram(data, from);
    }

    // ---- sending ----

    /**
     * Sends {@code data} to the connected peer; see {@link #send(ByteBuffer, SocketAddress)}.
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     * @return a future that completes once the datagram was sent
     */
    public Future<Void> send(byte[] data) {
        return send(ByteBuffer.wrap(data), null);
    }

    /**
     * Sends {@code data} to {@code target}; see {@link #send(ByteBuffer, SocketAddress)}.
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     * @param target the address to send to
     * @return a future that completes once the datagram was sent
     */
    public Future<Void> send(byte[] data, SocketAddress target) {
        return send(ByteBuffer.wrap(data), target);
    }

    /**
     * Sends {@code data}'s remaining bytes to the connected peer; see {@link #send(ByteBuffer, SocketAddress)}.
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     * @return a future that completes once the datagram was sent
     */
    public Future<Void> send(ByteBuffer data) {
        return send(data, null);
    }

    /**
     * Sends {@code data}'s remaining bytes as one datagram to {@code target} ({@code null}: the connected peer);
     * the buffer's position advances to its limit. The future completes once the OS has the datagram (at once,
     * usually) and fails with the IOException of sending it.
     *
     * @param data the bytes to send (copied; the array may be reused at once)
     * @param target the address to send to
     * @throws IllegalStateException if the endpoint is closing
     * @throws IllegalArgumentException if {@code target} is null on an unconnected endpoint, or differs from the
     *     address a connected endpoint is connected to, or {@code data} is empty on a connected endpoint (the JDK
     *     does not send empty datagrams on connected channels)
     * @throws QueueFull if the send queue already holds data and this datagram would take it past
     *     {@link #sendQueueLimit()}
     * @return a future that completes once the datagram was sent
     */
    public Future<Void> send(ByteBuffer data, SocketAddress target) {
        Objects.requireNonNull(data, "data");
        if (closing) {
            throw new IllegalStateException("send() called on a closing " + this);
        }
        SocketAddress to = checkTarget(target);
        int length = data.remaining();
        if (length == 0 && to == null) {
            // The JDK's connected DatagramChannel skips the system call for an empty buffer: nothing would go.
            throw new IllegalArgumentException("an empty datagram cannot be sent on a connected endpoint (a JDK "
                    + "limitation); send it from an unconnected endpoint with the address: " + this);
        }
        if (!sendQueue.isEmpty() && queuedBytes + length > sendQueueLimit) {
            throw new QueueFull("the send queue of " + this + " is full (limit " + sendQueueLimit
                    + " bytes); await the futures send() returns before sending more, or raise setSendQueueLimit()");
        }
        Send s = new Send(to, length);
        if (sendQueue.isEmpty()) {
            try {
                if (trySend(data, to)) {
                    s.setResult(null);
                    return s;
                }
            } catch (IOException e) {
                s.setException(e);
                return s;
            }
            loop.addWriter(channel, this::onWritable);
        }
        s.copy = ByteBuffer.allocate(length).put(data).flip();
        sendQueue.add(s);
        queuedBytes += length;
        return s;
    }

    private SocketAddress checkTarget(SocketAddress target) {
        if (remote == null) {
            if (target == null) {
                throw new IllegalArgumentException("send() needs a target address: " + this
                        + " is not connected (pass the address, or open the endpoint with a remote address)");
            }
            return target;
        }
        if (target != null && !target.equals(remote)) {
            throw new IllegalArgumentException("send() to " + target + " on " + this + ", which is connected to "
                    + remote + " (pass no address, or open an unconnected endpoint)");
        }
        return null;
    }

    /** Sends one datagram; false if the socket's send buffer has no room for it now. */
    private boolean trySend(ByteBuffer data, SocketAddress to) throws IOException {
        if (!data.hasRemaining()) {
            channel.send(data, to);     // an empty datagram needs no buffer room: it goes at once
            return true;
        }
        int n = to == null ? channel.write(data) : channel.send(data, to);
        return n > 0;
    }

    /** A queued datagram; cancelling it takes it out of the queue. */
    private final class Send extends Future<Void> {
        final SocketAddress to;
        final int length;
        ByteBuffer copy;

        Send(SocketAddress to, int length) {
            super(DatagramEndpoint.this.loop);
            this.to = to;
            this.length = length;
        }

        @Override
        public boolean cancel(String message) {
            if (!done() && sendQueue.remove(this)) {
                queuedBytes -= length;
                if (sendQueue.isEmpty()) {
                    queueEmptied();
                }
            }
            return super.cancel(message);
        }
    }

    private void onWritable() {
        while (!sendQueue.isEmpty()) {
            Send s = sendQueue.peek();
            try {
                if (!trySend(s.copy, s.to)) {
                    return;
                }
                dequeue().setResult(null);
            } catch (IOException e) {
                dequeue().setException(e);
            }
        }
        queueEmptied();
    }

    private Send dequeue() {
        Send s = sendQueue.poll();
        queuedBytes -= s.length;
        return s;
    }

    private void queueEmptied() {
        loop.removeWriter(channel);
        if (closing) {
            closeNow();
        }
    }

    /** {@return the number of bytes waiting in the send queue} */
    public long sendQueueSize() {
        return queuedBytes;
    }

    /** {@return the most bytes the send queue holds before {@link #send} throws {@link QueueFull}} */
    public int sendQueueLimit() {
        return sendQueueLimit;
    }

    /**
     * Sets {@link #sendQueueLimit()}.
     *
     * @param bytes the most bytes the send queue may hold
     */
    public void setSendQueueLimit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the send queue limit must be >= 0: " + bytes);
        }
        sendQueueLimit = bytes;
    }

    // ---- closing ----

    /**
     * Closes the endpoint: waiting receives fail at once; queued datagrams are still sent, then the socket is
     * closed ({@link #waitClosed()}). Further sends throw; further receives fail.
     */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (!receivers.isEmpty()) {
            loop.removeReader(channel);
            String message = "DatagramEndpoint[local=" + localText() + "] was closed while receive() waited";
            while (!receivers.isEmpty()) {
                receivers.poll().setException(new IOException(message));
            }
        }
        if (sendQueue.isEmpty()) {
            closeNow();
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Completes when the socket is closed.
     *
     * @return a future that completes when the endpoint is closed
     */
    public Future<Void> waitClosed() {
        return closed;
    }

    private void closeNow() {
        if (closed.done()) {
            return;
        }
        loop.removeReader(channel);
        loop.removeWriter(channel);
        try {
            channel.close();
            closed.setResult(null);
        } catch (IOException e) {
            closed.setException(e);
        }
    }

    private String localText() {
        try {
            return String.valueOf(channel.getLocalAddress());
        } catch (IOException e) {
            return "closed";
        }
    }

    @Override
    public String toString() {
        return "DatagramEndpoint[local=" + localText() + (remote != null ? " remote=" + remote : "")
                + (receivers.isEmpty() ? "" : " receivers=" + receivers.size())
                + (queuedBytes > 0 ? " queued=" + queuedBytes : "") + (closing ? " closing" : "") + "]";
    }
}
