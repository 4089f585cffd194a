#!/bin/bash
cd "$1"  # rounds 4-9 of W2 only, after run14.sh, same jars
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 4 5 6 7 8 9; do for b in pre14 post14; do
  java -jar $b.jar '.*PingPongBenchmark\.(asyncio4j|handWrittenRunQueueFloor)$' -f 3 $opts -rff w2-$b-$r.json > /dev/null 2>&1
done; done
echo done > w2more.done
