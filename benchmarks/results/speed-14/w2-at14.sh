#!/bin/bash
cd "$1"  # holds pre14.jar and at14.jar (benchmarks.jar built at ff5007f)
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 1 2 3 4; do for b in pre14 at14; do
  java -jar $b.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -rff w2-$b-$r.json > /dev/null 2>&1
done; done
echo done > w2x.done
