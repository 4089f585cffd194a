#!/bin/bash
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for jv in 25 17; do
  java=java; [ $jv = 25 ] && java=$J25
  echo "load at start of round 6: $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/w6/echo-$jv.md
  systems="asyncio4jGroup nettyGroup asyncio4j netty"; [ $jv = 25 ] && systems="$systems virtualThreads"
  for s in $systems; do
    $java -Xms1g -Xmx1g -cp /tmp/w6.jar org.asyncio4j.benchmarks.EchoBenchmark $s 2 3 3 100 1000 2>/dev/null | grep "^|" >> /tmp/w6/echo-$jv.md
  done
done
echo done > /tmp/w6/round6.done
