#!/bin/bash
cd "$1"  # holds pre14.jar, post14.jar and fix.jar (main with JfrSupport.recording())
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 1 2 3; do for b in pre14 post14 fix; do
  java -jar $b.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -rff f/w2-$b-$r.json > /dev/null 2>&1
done; done
