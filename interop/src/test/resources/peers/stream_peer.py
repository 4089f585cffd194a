"""The randomized transport suite's CPython peer: many connections per process, one JSON line per connection.

    python3 stream_peer.py client PORT --seed S --count N [--tls CAFILE SERVER_NAME] [--parallel P]
    python3 stream_peer.py server --count N --seed S [--tls CERTFILE KEYFILE]

`client` tests asyncio4j's server: connection i (0 <= i < N, P at a time) draws its plan from Random("S/i"): a
scenario, random lines (1 byte to three times the reader's 64 KiB limit, the last one sometimes without '\n'), and
random write chunks with random short pauses, so that TCP segments and TLS records split everywhere. It first sends
the header line "CONN i SCENARIO LENGTH\n" (over TLS, which has no half-close, the length is how our server knows
where the data ends; so every TLS line ends with '\n'), then:
  echo       sends the lines while reading the echo (random read sizes), then half-closes (TCP) and reads to the end;
             over TLS it reads until the whole echo came back and closes with close_notify;
  eof-first  (TCP) reads our "READY\n" and the end of our stream (our writeEof()), then sends the lines and
             half-closes: we must still read them all;
  abort      sends a random prefix of the lines, then resets the connection (SO_LINGER 0): we must fail, not hang.

`server` tests asyncio4j's client: it prints "PORT n", serves N connections (any number at a time) and exits. Each
connection's header, "CONN i SCENARIO [CUT]\n", comes from our client; the peer then, with Random("S/i/peer") for
its read sizes, write chunks and pauses:
  echo       echoes until our end (half-close or close_notify), then closes;
  eof-first  (TCP) sends "READY\n" and half-closes at once, then reads all we send to our end: we must still send;
  abort      echoes CUT bytes, then resets the connection (SO_LINGER 0): our reader must fail, not hang.

Each connection's line on standard output: {"conn": i, "scenario": ..., "lines": [lengths] (client), "sent": bytes
sent after the header, "sent_crc": their CRC-32, "got": bytes received (after the header), "got_crc", "echo_ok":
whether what came back is what was sent (or its prefix, for abort), "end": "eof" | "reset" | "stall" | "error ...",
"ms": duration}. A connection that makes no progress for STALL seconds ends as "stall"; the process exits 0 once
every connection reported, whatever their outcome (the test judges them).
"""
import argparse
import asyncio
import json
import random
import socket
import ssl
import struct
import sys
import time
import zlib

HOST = "127.0.0.1"
LIMIT = 64 * 1024           # asyncio4j's (and asyncio's) StreamReader limit
STALL = 20                  # seconds without progress: a hang, reported as such
# Printable bytes without '\n', so that only the line ends are newlines.
FILLER = bytes(range(0x21, 0x7f)) * 3
TABLE = bytes(FILLER[b % len(FILLER)] for b in range(256))


class Stall(Exception):
    pass


async def progress(awaitable):
    """Awaits one step of I/O; STALL seconds without it is a hang."""
    try:
        return await asyncio.wait_for(awaitable, STALL)
    except asyncio.TimeoutError:
        raise Stall() from None


def line_length(rng):
    r = rng.random()
    if r < 0.35:
        return rng.randint(1, 80)
    if r < 0.65:
        return rng.randint(81, 8000)
    if r < 0.9:
        return rng.randint(8001, LIMIT + 2)         # up to the limit, and a byte or two past it
    return rng.randint(LIMIT + 3, 3 * LIMIT)        # past the limit: readLine() overruns


def make_lines(rng, may_cut_last_line):
    lengths = [line_length(rng) for _ in range(rng.randint(1, 6))]
    data = bytearray()
    for n in lengths:
        data += rng.randbytes(n - 1).translate(TABLE) + b"\n"
    if may_cut_last_line and rng.random() < 0.2:    # a last line without its '\n'
        tail = rng.randint(1, 3000)
        lengths.append(-tail)
        data += rng.randbytes(tail).translate(TABLE)
    return lengths, bytes(data)


def chunk_size(rng):
    r = rng.random()
    if r < 0.3:
        return rng.randint(1, 16)
    if r < 0.7:
        return rng.randint(17, 2000)
    return rng.randint(2001, 40000)


async def send_chunked(writer, data, rng, report):
    """Writes data in random chunks with random short pauses (asyncio sets TCP_NODELAY: small segments go out)."""
    pos = 0
    while pos < len(data):
        n = chunk_size(rng)
        writer.write(data[pos:pos + n])
        pos += len(data[pos:pos + n])
        await progress(writer.drain())
        report["sent"] = pos
        if rng.random() < 0.15:
            await asyncio.sleep(rng.random() * 0.002)


async def read_into(reader, rng, got, until=None):
    """Reads with random sizes into got until the end of the stream, or until `until` bytes came."""
    while until is None or len(got) < until:
        chunk = await progress(reader.read(rng.choice((1, 7, 100, 1500, 16384, 65536, 200000))))
        if not chunk:
            return
        got += chunk


