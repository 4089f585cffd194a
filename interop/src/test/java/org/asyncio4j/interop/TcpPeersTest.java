package org.asyncio4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * asyncio4j's plain TCP server and client against peers nobody here wrote: CPython (asyncio streams and blocking
 * sockets), socat and OpenBSD's nc. Half-closes both ways: a peer that shuts down its write side and still reads
 * our reply, and our {@code writeEof()} while the peer still sends. The randomized suite
 * ({@link RandomTransportTest}) does the same at scale against CPython; these are the tools one at a time.
 */
class TcpPeersTest {
    private static final byte[] PAYLOAD = TlsPeersTest.lines(TlsPeersTest.ISSUE_15_LINES);
    private static final byte[] GREETING = "hello, then the end of our stream\n".getBytes(StandardCharsets.US_ASCII);
    /** socat's wait after one direction ended, for the other: long, since it only bounds a hang. */
    private static final String SOCAT_WAIT = "30";

    // ---- asyncio4j's server; the peer half-closes first and reads our reply to its end ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"asyncio", "socket"})
    void ourServerEchoesToACpythonClientThatHalfClosesFirst(String mode) {
        assertEchoedToAPeerThatHalfCloses(port -> Peer.python("client.py", PAYLOAD, String.valueOf(port), mode,
                "--half-close"));
    }

    @Test
    void ourServerEchoesToNcThatHalfClosesFirst() {
        assertEchoedToAPeerThatHalfCloses(port -> Peer.start(List.of("nc", "-N", Certificates.HOST,
                String.valueOf(port)), PAYLOAD));
    }

    @Test
    void ourServerEchoesToSocatThatHalfClosesFirst() {
        assertEchoedToAPeerThatHalfCloses(port -> Peer.start(List.of("socat", "-t", SOCAT_WAIT, "-",
                "TCP:" + Certificates.HOST + ":" + port), PAYLOAD));
    }

    /** Our server echoes lines until the peer's half-close (EchoServer's handler), then closes; the peer reads all. */
    private static void assertEchoedToAPeerThatHalfCloses(IntFunction<Peer> startPeer) {
        AtomicReference<Peer> client = new AtomicReference<>();
        Endpoints.run(EndpointsAsync.serveOne(null, EndpointsAsync::echoLines,
                port -> client.set(startPeer.apply(port))));
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertArrayEquals(PAYLOAD, peer.stdout(), peer::toString);
        }
    }

    // ---- asyncio4j's server half-closes first; the peer still sends ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nc", "socat"})
    void ourServerHalfClosesFirstAndStillReadsAllThePeerSends(String tool) {
        AtomicReference<Peer> client = new AtomicReference<>();
        AtomicReference<byte[]> got = new AtomicReference<>();
        Endpoints.run(EndpointsAsync.serveOne(null,
                (r, w) -> EndpointsAsync.greetHalfCloseThenRead(r, w, GREETING, got),
                port -> client.set(Peer.start(tool.equals("nc")
                        ? List.of("nc", "-N", Certificates.HOST, String.valueOf(port))
                        : List.of("socat", "-t", SOCAT_WAIT, "-", "TCP:" + Certificates.HOST + ":" + port),
                        PAYLOAD))));
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertArrayEquals(GREETING, peer.stdout(), peer::toString);
            assertArrayEquals(PAYLOAD, got.get(), peer::toString);
        }
    }

    // ---- asyncio4j's client half-closes first; the peer still sends ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"asyncio", "socket"})
    void ourClientHalfClosesAndACpythonServerSendsEverythingAfterwards(String mode) {
        try (Peer server = Peer.python("echo_server.py", new byte[0], mode, "--collect")) {
            int port = Integer.parseInt(server.awaitOutput("PORT (\\d+)"));
            byte[] got = Endpoints.run(EndpointsAsync.sendHalfCloseAndReadToEnd(port, PAYLOAD));
            assertArrayEquals(PAYLOAD, got, server::toString);
            server.succeeds();
            assertTrue(server.stderr().contains("ECHOED " + PAYLOAD.length), server::toString);
        }
    }

    @Test
    void ourClientHalfClosesAndSocatEchoesToTheEnd() {
        try (Peer server = Peer.start(List.of("socat", "-d", "-d", "-t", SOCAT_WAIT,
                "TCP-LISTEN:0,bind=" + Certificates.HOST, "PIPE"), new byte[0])) {
            int port = Integer.parseInt(server.awaitOutput("listening on .*:(\\d+)"));
            byte[] got = Endpoints.run(EndpointsAsync.sendHalfCloseAndReadToEnd(port, PAYLOAD));
            assertArrayEquals(PAYLOAD, got, server::toString);
            server.succeeds();
        }
    }

    @Test
    void ourClientAndAnNcServerEachHalfCloseAndReadTheOtherToTheEnd() {
        try (Peer server = Peer.start(List.of("nc", "-l", "-v", "-N", Certificates.HOST, "0"), GREETING)) {
            int port = Integer.parseInt(server.awaitOutput("Listening on \\S+ (\\d+)"));
            byte[] got = Endpoints.run(EndpointsAsync.sendHalfCloseAndReadToEnd(port, PAYLOAD));
            assertArrayEquals(GREETING, got, server::toString);
            server.succeeds();
            assertArrayEquals(PAYLOAD, server.stdout(), server::toString);
        }
    }
}
