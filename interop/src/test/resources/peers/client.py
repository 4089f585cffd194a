"""A CPython client for the interop tests: sends its standard input to a server and writes what comes back to its
standard output, then reports on standard error how the connection ended.

    python3 client.py PORT MODE [--tls CAFILE SERVER_NAME] [--max-version 1.2|1.3] [--expect N] [--ragged]
                                [--half-close]

MODE is `asyncio` (asyncio.open_connection, as users of asyncio write clients) or `socket` (the blocking ssl module,
which tells a close_notify apart from a bare TCP end: with suppress_ragged_eofs=False, the latter raises).
The client sends everything, then reads until N bytes came back (--expect) or the server ends the stream, then
closes: with a close_notify, or (--ragged, socket mode) with a bare TCP close that a TLS server must not take for a
clean end. With --half-close (plain TCP) it shuts down its write side once everything is sent and still reads the
reply to the end.
Exit status: 0 on a clean end (close_notify over TLS), 3 if the certificate check failed, 4 on a TCP end without
close_notify, 5 on a timeout; it prints `END clean|ragged|...` on standard error.
"""
import argparse
import asyncio
import socket
import ssl
import sys

TIMEOUT = 20


def context(args):
    if not args.tls:
        return None
    cafile, _ = args.tls
    ctx = ssl.create_default_context(cafile=cafile)
    if args.max_version == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif args.max_version == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


async def with_asyncio(args, data):
    ctx = context(args)
    name = args.tls[1] if args.tls else None
    reader, writer = await asyncio.open_connection("127.0.0.1", args.port, ssl=ctx, server_hostname=name)
    if ctx:
        print("VERSION " + writer.get_extra_info("ssl_object").version(), file=sys.stderr)
    writer.write(data)
    await writer.drain()
    if args.half_close:
        writer.write_eof()
    got = bytearray()
    while args.expect is None or len(got) < args.expect:
        chunk = await reader.read(65536)
        if not chunk:
            break
        got += chunk
    sys.stdout.buffer.write(got)
    sys.stdout.flush()
    writer.close()
    await writer.wait_closed()
    return "clean"


def with_socket(args, data):
    ctx = context(args)
    raw = socket.create_connection(("127.0.0.1", args.port), timeout=TIMEOUT)
    sock = ctx.wrap_socket(raw, server_hostname=args.tls[1], suppress_ragged_eofs=False) if ctx else raw
    if ctx:
        print("VERSION " + sock.version(), file=sys.stderr)
    sock.sendall(data)
    if args.half_close:
        sock.shutdown(socket.SHUT_WR)
    got = bytearray()
    end = "clean"
    while args.expect is None or len(got) < args.expect:
        try:
            chunk = sock.recv(65536)
        except ssl.SSLEOFError:
            end = "ragged"
            break
        if not chunk:
            break
        got += chunk
    sys.stdout.buffer.write(got)
    sys.stdout.flush()
    if ctx and end == "clean" and not args.ragged:
        try:
            sock.unwrap()               # our close_notify, after the peer's (or before it, with --expect)
        except (ssl.SSLError, OSError):
            pass
    sock.close()
    return end


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("mode", choices=["asyncio", "socket"])
    parser.add_argument("--tls", nargs=2, metavar=("CAFILE", "SERVER_NAME"))
    parser.add_argument("--max-version", choices=["1.2", "1.3"])
    parser.add_argument("--expect", type=int)
    parser.add_argument("--ragged", action="store_true")
    parser.add_argument("--half-close", action="store_true")
    args = parser.parse_args()
    data = sys.stdin.buffer.read()
    try:
        if args.mode == "asyncio":
            end = asyncio.run(asyncio.wait_for(with_asyncio(args, data), TIMEOUT))
        else:
            end = with_socket(args, data)
    except ssl.SSLCertVerificationError as e:
        print("END certificate-refused " + str(e), file=sys.stderr)
        sys.exit(3)
    except (asyncio.TimeoutError, socket.timeout):
        print("END timeout", file=sys.stderr)
        sys.exit(5)
    print("END " + end, file=sys.stderr)
    sys.exit(0 if end == "clean" else 4)


main()
