package org.asyncio4j.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.asyncio4j.EventLoop;

/**
 * A {@link Transport} straight onto a TCP socket: reads and writes go to the channel, readiness is the selector's.
 *
 * <p>Not thread-safe; used only on the loop's thread.
 */
final class PlainTransport implements Transport {
    private final EventLoop loop;
    private final SocketChannel channel;

    PlainTransport(EventLoop loop, SocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public void wantRead(Runnable callback) {
        loop.addReader(channel, callback);
    }

    @Override
    public void stopRead() {
        if (channel.isOpen()) {
            loop.removeReader(channel);
        }
    }

    @Override
    public void wantWrite(Runnable callback) {
        loop.addWriter(channel, callback);
    }

    @Override
    public void stopWrite() {
        if (channel.isOpen()) {
            loop.removeWriter(channel);
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void writeEof() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close(boolean abort, Consumer<IOException> done) {
        if (!channel.isOpen()) {
            return;
        }
        stopRead();
        stopWrite();
        IOException error = null;
        try {
            channel.close();
        } catch (IOException e) {
            error = e;
        }
        done.accept(error);
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
