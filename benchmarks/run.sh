#!/usr/bin/env bash
# Runs the asyncio4j benchmarks with JMH and writes a Markdown table of the results.
#
#   benchmarks/run.sh quick [JMH args...]   # smoke run, about 2 minutes: proves everything runs; numbers mean nothing
#   benchmarks/run.sh full  [JMH args...]   # the measurement (the annotations' forks/iterations, full sizes)
#   KOTLIN=1 benchmarks/run.sh full         # the same, with the optional kotlinx.coroutines baseline (-Pkotlin)
#
# Uses $JAVA_HOME/bin/java (else java on the PATH): JDK 17 and newer. On JDK < 21 the virtual-thread baselines
# are excluded. Extra arguments go to JMH, e.g. a benchmark regex: benchmarks/run.sh quick PingPong
#
# Environment: TARGET_DIR (build folder of each module, default target), SKIP_BUILD=1 (use the existing jar),
# MEMORY_N (sleepers for the W4 heap measurement; default 1000000 full, 100000 quick), KOTLIN=1 (build with the
# kotlin profile and add the kotlinx.coroutines baseline to the run; without it, Kotlin benchmarks are excluded),
# RESULTS_DIR (where the results go, default benchmarks/results).
#
# Output: benchmarks/results/results-<jdk>[-quick].json (JMH) and .md (the table; W4 heap rows, W6 echo rows and,
# when python3 is on the PATH, CPython asyncio reference rows appended).
set -euo pipefail

mode="${1:-}"
case "$mode" in
  quick|full) shift ;;
  *) echo "usage: $0 quick|full [JMH args...]" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="${TARGET_DIR:-target}"
jar="$here/$target/benchmarks.jar"

if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="java"
fi

kotlin="${KOTLIN:-0}"
profiles=()
[[ "$kotlin" == 1 ]] && profiles=(-Pkotlin)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building $jar${profiles[*]:+ (${profiles[*]})}"
  (cd "$root" && mvn -B -q -DtargetDir="$target" -Dmaven.test.skip=true "${profiles[@]}" -pl benchmarks -am package)
fi
[[ -f "$jar" ]] || { echo "no $jar: build it (mvn -pl benchmarks -am package) or unset SKIP_BUILD" >&2; exit 1; }
if [[ "$kotlin" == 1 ]] && ! "$java" -jar "$jar" -l | grep '\.KotlinAwaitCompletedBenchmark\.' > /dev/null; then
  echo "$jar has no Kotlin baseline: build it with -Pkotlin (or unset SKIP_BUILD)" >&2
  exit 1
fi

# The JDK's feature version: 17, 21, 25, ...
jdk="$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
[[ "$jdk" =~ ^[0-9]+$ ]] || { echo "cannot tell the version of $java" >&2; exit 1; }

jmh_args=(-rf json -prof gc)
if [[ "$kotlin" != 1 ]]; then
  # A jar left by a KOTLIN=1 build holds the kotlinx.coroutines benchmarks too: run them only when asked.
  jmh_args+=(-e '.*\.Kotlin[A-Za-z]*Benchmark\..*')
fi
if (( jdk < 21 )); then
  # The virtual-thread methods are no-ops before JDK 21; leave them out of the run and the table.
  jmh_args+=(-e '.*\.virtualThread.*')
fi

suffix=""
if [[ "$mode" == quick ]]; then
  suffix="-quick"
  # One fork, one 1 s warm-up and one 1 s measurement iteration, small sizes: seconds per benchmark.
  jmh_args+=(-f 1 -wi 1 -i 1 -w 1s -r 1s -p n=10000 -p methods=50)
  memory_n="${MEMORY_N:-100000}"
  title="QUICK smoke run on JDK $jdk: one 1 s iteration, small sizes; NOT a measurement"
else
  memory_n="${MEMORY_N:-1000000}"
  title="Full run on JDK $jdk"
fi

results="${RESULTS_DIR:-$here/results}"
mkdir -p "$results"
json="$results/results-$jdk$suffix.json"
md="$results/results-$jdk$suffix.md"

# The machine's load, recorded with the results: on a shared machine only ratios within one run mean much.
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
load_start="$(load)"

echo "== JMH ($mode) on $("$java" -version 2>&1 | head -1)"
"$java" -jar "$jar" "${jmh_args[@]}" -rff "$json" "$@"

echo "== table"
"$java" -cp "$jar" org.asyncio4j.benchmarks.ResultsTable "$json" "$md" "$title" > /dev/null

