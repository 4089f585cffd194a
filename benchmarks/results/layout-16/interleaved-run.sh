#!/usr/bin/env bash
# W1-W5, baseline (21db678) vs new (h-pipes): each benchmark run back to back on both jars, the order swapped
# every round; many short iterations so that the fastest ones (least disturbed by the machine's other load) show.
# BASE_JAR=... NEW_JAR=... [OUT=dir] [ROUNDS=5] interleaved-run.sh; then python3 summarize.py dir
set -u
mkdir -p "${OUT:-/tmp/pipes-bench2}"
out=${OUT:-/tmp/pipes-bench2}
declare -A jar=([base]=${BASE_JAR:?the baseline benchmarks.jar} [new]=${NEW_JAR:?the new benchmarks.jar})
rounds=${ROUNDS:-5}
short=(-f 1 -wi 5 -w 200ms -i 20 -r 200ms)
run() { # name side args...
  local name=$1 side=$2; shift 2
  echo "$(date -u +%T) $name $side load $(cut -d' ' -f1 /proc/loadavg)" >> $out/log
  java -jar "${jar[$side]}" "$@" -rf json -rff $out/$name-$side-$r.json > $out/$name-$side-$r.txt 2>&1
}
for r in $(seq 1 $rounds); do
  if (( r % 2 )); then order=(base new); else order=(new base); fi
  for s in "${order[@]}"; do run w1 $s '.*AwaitCompletedBenchmark\.(asyncio4j|handWrittenStateMachine)$' "${short[@]}"; done
  for s in "${order[@]}"; do run w2 $s '.*PingPongBenchmark\.(asyncio4j|handWrittenRunQueueFloor)$' "${short[@]}"; done
  for s in "${order[@]}"; do run w5 $s '.*ChainBenchmark\.(asyncio4j|plainCalls)$' "${short[@]}"; done
  for s in "${order[@]}"; do run w3 $s '.*SpawnJoinBenchmark\.asyncio4j$' -f 1 -wi 5 -w 1s -i 10 -r 500ms; done
  for s in "${order[@]}"; do run w4 $s '.*SleepersBenchmark\.asyncio4j$' -f 1 -wi 1 -i 4; done
done
echo "$(date -u +%T) done" >> $out/log
