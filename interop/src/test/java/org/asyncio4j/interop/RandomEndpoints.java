package org.asyncio4j.interop;

import static org.asyncio4j.Asyncio.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.streams.IncompleteReadError;
import org.asyncio4j.streams.LimitOverrunError;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;
import org.asyncio4j.Task;

/**
 * The randomized suite's server and client, written as a user writes them: each connection reads with a random mix
 * of {@code read(n)}, {@code readLine()}, {@code readUntil(separator)} and {@code readExactly(n)}, takes a line
 * longer than the limit as asyncio's documentation advises (after {@link LimitOverrunError}, the bytes stay buffered
 * and {@code readExactly(e.consumed())} takes them), and writes in random chunks with {@code drain()} and short
 * pauses. The protocol is {@code stream_peer.py}'s: a header line "CONN i SCENARIO [N]", then the scenario.
 *
 * <p>Over TLS there is no half-close, so the data must delimit itself: the peer's lines all end with '\n', the
 * header says how many bytes follow, and the reads used are those that complete on such data (no separator that may
 * never come, no {@code readExactly} past the end).
 */
final class RandomEndpoints {
    static final byte[] READY = "READY\n".getBytes(StandardCharsets.US_ASCII);
    /** Separators for readUntil on plain TCP: a frequent byte, the newline, and a two-byte one. */
    private static final byte[][] TCP_SEPARATORS = {{'x'}, {'\n'}, {'%', '\n'}};
    private static final byte[][] TLS_SEPARATORS = {{'\n'}};
    /** Salts of {@link Batch#random}: each purpose its own stream, so one change of plan does not shift the others. */
    static final int PLAN = 1;
    static final int READS = 2;
    static final int WRITES = 3;

    private RandomEndpoints() {
    }

    // ---- our server: stream_peer.py client connects ----

    /**
     * Serves one connection of {@code batch}: reads the header, then echoes everything to the end of the stream
     * ("echo", "abort"), or sends READY, half-closes and reads everything to the end ("eof-first").
     */
    @Async
    static void serve(Batch batch, StreamReader reader, StreamWriter writer) {
        Tally tally = null;
        try {
            String[] header = new String(await(reader.readLine(), IOException.class), StandardCharsets.US_ASCII)
                    .trim().split(" ");
            tally = batch.start(Integer.parseInt(header[1]), header[2]);
            SplittableRandom rng = batch.random(tally.conn, READS);
            // Over TLS the header's length says where the data ends; over TCP the peer's half-close does.
            long until = writer.canWriteEof() ? -1 : Long.parseLong(header[3]);
            if (tally.scenario.equals("eof-first")) {
                writer.write(READY);
                writer.writeEof();
                await(RandomEndpointsAsync.receive(reader, rng, tally, null, null, until));
            } else {
                await(RandomEndpointsAsync.receive(reader, rng, tally, writer, null, until));
            }
            tally.outcome = "eof";
        } catch (IOException e) {
            if (tally == null) {
                batch.unattributed.add(e);
            } else {
                tally.readFailure = e;
                tally.outcome = "failure";
            }
        }
        writer.close();
        await(writer.waitClosed());
        if (tally != null) {
            tally.socketOpenAfterEnd = writer.channel().isOpen();
        }
    }

    // ---- our client: stream_peer.py server accepts ----

