#!/bin/bash
# W2 on main's jar with the JMX view and JFR events off, against default, and the pre-#14 jar
cd "$1"  # a folder beside pre14.jar and post14.jar
opts="-wi 5 -w 300ms -i 8 -r 300ms -rf json"
for r in 1 2 3; do
  java -jar ../pre14.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -rff w2-pre14-$r.json > /dev/null 2>&1
  java -jar ../post14.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -rff w2-post14-$r.json > /dev/null 2>&1
  java -jar ../post14.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -jvmArgsAppend "-Dasyncio4j.jmx=false" -rff w2-nojmx-$r.json > /dev/null 2>&1
  java -jar ../post14.jar '.*PingPongBenchmark\.(asyncio4j)$' -f 3 $opts -jvmArgsAppend "-Dasyncio4j.jmx=false -Dasyncio4j.jfr=false" -rff w2-nojmxjfr-$r.json > /dev/null 2>&1
done
echo done > done