def reset(writer):
    """Closes with a TCP RST: SO_LINGER on with a zero timeout, then close."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def finish(report, sent, got, started, prefix_ok):
    report["sent_crc"] = zlib.crc32(sent)
    report["got"] = len(got)
    report["got_crc"] = zlib.crc32(got)
    report["echo_ok"] = prefix_ok
    report["ms"] = int((time.monotonic() - started) * 1000)
    print(json.dumps(report), flush=True)


def ending(e):
    if isinstance(e, Stall):
        return "stall"
    if isinstance(e, (ConnectionResetError, BrokenPipeError)):
        return "reset"
    return "error " + type(e).__name__ + ": " + str(e)


# ---- client: asyncio4j's server under test ----

async def client_connection(args, i, ctx):
    rng = random.Random("%d/%d" % (args.seed, i))                 # the plan, then the writes
    reads = random.Random("%d/%d/reads" % (args.seed, i))         # its own: reads run beside the writes
    scenarios = ["echo", "echo", "abort"] if ctx else ["echo", "echo", "eof-first", "abort"]
    scenario = rng.choice(scenarios)
    lengths, data = make_lines(rng, not ctx)
    report = {"conn": i, "scenario": scenario, "lines": lengths, "sent": 0, "end": "eof"}
    started = time.monotonic()
    got = bytearray()
    sent = data
    writer = None
    try:
        reader, writer = await progress(asyncio.open_connection(
            HOST, args.port, ssl=ctx, server_hostname=args.tls[1] if ctx else None))
        writer.write(b"CONN %d %s %d\n" % (i, scenario.encode(), len(data)))
        if scenario == "eof-first":
            ready = bytearray()
            await read_into(reader, reads, ready)
            if ready != b"READY\n":
                raise ValueError("expected READY and the end of the stream, got %r" % bytes(ready[:100]))
            await send_chunked(writer, data, rng, report)
            writer.write_eof()
            await read_into(reader, reads, got)     # nothing more: our server closes once it read everything
        elif scenario == "echo":
            receiving = asyncio.ensure_future(read_into(reader, reads, got, len(data) if ctx else None))
            await send_chunked(writer, data, rng, report)
            if not ctx:
                writer.write_eof()
            await progress(receiving)
        else:
            # Over TCP all of it may go before the reset (our server then waits for the end of the stream); over
            # TLS our server knows the length from the header and would end cleanly on the last byte.
            sent = data[:rng.randint(0, len(data) - (1 if ctx else 0))]
            receiving = asyncio.ensure_future(read_into(reader, reads, got))
            await send_chunked(writer, sent, rng, report)
            await asyncio.sleep(rng.random() * 0.005)
            receiving.cancel()
            reset(writer)
            report["end"] = "reset-sent"
        if scenario != "abort":
            writer.close()
            await progress(writer.wait_closed())
    except Exception as e:          # noqa: BLE001 - every outcome is reported, the test judges it
        report["end"] = ending(e)
        if writer is not None and not writer.is_closing():
            writer.transport.abort()
    if scenario == "eof-first":
        prefix_ok = len(got) == 0
    else:
        prefix_ok = got == sent[:len(got)] and (scenario == "abort" or len(got) == len(sent))
    finish(report, sent, got, started, prefix_ok)


async def run_clients(args):
    ctx = None
    if args.tls:
        ctx = ssl.create_default_context(cafile=args.tls[0])
    queue = iter(range(args.count))

    async def worker():
        for i in queue:
            await client_connection(args, i, ctx)

    await asyncio.gather(*(worker() for _ in range(args.parallel)))


# ---- server: asyncio4j's client under test ----

async def serve_connection(args, reader, writer, done):
    report = {"conn": -1, "scenario": "?", "sent": 0, "end": "eof"}
    started = time.monotonic()
    got = bytearray()
    echoed = bytearray()
    try:
        header = (await progress(reader.readline())).split()
        report["conn"], report["scenario"] = int(header[1]), header[2].decode()
        rng = random.Random("%d/%s/peer" % (args.seed, header[1].decode()))           # the writes
        reads = random.Random("%d/%s/peer-reads" % (args.seed, header[1].decode()))
        if report["scenario"] == "eof-first":
            echoed += b"READY\n"               # what this peer sends, though it is no echo
            writer.write(b"READY\n")
            await progress(writer.drain())
            writer.write_eof()
            await read_into(reader, reads, got)
        else:
            cut = int(header[3]) if report["scenario"] == "abort" else None
            while cut is None or len(echoed) < cut:
                chunk = await progress(reader.read(reads.choice((1, 100, 1500, 16384, 65536))))
                if not chunk:
                    break
                got += chunk
                if cut is not None:
                    chunk = chunk[:cut - len(echoed)]
                await send_chunked(writer, chunk, rng, report)
                echoed += chunk
            if cut is not None:
                reset(writer)
                report["end"] = "reset-sent"
        if report["scenario"] != "abort":
            writer.close()
            await progress(writer.wait_closed())
    except Exception as e:          # noqa: BLE001 - every outcome is reported, the test judges it
        report["end"] = ending(e)
        writer.transport.abort()
    report["sent"] = len(echoed)
    echo_ok = report["scenario"] == "eof-first" or bytes(echoed) == bytes(got[:len(echoed)])
    finish(report, bytes(echoed), bytes(got), started, echo_ok)
    done.release()


async def run_server(args):
    ctx = None
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
    done = asyncio.Semaphore(0)
    server = await asyncio.start_server(lambda r, w: serve_connection(args, r, w, done), HOST, 0, ssl=ctx,
                                        backlog=128)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    for _ in range(args.count):
        await done.acquire()
    server.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["client", "server"])
    parser.add_argument("port", type=int, nargs="?")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--parallel", type=int, default=4)
    parser.add_argument("--tls", nargs=2, metavar=("CAFILE_OR_CERT", "NAME_OR_KEY"))
    args = parser.parse_args()
    asyncio.run(run_clients(args) if args.role == "client" else run_server(args))


main()
