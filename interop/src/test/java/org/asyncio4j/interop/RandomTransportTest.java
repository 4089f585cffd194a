package org.asyncio4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.TimeoutError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The randomized transport suite: asyncio4j's server and client, over plain TCP and TLS, against CPython's asyncio
 * ({@code stream_peer.py}: many connections per process, one JSON report each), and our client against socat's
 * echo (PIPE, a child per connection; TCP and TLS; echo only, since socat speaks no protocol of ours). Each connection draws random lines
 * from 1 byte to three times past the reader's 64 KiB limit, random write chunks and pauses on both sides, random
 * reads on ours, and a scenario: echo, half-close first (TCP, both ways), or a reset mid-stream (SO_LINGER 0).
 * {@link Accounting} then checks every byte and every ending; a connection that stalls is reported by the peer
 * (no progress for 20 s) or by this batch's deadline, with what each side was doing.
 *
 * <p>CI runs a fixed seed ({@code interop/pom.xml}); any seed and count on demand:
 * {@code mvn -B -pl runtime,processor,interop test -Dtest=RandomTransportTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinterop.seed=N -Dinterop.connections=M}. Connection i's plan depends only on the seed and i.
 */
class RandomTransportTest {
    static final long SEED = Long.getLong("interop.seed", 1);
    static final int CONNECTIONS = Integer.getInteger("interop.connections", 200);
    /** Connections in flight at once, on each side. */
    private static final int PARALLEL = 4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "tls"})
    void ourServerAgainstCpythonClients(String transport) {
        boolean tls = transport.equals("tls");
        Batch batch = new Batch(SEED, CONNECTIONS);
        OpenSockets before = OpenSockets.now();
        AtomicReference<Peer> client = new AtomicReference<>();
        List<String> args = new ArrayList<>(List.of("--seed", String.valueOf(SEED), "--count",
                String.valueOf(CONNECTIONS), "--parallel", String.valueOf(PARALLEL)));
        if (tls) {
            args.addAll(List.of("--tls", Certificates.CERT_PEM.toString(), Certificates.NAME));
        }
        try {
            int status = runBatch(batch, "ourServerAgainstCpythonClients", client::get,
                    EndpointsAsync.serveUntilPeerExits(tls ? Certificates.SERVER : null,
                            (r, w) -> RandomEndpointsAsync.serve(batch, r, w),
                            port -> {
                                client.set(Peer.python(batch.peerDeadline(), "stream_peer.py", new byte[0], Stream.concat(
                                        Stream.of("client", String.valueOf(port)), args.stream())
                                        .toArray(String[]::new)));
                                return client.get();
                            }));
            assertEquals(0, status, client.get()::toString);
            assertNoProblems(batch, "ourServerAgainstCpythonClients",
                    Accounting.ourServer(batch, PeerReport.parse(client.get().stdoutText())));
        } finally {
            if (client.get() != null) {
                client.get().close();
            }
        }
        before.assertNoneLeaked();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "tls"})
    void ourClientAgainstCpythonServer(String transport) {
        boolean tls = transport.equals("tls");
        Batch batch = new Batch(SEED, CONNECTIONS);
        OpenSockets before = OpenSockets.now();
        List<String> args = new ArrayList<>(List.of("server", "--seed", String.valueOf(SEED), "--count",
                String.valueOf(CONNECTIONS)));
        if (tls) {
            args.addAll(List.of("--tls", Certificates.CERT_PEM.toString(), Certificates.KEY_PEM.toString()));
        }
        SSLContext context = tls ? Certificates.CLIENT : null;
        try (Peer server = Peer.python(batch.peerDeadline(), "stream_peer.py", new byte[0],
                args.toArray(String[]::new))) {
            int port = Integer.parseInt(server.awaitOutput("PORT (\\d+)"));
            runBatch(batch, "ourClientAgainstCpythonServer", () -> server,
                    RandomEndpointsAsync.connectAll(batch, port, context, PARALLEL));
            server.succeeds();
            assertNoProblems(batch, "ourClientAgainstCpythonServer",
                    Accounting.ourClient(batch, PeerReport.parse(server.stdoutText())));
        }
        before.assertNoneLeaked();
    }

    /** socat's PIPE echoes each connection (a child process per connection), over TCP or TLS (socat's OpenSSL). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "tls"})
    void ourClientAgainstSocatEchoServer(String transport) {
        boolean tls = transport.equals("tls");
        Batch batch = new Batch(SEED, CONNECTIONS, true);
        OpenSockets before = OpenSockets.now();
        String listen = (tls ? "OPENSSL-LISTEN:0,cert=" + Certificates.CERT_PEM + ",key=" + Certificates.KEY_PEM
                + ",verify=0" : "TCP-LISTEN:0") + ",bind=" + Certificates.HOST + ",fork,reuseaddr";
        // -t: how long a child waits, once our side ended, for the echo to drain: long, it only bounds a hang.
        try (Peer server = Peer.start(batch.peerDeadline(), List.of("socat", "-d", "-d", "-t", "30", listen, "PIPE"),
                new byte[0], false)) {
            int port = Integer.parseInt(server.awaitOutput("listening on .*:(\\d+)"));
            runBatch(batch, "ourClientAgainstSocatEchoServer", () -> server,
                    RandomEndpointsAsync.connectAll(batch, port, tls ? Certificates.CLIENT : null, PARALLEL));
            assertNoProblems(batch, "ourClientAgainstSocatEchoServer", Accounting.ourClientAgainstAnEcho(batch));
        }
        before.assertNoneLeaked();
    }

    /**
     * Runs a batch under a deadline that only a hang can pass (the peer gives up on a connection after 20 s without
     * progress, so a stall on either side ends well before it); if it passes, fails with every connection that was
     * still in progress and what it was doing.
     */
    private static <T> T runBatch(Batch batch, String test, Supplier<Peer> peer,
            Coroutine<T> coroutine) {
        double deadline = batch.deadlineSeconds();
        EventLoop loop = new EventLoop();
        loop.setExceptionHandler((l, context) -> batch.loopErrors.add(context.get("message") + ": "
                + context.get("exception")));
        try {
            return Asyncio.run(Asyncio.waitFor(coroutine, deadline), loop);
        } catch (TimeoutError e) {
            StringBuilder stalled = new StringBuilder();
            batch.tallies.values().stream().filter(t -> t.outcome == null)
                    .forEach(t -> stalled.append("\n  ").append(t));
            throw new AssertionError("the batch did not finish within " + deadline + " s; " + reproduce(batch, test)
                    + "\nin progress:" + stalled + "\npeer: " + peer.get(), e);
        }
    }

    private static void assertNoProblems(Batch batch, String test, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s); " + reproduce(batch, test) + "\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    private static String reproduce(Batch batch, String test) {
        return "seed " + batch.seed + ", " + batch.count + " connections; reproduce with: mvn -B -pl "
                + "runtime,processor,interop test -Dtest=RandomTransportTest#" + test
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dinterop.seed=" + batch.seed
                + " -Dinterop.connections=" + batch.count;
    }
}
