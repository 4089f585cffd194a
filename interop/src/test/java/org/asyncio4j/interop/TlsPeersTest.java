package org.asyncio4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.asyncio4j.Coroutine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * asyncio4j's TLS server and client against TLS stacks nobody here wrote: OpenSSL's {@code s_client} and
 * {@code s_server}, and CPython's {@code ssl} module, blocking and under asyncio; TLS 1.2 and 1.3; certificate
 * names checked both ways; close_notify sent and required in both directions.
 *
 * <p>Issue #15's payload (eight lines, 10,299 bytes, written in one go) is every echo test's data: a server built
 * the README's way stopped echoing after the fifth line, for OpenSSL's client and CPython's alike.
 */
class TlsPeersTest {
    /** Line lengths including the '\n' from issue #15. */
    static final int[] ISSUE_15_LINES = {1244, 2956, 1963, 371, 83, 2252, 1187, 243};

    static byte[] lines(int... lengths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lengths.length; i++) {
            for (int j = 0; j < lengths[i] - 1; j++) {
                out.write('a' + (i + j) % 26);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    // ---- asyncio4j's server ----

    @ParameterizedTest(name = "{0} client, TLS {1}")
    @CsvSource({"asyncio, 1.2", "asyncio, 1.3", "socket, 1.2", "socket, 1.3"})
    void ourServerEchoesIssue15PayloadToCpythonAndEndsOnItsCloseNotify(String mode, String version) {
        byte[] payload = lines(ISSUE_15_LINES);
        AtomicReference<Peer> client = new AtomicReference<>();
        run(EndpointsAsync.serveOne(Certificates.SERVER, EndpointsAsync::echoLines,
                port -> client.set(Peer.python("client.py", payload, String.valueOf(port), mode,
                        "--tls", Certificates.CERT_PEM.toString(), Certificates.HOST, "--max-version", version,
                        "--expect", String.valueOf(payload.length)))));
        // echoLines returns only once a readLine() saw the end of the stream: the client's close_notify. A TCP end
        // without it would have failed the handler (and serveOne) with an SSLException.
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertArrayEquals(payload, peer.stdout(), peer::toString);
            assertTrue(peer.stderr().contains("VERSION TLSv" + version), peer::toString);
        }
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void ourServerEchoesIssue15PayloadToOpensslSClientAndClosesWithCloseNotify(String version) {
        byte[] payload = lines(ISSUE_15_LINES);
        AtomicReference<Peer> client = new AtomicReference<>();
        // s_client -quiet ignores the end of its input and waits for the server to close the connection.
        run(EndpointsAsync.serveOne(Certificates.SERVER,
                (r, w) -> EndpointsAsync.echoThenClose(r, w, payload.length),
                port -> client.set(Peer.start(List.of("openssl", "s_client", "-connect", Certificates.HOST + ":" + port,
                        "-quiet", "-tls" + version.replace('.', '_'), "-CAfile", Certificates.CERT_PEM.toString(),
                        "-verify_return_error", "-verify_hostname", Certificates.NAME), payload))));
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertArrayEquals(payload, peer.stdout(), peer::toString);
        }
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void ourServerClosesWithCloseNotifyThatCpythonSees(String version) {
        byte[] payload = lines(ISSUE_15_LINES);
        AtomicReference<Peer> client = new AtomicReference<>();
        run(EndpointsAsync.serveOne(Certificates.SERVER,
                (r, w) -> EndpointsAsync.echoThenClose(r, w, payload.length),
                port -> client.set(Peer.python("client.py", payload, String.valueOf(port), "socket",
                        "--tls", Certificates.CERT_PEM.toString(), Certificates.NAME, "--max-version", version))));
        try (Peer peer = client.get()) {
            peer.succeeds();                // no --expect: it read until our end, which was a close_notify
            assertTrue(peer.stderr().contains("END clean"), peer::toString);
            assertArrayEquals(payload, peer.stdout(), peer::toString);
        }
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void aTcpEndWithoutCloseNotifyIsAnErrorForOurServerNotAnEnd(String version) {
        byte[] payload = lines(ISSUE_15_LINES);
        AtomicReference<Peer> client = new AtomicReference<>();
        Throwable failure = assertThrows(Throwable.class, () -> run(EndpointsAsync.serveOne(
                Certificates.SERVER, EndpointsAsync::echoLines,
                port -> client.set(Peer.python("client.py", payload, String.valueOf(port), "socket",
                        "--tls", Certificates.CERT_PEM.toString(), Certificates.HOST, "--max-version", version,
                        "--expect", String.valueOf(payload.length), "--ragged")))));
        try (Peer peer = client.get()) {
            peer.succeeds();
            assertArrayEquals(payload, peer.stdout(), peer::toString);
        }
        assertInstanceOf(SSLException.class, rootCause(failure), () -> "the handler's readLine() failed: " + failure);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"asyncio", "socket"})
    void cpythonRefusesOurCertificateForAnotherName(String mode) {
        AtomicReference<Peer> client = new AtomicReference<>();
        int status = run(EndpointsAsync.serveUntilPeerExits(Certificates.SERVER, EndpointsAsync::echoLines,
                port -> {
                    client.set(Peer.python("client.py", new byte[0], String.valueOf(port), mode,
                            "--tls", Certificates.CERT_PEM.toString(), "wrong.example"));
                    return client.get();
                }));
        try (Peer peer = client.get()) {
            assertEquals(3, status, peer::toString);
            assertTrue(peer.stderr().contains("END certificate-refused"), peer::toString);
        }
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void opensslSClientRefusesOurCertificateForAnotherName(String version) {
        AtomicReference<Peer> client = new AtomicReference<>();
        int status = run(EndpointsAsync.serveUntilPeerExits(Certificates.SERVER, EndpointsAsync::echoLines,
                port -> {
                    client.set(Peer.start(List.of("openssl", "s_client", "-connect", Certificates.HOST + ":" + port,
                            "-tls" + version.replace('.', '_'), "-CAfile", Certificates.CERT_PEM.toString(),
                            "-verify_return_error", "-verify_hostname", "wrong.example"), new byte[0]));
                    return client.get();
                }));
        try (Peer peer = client.get()) {
            assertTrue(status != 0, peer::toString);
            assertTrue(peer.stdoutText().contains("hostname mismatch") || peer.stderr().contains("hostname mismatch"),
                    peer::toString);
        }
    }

    // ---- asyncio4j's client ----

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void ourClientTalksToOpensslSServer(String version) {
        byte[] payload = lines(ISSUE_15_LINES);
        try (Peer server = Peer.start(List.of("openssl", "s_server", "-accept", "0", "-naccept", "1", "-rev",
                "-tls" + version.replace('.', '_'), "-cert", Certificates.CERT_PEM.toString(),
                "-key", Certificates.KEY_PEM.toString()), new byte[0], false)) {
            int port = Integer.parseInt(server.awaitOutput("ACCEPT .*:(\\d+)"));
            byte[] got = run(EndpointsAsync.sendAndReceive(port, Certificates.CLIENT, Certificates.NAME, payload,
                    payload.length));
            assertArrayEquals(reversedLines(payload), got, server::toString);
            server.awaitOutput("Protocol version: (TLSv" + version + ")");
            server.awaitOutput("CONNECTION CLOSED");
        }
    }

    @ParameterizedTest(name = "{0} server, TLS {1}")
    @CsvSource({"asyncio, 1.2", "asyncio, 1.3", "socket, 1.2", "socket, 1.3"})
    void ourClientTalksToCpythonServerAndClosesWithCloseNotify(String mode, String version) {
        byte[] payload = lines(ISSUE_15_LINES);
        try (Peer server = Peer.python("echo_server.py", new byte[0], mode, "--tls", Certificates.CERT_PEM.toString(),
                Certificates.KEY_PEM.toString(), "--max-version", version)) {
            int port = Integer.parseInt(server.awaitOutput("PORT (\\d+)"));
            byte[] got = run(EndpointsAsync.sendAndReceive(port, Certificates.CLIENT, Certificates.HOST, payload,
                    payload.length));
            assertArrayEquals(payload, got);
            server.succeeds();              // "END clean": our close() sent a close_notify before the TCP end
            assertTrue(server.stderr().contains("END clean"), server::toString);
            assertTrue(server.stderr().contains("ECHOED " + payload.length), server::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"asyncio", "socket"})
    void ourClientRefusesCpythonServerForAnotherName(String mode) {
        try (Peer server = Peer.python("echo_server.py", new byte[0], mode, "--tls", Certificates.CERT_PEM.toString(),
                Certificates.KEY_PEM.toString())) {
            int port = Integer.parseInt(server.awaitOutput("PORT (\\d+)"));
            Throwable e = assertThrows(Throwable.class, () -> run(EndpointsAsync.sendAndReceive(port,
                    Certificates.CLIENT, "wrong.example", new byte[] {'x', '\n'}, 2)));
            assertInstanceOf(SSLHandshakeException.class, rootCause(e), e::toString);
        }
    }

    // ---- helpers ----

    private static <T> T run(Coroutine<T> coroutine) {
        return Endpoints.run(coroutine);
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof SSLException)) {
            t = t.getCause();
        }
        return t;
    }

    private static byte[] reversedLines(byte[] payload) {
        List<String> out = new ArrayList<>();
        for (String line : new String(payload, StandardCharsets.US_ASCII).split("\n")) {
            out.add(new StringBuilder(line).reverse().toString());
        }
        return (String.join("\n", out) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
