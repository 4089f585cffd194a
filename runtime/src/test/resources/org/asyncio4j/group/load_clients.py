"""Load and fault clients for GroupLoadTest: N concurrent connections to a line echo server.

    python3 load_clients.py HOST PORT CONNECTIONS SEED

Opens every connection first (in bounded waves), so that all N are open at the same time, then runs every
connection's plan concurrently. Plans, chosen at random per connection (seeded):
  echo      lines of random sizes, each written in random fragments, each reply checked byte for byte;
  halfclose all lines written (fragmented), then write_eof(); everything read back to EOF and checked;
  reset     part of a line, then SO_LINGER 0 and abort: the client vanishes with an RST;
  slow      ~100 KB of long lines written while the replies are read 4 KB at a time with pauses (back-pressure).
Prints one JSON line: counts per plan, connections and bytes verified, and failures (the first few). Exits 1 if any
surviving connection lost, changed or reordered a byte.
"""
import asyncio
import json
import random
import socket
import struct
import sys

ALPHABET = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


def make_line(rnd, size):
    start = rnd.randrange(len(ALPHABET))
    body = (ALPHABET * (size // len(ALPHABET) + 2))[start:start + size]
    return body + b"\n"


def line_size(rnd):
    r = rnd.random()
    if r < 0.70:
        return rnd.randint(0, 200)
    if r < 0.95:
        return rnd.randint(200, 8000)
    return rnd.randint(8000, 60000)


async def write_fragmented(rnd, writer, data):
    pieces = rnd.randint(1, 4)
    cuts = sorted(rnd.randint(0, len(data)) for _ in range(pieces - 1))
    last = 0
    for cut in cuts + [len(data)]:
        if cut > last:
            writer.write(data[last:cut])
            await writer.drain()
            await asyncio.sleep(0)
        last = cut


async def run_plan(plan, rnd, reader, writer, stats):
    if plan == "echo":
        for _ in range(rnd.randint(1, 4)):
            line = make_line(rnd, line_size(rnd))
            await write_fragmented(rnd, writer, line)
            got = await reader.readexactly(len(line))
            if got != line:
                raise AssertionError("echo mismatch on a %d-byte line" % len(line))
            stats["bytes"] += len(line)
        writer.close()
        await writer.wait_closed()
    elif plan == "halfclose":
        sent = b"".join(make_line(rnd, line_size(rnd)) for _ in range(rnd.randint(1, 4)))
        await write_fragmented(rnd, writer, sent)
        writer.write_eof()
        got = await reader.read(-1)          # to EOF: the server closes after echoing everything
        if got != sent:
            raise AssertionError("half-close: sent %d bytes, got %d back" % (len(sent), len(got)))
        stats["bytes"] += len(sent)
        writer.close()
    elif plan == "reset":
        line = make_line(rnd, line_size(rnd))
        writer.write(line[: max(1, len(line) // 2)])
        await writer.drain()
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
        return False
    elif plan == "slow":
        lines = [make_line(rnd, rnd.randint(20000, 60000)) for _ in range(3)]
        sent = b"".join(lines)

        async def send():
            for line in lines:
                await write_fragmented(rnd, writer, line)

        sender = asyncio.ensure_future(send())
        got = bytearray()
        while len(got) < len(sent):
            chunk = await reader.read(4096)
            if not chunk:
                raise AssertionError("slow reader: EOF after %d of %d bytes" % (len(got), len(sent)))
            got += chunk
            await asyncio.sleep(0.002)
        await sender
        if bytes(got) != sent:
            raise AssertionError("slow reader: bytes differ")
        stats["bytes"] += len(sent)
        writer.close()
        await writer.wait_closed()
    return True


async def main():
    host, port, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(seed)
    plans = rnd.choices(["echo", "halfclose", "reset", "slow"], weights=[65, 15, 12, 8], k=n)
    seeds = [rnd.randrange(1 << 30) for _ in range(n)]
    gate = asyncio.Semaphore(256)            # connects in flight: keeps the listen backlogs from overflowing

    async def connect(i):
        async with gate:
            for attempt in range(20):
                try:
                    return await asyncio.open_connection(host, port, limit=1 << 20)
                except OSError:
                    await asyncio.sleep(0.05 * (attempt + 1))
            return await asyncio.open_connection(host, port, limit=1 << 20)

    streams = await asyncio.gather(*(connect(i) for i in range(n)))
    stats = {"connections": n, "openAtOnce": len(streams), "bytes": 0, "verified": 0, "reset": 0,
             "plans": {p: plans.count(p) for p in set(plans)}, "failures": []}

    async def one(i):
        reader, writer = streams[i]
        try:
            if await run_plan(plans[i], random.Random(seeds[i]), reader, writer, stats):
                stats["verified"] += 1
            else:
                stats["reset"] += 1
        except Exception as e:          # noqa: BLE001 - every failure is reported
            stats["failures"].append("%s #%d: %r" % (plans[i], i, e))

    await asyncio.gather(*(one(i) for i in range(n)))
    failures = stats["failures"]
    stats["failureCount"] = len(failures)
    stats["failures"] = failures[:10]
    print(json.dumps(stats, sort_keys=True))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
