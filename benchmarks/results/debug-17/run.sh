cd /tmp/w2
for r in 1 2 3; do
  for b in base main fixA nojmx; do
    jar=$b.jar; extra=""
    if [ $b = nojmx ]; then jar=main.jar; extra="-jvmArgsAppend -Dasyncio4j.jmx=false"; fi
    java -jar $jar '.*PingPongBenchmark\.asyncio4j$' -f 4 -wi 5 -w 300ms -i 8 -r 300ms $extra -rf json -rff $b-$r.json > $b-$r.log 2>&1
  done
done
echo done > finished
