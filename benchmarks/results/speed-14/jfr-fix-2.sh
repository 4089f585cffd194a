#!/bin/bash
cd "$1"  # second pass: W2 rounds 4-5, W3 (spawn + gather) on post14 and fix
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 4 5; do for b in pre14 post14 fix; do
  java -jar $b.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -rff f/w2-$b-$r.json > /dev/null 2>&1
done; done
for r in 1 2; do for b in post14 fix; do
  java -jar $b.jar '.*SpawnJoinBenchmark\.(asyncio4j)$' -f 2 $opts -rff f/w3-$b-$r.json > /dev/null 2>&1
done; done