    /** Runs {@code parallel} workers that connect until the batch's connections are all started. */
    @Async
    static void connectAll(Batch batch, int port, SSLContext tls, int parallel) {
        List<Task<Void>> workers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            workers.add(Asyncio.createTask(RandomEndpointsAsync.connectEach(batch, port, tls)));
        }
        await(Asyncio.gather(workers));
    }

    @Async
    static void connectEach(Batch batch, int port, SSLContext tls) {
        for (int conn = batch.nextConnection(); conn >= 0; conn = batch.nextConnection()) {
            await(RandomEndpointsAsync.connect(batch, conn, port, tls));
        }
    }

    /**
     * Connection {@code conn} of our client: sends random lines in random chunks from a task of its own while this
     * one reads the echo ("echo"; "abort": the peer resets after echoing a random prefix), or reads the peer's READY
     * and end of stream while still sending ("eof-first"). Over TCP the sender half-closes at the end.
     */
    @Async
    static void connect(Batch batch, int conn, int port, SSLContext tls) {
        SplittableRandom plan = batch.random(conn, PLAN);
        String[] scenarios = batch.echoOnly ? new String[] {"echo"}
                : tls == null ? new String[] {"echo", "echo", "eof-first", "abort"}
                : new String[] {"echo", "echo", "abort"};
        Tally tally = batch.start(conn, scenarios[plan.nextInt(scenarios.length)]);
        List<Integer> lengths = new ArrayList<>();
        byte[] data = Batch.lines(plan, lengths, tls == null);     // over TLS every line ends with '\n'
        tally.lines = lengths.stream().mapToInt(Integer::intValue).toArray();
        int cut = plan.nextInt(data.length);     // abort: the peer echoes this many bytes, fewer than all
        Streams streams;
        try {
            streams = await(tls == null ? Asyncio.openConnection(Certificates.HOST, port)
                    : Asyncio.openConnection(Certificates.HOST, port, tls, Certificates.NAME), IOException.class);
        } catch (IOException e) {
            tally.readFailure = e;
            tally.outcome = "connect failed";
            return;
        }
        StreamWriter writer = streams.writer();
        if (!batch.echoOnly) {
            writer.write(("CONN " + conn + " " + tally.scenario + (tally.scenario.equals("abort") ? " " + cut : "")
                    + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Task<Void> sending = Asyncio.createTask(
                RandomEndpointsAsync.send(writer, data, batch.random(conn, WRITES), tally));
        try {
            SplittableRandom rng = batch.random(conn, READS);
            if (tally.scenario.equals("eof-first")) {
                await(RandomEndpointsAsync.receive(streams.reader(), rng, tally, null, READY, -1), IOException.class);
            } else {
                await(RandomEndpointsAsync.receive(streams.reader(), rng, tally, null, data,
                        tls == null ? -1 : data.length), IOException.class);
            }
            tally.outcome = "eof";
        } catch (IOException e) {
            tally.readFailure = e;
            tally.outcome = "failure";
        }
        if (tally.readFailure == null) {
            try {
                await(sending, IOException.class);
            } catch (IOException e) {
                tally.writeFailure = e;
            }
        } else if (!sending.cancel() && sending.exception() != null) {
            tally.writeFailure = sending.exception();       // it had failed already
        }
        writer.close();
        await(writer.waitClosed());
        tally.socketOpenAfterEnd = writer.channel().isOpen();
    }

    /** Writes {@code data} in random chunks, each drained, with random short pauses; half-closes over TCP. */
    @Async
    static void send(StreamWriter writer, byte[] data, SplittableRandom rng, Tally tally) {
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(Batch.chunkSize(rng), data.length - pos);
            writer.write(ByteBuffer.wrap(data, pos, n));
            tally.sent(data, pos, n);
            pos += n;
            await(writer.drain());
            if (rng.nextInt(7) == 0) {
                await(Asyncio.sleep(rng.nextDouble() * 0.002));
            }
        }
        if (writer.canWriteEof()) {
            writer.writeEof();
        }
    }

    // ---- both ----

    /**
     * Reads with a random mix of reads until the end of the stream, or until {@code until} bytes came if it is not
     * -1; counts every byte, compares them with {@code expected} if given, and echoes them to {@code echoTo} if
     * given.
     */
    @Async
    static void receive(StreamReader reader, SplittableRandom rng, Tally tally, StreamWriter echoTo, byte[] expected,
            long until) throws IOException {
        while (until < 0 || tally.received < until) {
            byte[] got = await(RandomEndpointsAsync.readSome(reader, rng, tally,
                    until < 0 ? -1 : until - tally.received), IOException.class);
            if (got.length == 0) {
                return;
            }
            if (expected != null && tally.mismatchAt < 0) {
                tally.mismatchAt = firstDifference(expected, tally.received, got);
            }
            tally.received(got);
            if (echoTo != null) {
                tally.step = "drain() of the echo";
                echoTo.write(got);
                tally.sent(got, 0, got.length);
                await(echoTo.drain(), IOException.class);
            }
        }
    }

    /**
     * One read, chosen at random as a user's code might: empty at the end of the stream. With {@code left} not -1
     * (over TLS: the stream does not end where the data does), it waits for no more than {@code left} bytes and
     * for no separator but the '\n' that ends the data.
     */
    @Async
    static byte[] readSome(StreamReader reader, SplittableRandom rng, Tally tally, long left) throws IOException {
        int kind = rng.nextInt(4);
        int n = 1 + rng.nextInt(rng.nextBoolean() ? 64 : 3 * Batch.LIMIT);
        if (left >= 0) {
            n = (int) Math.min(n, left);
        }
        if (kind == 0) {
            tally.step = "read(" + n + ")";
            byte[] got = await(reader.read(n), IOException.class);
            tally.require(got.length <= n, "read(" + n + ") returned " + got.length + " bytes");
            return got;
        }
        if (kind == 1) {
            tally.step = "readExactly(" + n + ")";
            try {
                byte[] got = await(reader.readExactly(n), IOException.class);
                tally.require(got.length == n, "readExactly(" + n + ") returned " + got.length + " bytes");
                return got;
            } catch (IncompleteReadError e) {
                return e.partial();         // the stream ended first: what there was
            }
        }
        byte[][] separators = left < 0 ? TCP_SEPARATORS : TLS_SEPARATORS;
        byte[] separator = separators[rng.nextInt(separators.length)];
        tally.step = kind == 2 ? "readLine()" : "readUntil(" + new String(separator, StandardCharsets.US_ASCII) + ")";
        byte[] sep = kind == 2 ? new byte[] {'\n'} : separator;
        try {
            byte[] got = await(kind == 2 ? reader.readLine() : reader.readUntil(separator), IOException.class);
            // One line (or one piece up to the separator): the separator where it ends and nowhere before. Only
            // readLine() at the end of the stream returns what is left, without one.
            int at = indexOf(got, sep);
            tally.require(at == got.length - sep.length || at < 0 && kind == 2 && reader.atEof(),
                    tally.step + " returned " + got.length + " bytes with the first separator at " + at);
            return got;
        } catch (LimitOverrunError e) {
            // More than the limit without a separator: the bytes stay buffered; take them as they are.
            tally.require(e.consumed() > reader.limit(), tally.step + " overran the limit at " + e.consumed());
            tally.step = "readExactly(" + e.consumed() + ") after LimitOverrunError";
            return await(reader.readExactly(e.consumed()), IOException.class);
        } catch (IncompleteReadError e) {
            return e.partial();             // readUntil() at the end of the stream
        }
    }

    private static int indexOf(byte[] data, byte[] sep) {
        outer:
        for (int i = 0; i + sep.length <= data.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (data[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long firstDifference(byte[] expected, long offset, byte[] got) {
        for (int i = 0; i < got.length; i++) {
            if (offset + i >= expected.length || expected[(int) (offset + i)] != got[i]) {
                return offset + i;
            }
        }
        return -1;
    }
}
