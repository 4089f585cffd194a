package org.asyncio4j.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.asyncio4j.EventLoop;

/**
 * What the transports of a pipe share ({@link PipeReadTransport}, {@link PipeWriteTransport}): a name, no socket, a
 * daemon thread (the pump) that does the blocking reads or writes, since Java has no non-blocking pipes, and one
 * direction. The other direction's operations are not supported: a pipe's {@link StreamReader} never writes through
 * its transport, and its {@link StreamWriter} never reads.
 *
 * <p>Not thread-safe; used only on the loop's thread, except by the pump (see the subclasses).
 */
abstract class PipeTransport implements Transport {
    final EventLoop loop;
    final String name;
    private boolean closeStarted;
    /** The pump has closed the stream and ended. */
    private boolean streamClosed;
    private Consumer<IOException> onClosed;

    PipeTransport(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
    }

    /** Starts {@code body} on the pump, a daemon thread named after the pipe (once the subclass is constructed). */
    final void startPump(Runnable body) {
        Thread pump = new Thread(body, "asyncio4j-pipe-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Closes the transport: stops its callbacks and lets the pump close the stream and end ({@link #beginClose()};
     * a blocking read or write cannot be abandoned, so {@code abort} changes nothing). Calls {@code done} once the
     * stream is closed, with {@link #closeError()}. Closing twice calls only the first {@code done}.
     */
    @Override
    public final void close(boolean abort, Consumer<IOException> done) {
        if (closeStarted) {
            return;
        }
        closeStarted = true;
        beginClose();
        if (streamClosed) {
            done.accept(closeError());
        } else {
            onClosed = done;
        }
    }

    /** Stops the callbacks and makes the pump close the stream and end, when it can. */
    abstract void beginClose();

    /** {@return the error to report to {@link #close}'s callback, or {@code null}} */
    abstract IOException closeError();

    /** {@return whether the pump has closed the stream and ended} */
    final boolean streamClosed() {
        return streamClosed;
    }

    /** On the loop: the pump has closed the stream and ended; completes a close under way. */
    final void closedByPump() {
        streamClosed = true;
        Consumer<IOException> done = onClosed;
        onClosed = null;
        if (done != null) {
            done.accept(closeError());
        }
    }

    private UnsupportedOperationException otherDirection(String operation) {
        return new UnsupportedOperationException(operation + " on " + this + ", which goes the other way");
    }

    /** No socket: {@code null}. */
    @Override
    public SocketChannel channel() {
        return null;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw otherDirection("read()");
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw otherDirection("write()");
    }

    @Override
    public void wantRead(Runnable callback) {
        throw otherDirection("wantRead()");
    }

    @Override
    public void stopRead() {
        // Nothing to stop where nothing reads.
    }

    @Override
    public void wantWrite(Runnable callback) {
        throw otherDirection("wantWrite()");
    }

    @Override
    public void stopWrite() {
        // Nothing to stop where nothing writes.
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void writeEof() throws IOException {
        throw otherDirection("writeEof()");
    }

    @Override
    public String toString() {
        return "pipe " + name;
    }
}
