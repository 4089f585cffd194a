#!/bin/bash
# usage: run.sh JAVA OUT REPS
java=$1; out=$2; reps=$3
for r in $(seq 1 $reps); do
  echo "load at start of round $r: $(cut -d' ' -f1-3 /proc/loadavg)" >> $out
  for s in asyncio4jGroup nettyGroup asyncio4jGroupRoundRobin asyncio4j netty; do
    $java -Xms1g -Xmx1g -cp /tmp/w6.jar org.asyncio4j.benchmarks.EchoBenchmark $s 2 3 3 100 1000 2>/dev/null | grep "^|" >> $out
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> $out
