cd /tmp/w2
for r in 1 2 3; do for b in pre18 post18; do
  java -jar $b.jar '.*PingPongBenchmark\.asyncio4j$' -f 3 -wi 5 -w 300ms -i 8 -r 300ms -rf json -rff x18w2$b-$r.json > /dev/null 2>&1
  java -jar $b.jar '.*AwaitCompletedBenchmark\.asyncio4j$' -f 2 -wi 5 -w 300ms -i 8 -r 300ms -rf json -rff x18w1$b-$r.json > /dev/null 2>&1
done; done
echo done > /tmp/w2/run18.done