# W4, heap per sleeping task: each system in a fresh JVM (only when the run included the sleepers, or ran all).
if [[ $# -eq 0 || "$*" == *Sleepers* ]]; then
  echo "== W4 heap per sleeping task (n=$memory_n)"
  {
    echo
    echo "### W4 heap per sleeping task ($([[ $mode == quick ]] && echo 'QUICK, ')n=$memory_n, SleepersMemory, -Xmx4g)"
    echo
    echo "| measurement | params | value | | unit |"
    echo "|---|---|---:|---|---|"
  } >> "$md"
  systems=(asyncio4j completableFuture)
  (( jdk >= 21 )) && systems+=(virtualThreads)
  for s in "${systems[@]}"; do
    "$java" -Xms4g -Xmx4g -cp "$jar" org.asyncio4j.benchmarks.SleepersMemory "$memory_n" "$s" | tee -a "$md"
  done
  if [[ "$kotlin" == 1 ]]; then
    "$java" -Xms4g -Xmx4g -cp "$jar" org.asyncio4j.benchmarks.KotlinSleepersMemory "$memory_n" | tee -a "$md"
  fi
fi

# W6, echo over loopback: each system in a fresh JVM, outside JMH (it reports per-message latency percentiles).
if [[ $# -eq 0 || "$*" == *Echo* ]]; then
  if [[ "$mode" == quick ]]; then echo_args=(0.3 0.5 1); else echo_args=(2 3 3); fi
  conns=(1 100 1000)
  # 1,000 connections need about 4,000 descriptors in one JVM (client + server side of each, plus the JDK's own).
  if (( $(ulimit -n) < 4096 )) && ! ulimit -n 4096 2>/dev/null; then
    echo "ulimit -n is $(ulimit -n): W6 runs without 1000 connections" >&2
    conns=(1 100)
  fi
  echo "== W6 echo (${echo_args[*]}: warm-up s, measured s, repeats)"
  {
    echo
    echo "### W6 echo, 64-byte messages over loopback ($([[ $mode == quick ]] && echo 'QUICK, ')warm-up ${echo_args[0]} s, ${echo_args[2]} × ${echo_args[1]} s measured; EchoBenchmark)"
    echo
    echo "Server on one thread (or, for the Group rows, a group of $(nproc) loops), all clients on one other thread (see Echo.java); the row is the phase with the median throughput."
    echo "CPU columns: seconds of CPU per million messages during the measured phase, of the server threads (ThreadMXBean) and of the rest of the process (the load generator and the JVM's own threads)."
    echo "EchoSplit rows (10,000 connections): the clients in a child JVM, asyncio4j's on one loop for every server; the client CPU column is the child's."
    echo
    echo "| system | connections | messages/s (median) | min – max | p50 µs | p99 µs | messages | server CPU s/M msgs | client CPU s/M msgs |"
    echo "|---|---|---:|---|---:|---:|---:|---:|---:|"
  } >> "$md"
  for s in asyncio4j asyncio4jGroup asyncio4jGroupRoundRobin netty nettyGroup virtualThreads; do
    "$java" -Xms1g -Xmx1g -cp "$jar" org.asyncio4j.benchmarks.EchoBenchmark "$s" "${echo_args[@]}" "${conns[@]}" | tee -a "$md"
  done
  # 10,000 connections: the load generator (asyncio4j clients, one loop) in a child JVM (EchoSplit), so that each JVM
  # holds one end of each connection; the same clients for every server.
  if (( $(ulimit -n) >= 10240 )); then
    for s in asyncio4j asyncio4jGroup asyncio4jGroupRoundRobin netty nettyGroup; do
      "$java" -Xms1g -Xmx1g -cp "$jar" org.asyncio4j.benchmarks.EchoSplit "$s" "${echo_args[1]}" "${echo_args[2]}" 10000 | tee -a "$md"
    done
  else
    echo "ulimit -n is $(ulimit -n): W6 runs without 10,000 connections" >&2
  fi
fi

# CPython asyncio doing W1-W5 the same way: a reference point, not a baseline (only on a run of everything).
if [[ $# -eq 0 ]] && command -v python3 > /dev/null; then
  echo "== CPython asyncio (reference)"
  {
    echo
    echo "### CPython asyncio (reference): W1-W5 in benchmarks/python/workloads.py, $(python3 --version 2>&1)"
    echo
    echo "| workload | params | median | min – max | unit |"
    echo "|---|---|---:|---|---|"
  } >> "$md"
  python3 "$here/python/workloads.py" "$mode" | tee -a "$md"
fi

{
  echo
  echo "Machine: $(nproc 2>/dev/null || echo '?') cores; load average (1, 5, 15 min) at the start $load_start, at the end $(load)."
  echo "A load above the core count means other work shared the CPUs: compare the systems within this run (ratios), not absolute numbers across runs."
} >> "$md"

echo "== wrote $md"
cat "$md"
