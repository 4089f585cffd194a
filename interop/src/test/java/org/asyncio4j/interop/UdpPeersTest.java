package org.asyncio4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * asyncio4j's {@code DatagramEndpoint} against UDP peers nobody here wrote, each way: CPython's asyncio datagram
 * endpoint ({@code udp_peer.py}) and socat. Datagram sizes from 1 byte through the loopback MTU's edge to the
 * largest IPv4 UDP payload (65,507 bytes); every datagram must come back whole, as one datagram, in order.
 */
class UdpPeersTest {
    /** 1472 and 1473: an Ethernet MTU's UDP payload and one past it; 65,507: the largest over IPv4. */
    private static final int[] SIZES = {1, 2, 100, 1472, 1473, 8192, 9000, 65_507};
    /**
     * socat echoes through a pipe (PIPE), which keeps a datagram whole only up to PIPE_BUF (4,096 bytes on Linux),
     * and reads 8,192 bytes at a time by default.
     */
    private static final int[] SOCAT_SIZES = {1, 2, 100, 1472, 1473, 4096};
    /** socat's wait after its standard input ended, for the last echoes: it only bounds a hang. */
    private static final String SOCAT_WAIT = "5";

    @Test
    void ourEndpointEchoesToACpythonAsyncioClient() {
        AtomicReference<Peer> client = new AtomicReference<>();
        List<String> args = new ArrayList<>(List.of("client"));
        List<Integer> echoed = Endpoints.run(DatagramsAsync.echo(SIZES.length, IntStream.of(SIZES).sum(), port -> {
            args.add(String.valueOf(port));
            IntStream.of(SIZES).forEach(n -> args.add(String.valueOf(n)));
            client.set(Peer.python("udp_peer.py", new byte[0], args.toArray(String[]::new)));
        }));
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertEquals(sizes(SIZES), echoed, peer::toString);
            for (int n : SIZES) {
                assertTrue(peer.stdoutText().contains("ECHO " + n + " ok\n"), peer::toString);
            }
        }
    }

    @Test
    void ourConnectedEndpointTalksToACpythonAsyncioServer() {
        try (Peer server = Peer.python("udp_peer.py", new byte[0], "server", "--count",
                String.valueOf(SIZES.length))) {
            int port = Integer.parseInt(server.awaitOutput("PORT (\\d+)"));
            List<byte[]> sent = randomDatagrams(SIZES);
            assertEchoes(sent, Endpoints.run(DatagramsAsync.pingPong(port, sent)), server);
            server.succeeds();
        }
    }

    @Test
    void ourEndpointEchoesToSocat() {
        byte[] payload = TlsPeersTest.lines(TlsPeersTest.ISSUE_15_LINES);
        AtomicReference<Peer> client = new AtomicReference<>();
        // socat sends what each read of its input gives as one datagram, and prints each datagram that comes back.
        Endpoints.run(DatagramsAsync.echo(1, payload.length, port -> client.set(Peer.start(List.of("socat", "-t",
                SOCAT_WAIT, "-", "UDP4-SENDTO:" + Certificates.HOST + ":" + port), payload))));
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertArrayEquals(payload, peer.stdout(), peer::toString);
        }
    }

    @Test
    void ourConnectedEndpointTalksToSocat() {
        int port = freeUdpPort();
        try (Peer server = Peer.start(List.of("socat", "-d", "-d", "UDP4-LISTEN:" + port + ",bind="
                + Certificates.HOST, "PIPE"), new byte[0], false)) {
            server.awaitOutput("listening on");
            List<byte[]> sent = randomDatagrams(SOCAT_SIZES);
            assertEchoes(sent, Endpoints.run(DatagramsAsync.pingPong(port, sent)), server);
        }
    }

    private static void assertEchoes(List<byte[]> sent, List<byte[]> echoes, Peer peer) {
        assertEquals(sent.size(), echoes.size(), peer::toString);
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), echoes.get(i), "datagram " + i + " of " + sent.get(i).length + " bytes");
        }
    }

    private static List<byte[]> randomDatagrams(int[] sizes) {
        SplittableRandom rng = new SplittableRandom(sizes.length);
        return Arrays.stream(sizes).mapToObj(n -> {
            byte[] d = new byte[n];
            for (int i = 0; i < n; i++) {
                d[i] = (byte) rng.nextInt(256);
            }
            return d;
        }).collect(Collectors.toList());
    }

    private static List<Integer> sizes(int[] sizes) {
        return IntStream.of(sizes).boxed().collect(Collectors.toList());
    }

    /**
     * A UDP port free a moment ago, for socat, which does not say which port it bound when given 0. Another program
     * taking it in between would fail the test with socat's bind error, not pass it wrongly.
     */
    private static int freeUdpPort() {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(Certificates.HOST, 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
