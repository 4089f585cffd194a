"""A CPython echo server for the interop tests, serving one connection and then exiting.

    python3 echo_server.py MODE [--tls CERTFILE KEYFILE] [--max-version 1.2|1.3] [--collect]

Prints `PORT n` when it listens on 127.0.0.1 (an ephemeral port). MODE `asyncio` is asyncio.start_server with an
echo handler (as users of asyncio write servers); `socket` is the blocking ssl module, which tells the client's
close_notify apart from a bare TCP end. It echoes until the client ends the stream, then closes (close_notify first
over TLS) and prints `END clean` or `END ragged` (the client's TCP end came without close_notify) on standard error,
and how many bytes it echoed as `ECHOED n`. With --collect (plain TCP) it reads everything up to the client's
half-close first and only then sends it all back: a peer that still sends after our end of stream.
"""
import argparse
import asyncio
import socket
import ssl
import sys


def context(args):
    if not args.tls:
        return None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.tls[0], args.tls[1])
    if args.max_version == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif args.max_version == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


async def with_asyncio(args):
    done = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        echoed = 0
        end = "clean"
        try:
            if args.collect:
                chunk = await reader.read()         # to the client's end of stream
                writer.write(chunk)
                await writer.drain()
                echoed += len(chunk)
            while not args.collect:
                chunk = await reader.read(65536)
                if not chunk:
                    break
                writer.write(chunk)
                await writer.drain()
                echoed += len(chunk)
        except (ssl.SSLError, ConnectionError) as e:
            end = "error " + str(e)
        writer.close()
        try:
            await writer.wait_closed()
        except (ssl.SSLError, ConnectionError):
            pass
        done.set_result((end, echoed))

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context(args))
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    end, echoed = await asyncio.wait_for(done, 25)
    server.close()
    await server.wait_closed()
    return end, echoed


def with_socket(args):
    ctx = context(args)
    listener = socket.create_server(("127.0.0.1", 0))
    print("PORT %d" % listener.getsockname()[1], flush=True)
    listener.settimeout(25)
    raw, _ = listener.accept()
    raw.settimeout(25)
    sock = ctx.wrap_socket(raw, server_side=True, suppress_ragged_eofs=False) if ctx else raw
    echoed = 0
    end = "clean"
    collected = bytearray()
    while True:
        try:
            chunk = sock.recv(65536)
        except ssl.SSLEOFError:
            end = "ragged"
            break
        if not chunk:
            break
        if args.collect:
            collected += chunk
            continue
        sock.sendall(chunk)
        echoed += len(chunk)
    if collected:
        sock.sendall(collected)             # after the client's half-close
        echoed += len(collected)
    if ctx and end == "clean":
        try:
            sock.unwrap()
        except (ssl.SSLError, OSError):
            pass
    sock.close()
    listener.close()
    return end, echoed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["asyncio", "socket"])
    parser.add_argument("--tls", nargs=2, metavar=("CERTFILE", "KEYFILE"))
    parser.add_argument("--max-version", choices=["1.2", "1.3"])
    parser.add_argument("--collect", action="store_true")
    args = parser.parse_args()
    end, echoed = asyncio.run(with_asyncio(args)) if args.mode == "asyncio" else with_socket(args)
    print("ECHOED %d" % echoed, file=sys.stderr)
    print("END " + end, file=sys.stderr)
    sys.exit(0 if end == "clean" else 4)


main()
