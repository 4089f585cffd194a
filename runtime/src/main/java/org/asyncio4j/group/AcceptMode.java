package org.asyncio4j.group;

/**
 * How a {@link GroupServer} spreads the connections of its one port over the loops of its {@link LoopGroup}.
 *
 * <p>Immutable, hence thread-safe. Netty's counterpart is the "boss" group that accepts and the {@code next()}
 * chooser of the "worker" group (round-robin); Netty's epoll transport also offers {@code SO_REUSEPORT}. asyncio's
 * {@code create_server(reuse_port=True)} is the per-process building block of the first mode.
 */
public enum AcceptMode {
    /** {@link #REUSE_PORT} where the JDK and OS support it ({@code SO_REUSEPORT}: Linux, macOS), else {@link #ROUND_ROBIN}. */
    AUTO,
    /**
     * One listening socket per loop, all bound to the same port with {@code SO_REUSEPORT}: the kernel spreads new
     * connections over them (on Linux by a hash of the connection's addresses), each loop accepts its own, and no
     * socket ever crosses threads. Fails to start where {@code SO_REUSEPORT} is not supported.
     */
    REUSE_PORT,
    /** One listening socket on the group's first loop, which hands each accepted socket to the next loop in turn. */
    ROUND_ROBIN,
    /** As {@link #ROUND_ROBIN}, handing each accepted socket to the loop with the fewest open connections. */
    LEAST_LOADED
}
