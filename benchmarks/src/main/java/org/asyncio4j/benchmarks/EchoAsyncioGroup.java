package org.asyncio4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.group.AcceptMode;
import org.asyncio4j.group.GroupServer;
import org.asyncio4j.group.LoopGroup;

/**
 * W6 ({@link Echo}) with an asyncio4j {@link LoopGroup}: the same echo handler as {@link EchoAsyncio}, served by a
 * {@link GroupServer} on every loop of a group of {@code size} loops (threads named {@code echo-server-loop-I}); the
 * clients as in {@link EchoAsyncio}, on one loop on the calling thread.
 */
public final class EchoAsyncioGroup {
    private EchoAsyncioGroup() {}

    /** Runs one measured phase: a fresh group and server, and {@code connections} fresh clients. */
    public static Echo.Result run(int size, AcceptMode mode, int connections, long maxPerConnection, double seconds)
            throws Exception {
        LoopGroup group = LoopGroup.start(size, Echo.CpuMeter.SERVER_PREFIX, EventLoop::new, null);
        try {
            GroupServer server = group.startServer(EchoAsyncioAsync::echo, "127.0.0.1", 0, mode)
                    .get(1, TimeUnit.MINUTES);
            return EchoAsyncio.runClients(server.port(), connections, maxPerConnection, seconds);
        } finally {
            group.close();
        }
    }
}
