#!/bin/bash
cd "$1"  # holds pre14.jar, 6781fe3.jar, 3030b03.jar, efc6cdc.jar, 119283b.jar, post14.jar
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 1 2; do for b in pre14 6781fe3 3030b03 efc6cdc 119283b post14; do
  java -jar $b.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -rff w2-$b-$r.json > /dev/null 2>&1
done; done
echo done > done
