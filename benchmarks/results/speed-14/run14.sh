#!/bin/bash
# W1, W2 and W5 before and after issue #14's processor work, builds interleaved round by round, each with its
# same-jar control (hand-written state machine, run-queue floor, plain calls). pre14.jar: benchmarks.jar built at
# ff5007f^ (before the first #14 commit); post14.jar: benchmarks.jar built at the commit this directory lands in.
# Usage: run14.sh DIR_WITH_JARS (writes JSON there, one file per round, build and workload).
set -e
cd "$1"
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 1 2 3; do for b in pre14 post14; do
  java -jar $b.jar '.*AwaitCompletedBenchmark\.(asyncio4j|handWrittenStateMachine)$' -f 2 $opts -rff w1-$b-$r.json > /dev/null 2>&1
  java -jar $b.jar '.*PingPongBenchmark\.(asyncio4j|handWrittenRunQueueFloor)$' -f 3 $opts -rff w2-$b-$r.json > /dev/null 2>&1
  java -jar $b.jar '.*ChainBenchmark\.(asyncio4j|plainCalls)$' -f 2 $opts -rff w5-$b-$r.json > /dev/null 2>&1
done; done
echo done > run14.done
