package org.asyncio4j.interop;

import static org.asyncio4j.Asyncio.await;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.streams.Datagram;
import org.asyncio4j.streams.DatagramEndpoint;

/**
 * asyncio4j's UDP endpoints under test, written as a user writes them (README's UDP section): an unconnected
 * echo server, and a connected client that sends a datagram and awaits its echo before sending the next (one at a
 * time, so that loopback neither drops nor reorders: what is tested is the endpoint, not UDP's delivery).
 */
final class Datagrams {
    private Datagrams() {
    }

    /**
     * Opens an endpoint on {@link Certificates#HOST} and a port the OS chooses, calls {@code startPeer} with the
     * port, and echoes each datagram to its sender until it has echoed at least {@code datagrams} datagrams and
     * {@code bytes} bytes; closes; returns the sizes it echoed, in order.
     */
    @Async
    static List<Integer> echo(int datagrams, long bytes, IntConsumer startPeer) {
        DatagramEndpoint endpoint = await(Asyncio.openDatagramEndpoint(new InetSocketAddress(Certificates.HOST, 0),
                null));
        List<Integer> sizes = new ArrayList<>();
        long echoed = 0;
        try {
            startPeer.accept(endpoint.localAddress().getPort());
            while (sizes.size() < datagrams || echoed < bytes) {
                Datagram d = await(endpoint.receive());
                await(endpoint.send(d.data(), d.sender()));
                sizes.add(d.length());
                echoed += d.length();
            }
        } finally {
            endpoint.close();
            await(endpoint.waitClosed());
        }
        return sizes;
    }

    /** Connects to {@code port}, sends each datagram after the previous one's echo came, closes; returns the echoes. */
    @Async
    static List<byte[]> pingPong(int port, List<byte[]> datagrams) {
        DatagramEndpoint endpoint = await(Asyncio.openDatagramEndpoint(null,
                new InetSocketAddress(Certificates.HOST, port)));
        List<byte[]> echoes = new ArrayList<>();
        try {
            for (byte[] d : datagrams) {
                await(endpoint.send(d));
                echoes.add(await(endpoint.receive()).data());
            }
        } finally {
            endpoint.close();
            await(endpoint.waitClosed());
        }
        return echoes;
    }
}
