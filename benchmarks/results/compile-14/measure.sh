#!/bin/bash
cd /tmp/hc   # as run: base2.jar and new.jar copied there (see README.md)
J17=java; J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
i=0
for order in "17 base2" "17 new" "25 base2" "25 new" "17 new" "17 base2" "25 new" "25 base2"; do
  set -- $order; i=$((i+1))
  J=$J17; [ $1 = 25 ] && J=$J25
  out=res/run$i-jdk$1-$2.txt
  { echo "# $(date -u +%FT%TZ) jdk$1 $2 load: $(cut -d' ' -f1-3 /proc/loadavg)"; $J -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp $2.jar org.asyncio4j.benchmarks.CompileTime 500 5; echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"; } > $out 2>&1
done
echo done > res/DONE
