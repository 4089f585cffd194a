#!/usr/bin/env python3
"""W1-W5 of the asyncio4j benchmarks in CPython asyncio, as a reference (not a baseline to beat).

Same logic as the Java workloads (benchmarks/src/main/java/org/asyncio4j/benchmarks), same units; prints
Markdown table rows that benchmarks/run.sh appends to the results file:

    python3 benchmarks/python/workloads.py quick|full

Each workload runs once to warm up, then 3 times (full) or once (quick); a row shows the median and the min-max
(W4 runs once, without warm-up: a million sleepers take long in CPython and there is no JIT to warm). W4's heap per
sleeping task is the growth of the process's resident set while all sleepers are asleep, divided by their number
(CPython has no per-object heap accounting that is cheap enough for a million tasks).
"""
import asyncio
import gc
import os
import statistics
import sys
import time


# ---- W1: await already-completed futures, round-robin over 64 -------------------------------------------------

async def await_completed(futures, n):
    total = 0
    for i in range(n):
        total += await futures[i & 63]
    return total


def w1(n):
    loop = asyncio.new_event_loop()
    try:
        futures = []
        for i in range(64):
            f = loop.create_future()
            f.set_result(i + 1)
            futures.append(f)
        start = time.perf_counter_ns()
        loop.run_until_complete(await_completed(futures, n))
        return (time.perf_counter_ns() - start) / n           # ns per await
    finally:
        loop.close()


# ---- W2: ping-pong through mailbox futures ----------------------------------------------------------------------

class Mailbox:
    def __init__(self, loop):
        self.loop = loop
        self.next = loop.create_future()

    def rearm(self):
        self.next = self.loop.create_future()


async def ping(mine, theirs, rounds):
    token = 0
    for _ in range(rounds):
        theirs.next.set_result(token)
        reply = await mine.next
        mine.rearm()
        token = reply + 1
    return token


async def pong(mine, theirs, rounds):
    last = -1
    for _ in range(rounds):
        token = await mine.next
        mine.rearm()
        last = token + 1
        theirs.next.set_result(last)
    return last


async def match(rounds):
    loop = asyncio.get_running_loop()
    a, b = Mailbox(loop), Mailbox(loop)
    results = await asyncio.gather(asyncio.create_task(ping(a, b, rounds)), asyncio.create_task(pong(b, a, rounds)))
    assert results[0] == 2 * rounds, results
    return results[0]


def w2(rounds):
    start = time.perf_counter_ns()
    asyncio.run(match(rounds))
    return (time.perf_counter_ns() - start) / (2 * rounds)    # ns per hop


# ---- W3: spawn n tasks that return i, gather them --------------------------------------------------------------

async def value(i):
    return i


async def spawn_all(n):
    tasks = [asyncio.create_task(value(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    assert results[-1] == n - 1 and len(results) == n
    return results


def w3(n):
    start = time.perf_counter_ns()
    asyncio.run(spawn_all(n))
    return n / ((time.perf_counter_ns() - start) / 1e9)        # tasks per second


# ---- W4: n tasks each sleep 1 s ---------------------------------------------------------------------------------

def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Countdown:
    def __init__(self, loop, total):
        self.all_awake = loop.create_future()
        self.total = total
        self.awake = 0

    def arrive(self):
        self.awake += 1
        if self.awake == self.total:
            self.all_awake.set_result(self.awake)


async def sleeper(countdown, seconds):
    await asyncio.sleep(seconds)
    countdown.arrive()


def w4(n, seconds=1.0):
    """Returns (wall ms, bytes per sleeping task), both from one run."""
    gc.collect()
    loop = asyncio.new_event_loop()
    try:
        countdown = Countdown(loop, n)
        sample = {}
        before = rss_bytes()
        start = time.perf_counter_ns()
        for _ in range(n):
            loop.create_task(sleeper(countdown, seconds))
        # Runs after every task's first step, in the same pass: all are asleep, none has woken up.
        loop.call_soon(lambda: sample.setdefault("during", rss_bytes()))
        woke = loop.run_until_complete(countdown.all_awake)
        wall_ms = (time.perf_counter_ns() - start) / 1e6
        assert woke == n
        return wall_ms, (sample["during"] - before) / n
    finally:
        loop.close()


# ---- W5: 1,000 nested coroutines --------------------------------------------------------------------------------

async def level(depth):
    if depth == 0:
        return 0
    inner = await level(depth - 1)
    return inner + 1


def w5(depth, chains):
    loop = asyncio.new_event_loop()
    try:
        start = time.perf_counter_ns()
        for _ in range(chains):
            assert loop.run_until_complete(level(depth)) == depth
        return (time.perf_counter_ns() - start) / chains / 1e3  # us per chain
    finally:
        loop.close()


# ---- driver -----------------------------------------------------------------------------------------------------

def measure(fn, repeats, warm_up=True):
    if warm_up:
        fn()
    values = [fn() for _ in range(repeats)]
    return statistics.median(values), min(values), max(values)


def fmt(x):
    """Three significant digits, thousands separated, as the Java table prints them."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def row(name, params, stats, unit):
    med, lo, hi = stats
    print(f"| CPython asyncio (reference) {name} | {params} | {fmt(med)} | {fmt(lo)} – {fmt(hi)} | {unit} |", flush=True)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "quick"
    if mode not in ("quick", "full"):
        sys.exit("usage: workloads.py quick|full")
    full = mode == "full"
    repeats = 3 if full else 1
    sys.setrecursionlimit(20_000)   # W5 nests 1,000 awaits: each is a C-level and a Python-level frame
    n1 = 1_000_000 if full else 100_000
    n3 = 300_000 if full else 10_000
    n4 = 1_000_000 if full else 100_000
    row("W1 await completed", f"n={n1}", measure(lambda: w1(n1), repeats), "ns/await")
    row("W2 ping-pong", "hops=10000", measure(lambda: w2(5_000), repeats), "ns/hop")
    row("W3 spawn-join", f"n={n3}", measure(lambda: w3(n3), repeats), "tasks/s")
    # One run of a million sleepers takes a while in CPython: no warm-up (there is no JIT), one run in either mode.
    wall_ms, heap = w4(n4)
    row("W4 sleepers, wall", f"n={n4}", (wall_ms, wall_ms, wall_ms), "ms")
    row("W4 sleepers, heap", f"n={n4}", (heap, heap, heap), "B/task (RSS growth)")
    row("W5 chain", "depth=1000", measure(lambda: w5(1_000, 200), repeats), "us/chain")


if __name__ == "__main__":
    main()
