package org.asyncio4j.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * W6 ({@link Echo}) with Netty: the server on one {@link NioEventLoopGroup} of one thread (accepting and serving
 * every connection), the clients on a second one-thread group. Netty's defaults otherwise (TCP_NODELAY on, pooled
 * buffers); a client's latency recorder is touched only on the client loop's thread.
 */
public final class EchoNetty {
    private EchoNetty() {}

    /** Writes back what it reads; flushes once per batch of reads. */
    @ChannelHandler.Sharable
    static final class EchoServerHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One client connection: sends a message, collects the 64-byte reply, checks it, sends the next. */
    static final class EchoClientHandler extends ChannelInboundHandlerAdapter {
        final int id;
        final Echo.Recorder recorder;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        ChannelHandlerContext ctx;
        long max;
        long deadline;
        long count;
        byte[] sent;
        final byte[] reply = new byte[Echo.MESSAGE_SIZE];
        int received;
        long startedAt;

        EchoClientHandler(int id, Echo.Recorder recorder) {
            this.id = id;
            this.recorder = recorder;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        /** Starts the exchange; on the client loop's thread. */
        void begin(long max, long deadline) {
            this.max = max;
            this.deadline = deadline;
            sendNextOrFinish();
        }

        private void sendNextOrFinish() {
            if (count >= max || System.nanoTime() >= deadline) {
                done.complete(count);
                return;
            }
            sent = Echo.message(id, count);
            received = 0;
            startedAt = System.nanoTime();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(sent));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                int n = buf.readableBytes();
                if (received + n > Echo.MESSAGE_SIZE) {
                    throw new IllegalStateException("more bytes than were sent");
                }
                buf.readBytes(reply, received, n);
                received += n;
            } finally {
                buf.release();
            }
            if (received == Echo.MESSAGE_SIZE) {
                recorder.add(System.nanoTime() - startedAt);
                Echo.check(sent, reply);
                count++;
                sendNextOrFinish();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Runs one measured phase: a fresh server and {@code connections} fresh clients. */
    public static Echo.Result run(int connections, long maxPerConnection, double seconds) throws InterruptedException {
        return run(1, connections, maxPerConnection, seconds);
    }

    /**
     * As {@link #run(int, long, double)} with a server group of {@code serverThreads} loops: one
     * {@link NioEventLoopGroup} both accepts (on one of its loops) and serves, each channel pinned to the loop its
     * chooser picked (round-robin), the way asyncio4j's group serves without {@code SO_REUSEPORT}.
     */
    public static Echo.Result run(int serverThreads, int connections, long maxPerConnection, double seconds)
            throws InterruptedException {
        EventLoopGroup serverGroup = new NioEventLoopGroup(serverThreads,
                new DefaultThreadFactory(Echo.CpuMeter.SERVER_PREFIX));
        EventLoopGroup clientGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("echo-client"));
        try {
            Channel server = new ServerBootstrap()
                    .group(serverGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new EchoServerHandler())
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Echo.Recorder recorder = new Echo.Recorder();
            List<EchoClientHandler> handlers = new ArrayList<>(connections);
            List<Channel> channels = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                EchoClientHandler handler = new EchoClientHandler(i, recorder);
                Channel ch = new Bootstrap()
                        .group(clientGroup)
                        .channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel c) {
                                c.pipeline().addLast(handler);
                            }
                        })
                        .connect("127.0.0.1", port).sync().channel();
                handlers.add(handler);
                channels.add(ch);
            }
            Echo.CpuMeter cpu = new Echo.CpuMeter();
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            clientGroup.next().execute(() -> {     // one thread: every client starts on the client loop
                for (EchoClientHandler h : handlers) {
                    h.begin(maxPerConnection, deadline);
                }
            });
            long total = 0;
            for (EchoClientHandler h : handlers) {
                total += h.done.join();
            }
            long elapsed = System.nanoTime() - start;
            long[] cpuNanos = cpu.stop();
            for (Channel ch : channels) {
                ch.close().sync();
            }
            server.close().sync();
            Echo.Recorder all = new Echo.Recorder();
            clientGroup.submit(() -> all.addAll(recorder)).sync();   // read the recorder on its own thread
            return new Echo.Result(total, elapsed, all, cpuNanos);
        } finally {
            clientGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
            serverGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }
}
