package org.asyncio4j.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The {@code sock*} operations of {@link EventLoop} (asyncio's {@code sock_recv}, {@code sock_sendall},
 * {@code sock_accept}, {@code sock_connect}): each tries the non-blocking call at once and, if it would block,
 * installs a reader or writer callback that retries it when the selector reports the channel ready. The callback
 * is removed when the operation completes, fails or is cancelled, so interest is registered only while a task
 * waits.
 *
 * <p>Not thread-safe; used only on the loop's thread.
 */
public final class SocketOps {
    private SocketOps() {
    }

    /** A future whose cancellation also removes the reader or writer callback it waits on. */
    static final class IoFuture<T> extends Future<T> {
        private final SelectableChannel channel;
        private final boolean write;

        IoFuture(EventLoop loop, SelectableChannel channel, boolean write) {
            super(loop);
            this.channel = channel;
            this.write = write;
        }

        @Override
        public boolean cancel(String message) {
            if (!done()) {
                release();
            }
            return super.cancel(message);
        }

        void release() {
            if (write) {
                getLoop().removeWriter(channel);
            } else {
                getLoop().removeReader(channel);
            }
        }

        void succeed(T value) {
            release();
            setResult(value);
        }

        void fail(Throwable t) {
            release();
            setException(t);
        }
    }

    /** What an {@link Attempt} returns when the operation would block. */
    private static final Object BLOCKED = new Object();

    @FunctionalInterface
    interface Attempt {
        /** Returns the result (may be {@code null}), or {@link #BLOCKED} if the operation would block. */
        Object attempt() throws IOException;
    }

    @SuppressWarnings("unchecked")
    private static <T> Future<T> run(EventLoop loop, SelectableChannel ch, boolean write, Attempt op) {
        checkNonBlocking(ch);
        IoFuture<T> f = new IoFuture<>(loop, ch, write);
        Object first;
        try {
            first = op.attempt();
        } catch (IOException | RuntimeException e) {
            f.setException(e);
            return f;
        }
        if (first != BLOCKED) {
            f.setResult((T) first);
            return f;
        }
        Runnable retry = () -> {
            if (f.done()) {
                return;
            }
            Object r;
            try {
                r = op.attempt();
            } catch (IOException | RuntimeException e) {
                f.fail(e);
                return;
            }
            if (r != BLOCKED) {
                f.succeed((T) r);
            }
        };
        if (write) {
            loop.addWriter(ch, retry);
        } else {
            loop.addReader(ch, retry);
        }
        return f;
    }

    public static Future<Integer> recv(EventLoop loop, SocketChannel ch, ByteBuffer buf) {
        return run(loop, ch, false, () -> {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = ch.read(buf);
            return n == 0 ? BLOCKED : (Object) n;
        });
    }

    public static Future<Void> sendall(EventLoop loop, SocketChannel ch, ByteBuffer buf) {
        return run(loop, ch, true, () -> {
            ch.write(buf);
            return buf.hasRemaining() ? BLOCKED : null;
        });
    }

    public static Future<SocketChannel> accept(EventLoop loop, ServerSocketChannel server) {
        return run(loop, server, false, () -> {
            SocketChannel ch = server.accept();
            if (ch == null) {
                return BLOCKED;
            }
            ch.configureBlocking(false);
            return ch;
        });
    }

    public static Future<Void> connect(EventLoop loop, SocketChannel ch, SocketAddress address) {
        boolean[] started = {false};
        return run(loop, ch, true, () -> {
            if (!started[0]) {
                started[0] = true;
                return ch.connect(address) ? null : BLOCKED;
            }
            return ch.finishConnect() ? null : BLOCKED;
        });
    }

    public static void checkNonBlocking(SelectableChannel ch) {
        if (ch.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking: " + ch);
        }
    }
}
