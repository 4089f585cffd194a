#!/bin/bash
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in 3 4 5; do
  for jv in 17 25; do
    java=java; [ $jv = 25 ] && java=$J25
    echo "load at start of round $r: $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/w6/echo-$jv.md
    for s in nettyGroup asyncio4jGroup; do
      $java -Xms1g -Xmx1g -cp /tmp/w6.jar org.asyncio4j.benchmarks.EchoBenchmark $s 2 3 3 100 1000 2>/dev/null | grep "^|" >> /tmp/w6/echo-$jv.md
    done
  done
done
for jv in 17 25; do
  java=java; [ $jv = 25 ] && java=$J25
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/w6/split-$jv.md
  for s in asyncio4jGroup nettyGroup asyncio4j netty; do
    $java -Xms1g -Xmx1g -cp /tmp/w6.jar org.asyncio4j.benchmarks.EchoSplit $s 3 3 10000 2>&1 | grep "^|" >> /tmp/w6/split-$jv.md
  done
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/w6/split-$jv.md
done
echo done > /tmp/w6/more.done
