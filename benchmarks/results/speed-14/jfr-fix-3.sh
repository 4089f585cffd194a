#!/bin/bash
cd "$1"  # W3 rounds 3-6 on post14 and fix, order swapped each round
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 3 4 5 6; do
  if (( r % 2 )); then order="fix post14"; else order="post14 fix"; fi
  for b in $order; do
    java -jar $b.jar '.*SpawnJoinBenchmark\.(asyncio4j)$' -f 2 $opts -rff f/w3-$b-$r.json > /dev/null 2>&1
  done
done
