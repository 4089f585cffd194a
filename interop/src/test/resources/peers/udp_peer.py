"""A CPython asyncio datagram peer for the interop tests (asyncio's create_datagram_endpoint, as users write it).

    python3 udp_peer.py server --count N        echoes N datagrams to their senders, then exits
    python3 udp_peer.py client PORT SIZE...     sends one datagram of each SIZE, each after the previous one's echo

The server prints `PORT n` once it listens on 127.0.0.1 (an ephemeral port) and `ECHOED size` per datagram. The
client sends random bytes, waits for each echo (one at a time, so loopback neither drops nor reorders them),
prints `ECHO size ok|differs`, and exits 0 if every echo was the datagram it sent, 1 otherwise; 5 if an echo did not
come within the deadline.
"""
import argparse
import asyncio
import os
import sys

DEADLINE = 20


class Echo(asyncio.DatagramProtocol):
    def __init__(self, count, done):
        self.left = count
        self.done = done

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data, addr)
        print("ECHOED %d" % len(data), flush=True)
        self.left -= 1
        if self.left == 0:
            self.done.set_result(None)


class Collect(asyncio.DatagramProtocol):
    def __init__(self):
        self.received = asyncio.Queue()

    def datagram_received(self, data, addr):
        self.received.put_nowait(data)


async def server(args):
    done = asyncio.get_running_loop().create_future()
    transport, _ = await asyncio.get_running_loop().create_datagram_endpoint(
        lambda: Echo(args.count, done), local_addr=("127.0.0.1", 0))
    print("PORT %d" % transport.get_extra_info("sockname")[1], flush=True)
    await asyncio.wait_for(done, DEADLINE)
    transport.close()
    return 0


async def client(args):
    transport, protocol = await asyncio.get_running_loop().create_datagram_endpoint(
        Collect, remote_addr=("127.0.0.1", args.port))
    status = 0
    for size in args.sizes:
        data = os.urandom(size)
        transport.sendto(data)
        echo = await asyncio.wait_for(protocol.received.get(), DEADLINE)
        ok = echo == data
        print("ECHO %d %s" % (size, "ok" if ok else "differs (%d bytes came back)" % len(echo)), flush=True)
        status = status or (0 if ok else 1)
    transport.close()
    return status


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["server", "client"])
    parser.add_argument("port", type=int, nargs="?")
    parser.add_argument("sizes", type=int, nargs="*")
    parser.add_argument("--count", type=int)
    args = parser.parse_args()
    try:
        sys.exit(asyncio.run(server(args) if args.role == "server" else client(args)))
    except asyncio.TimeoutError:
        print("END timeout", file=sys.stderr)
        sys.exit(5)


main()
