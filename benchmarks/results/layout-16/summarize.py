"""Summarizes interleaved-run.sh's JMH JSON: per workload, the best and the median iteration of each side, pooled
over the rounds, and each round's ratio of medians. Ratios are new/base times (base/new for throughput)."""
import sys, json,glob,statistics,re,collections
it=collections.defaultdict(lambda: collections.defaultdict(list))
rounds=collections.defaultdict(lambda: collections.defaultdict(list))
unit={}
mode={}
for f in sorted(glob.glob((sys.argv[1] if len(sys.argv) > 1 else '/tmp/pipes-bench2') + '/*.json')):
    m=re.search(r'/(w\d)-(base|new)-(\d+)\.json',f)
    try: data=json.load(open(f))
    except Exception: continue
    for b in data:
        name=m.group(1)+' '+b['benchmark'].split('.')[-2].replace('Benchmark','')+'.'+b['benchmark'].split('.')[-1]
        raw=[x for fork in b['primaryMetric']['rawData'] for x in fork]
        it[name][m.group(2)]+=raw
        rounds[name][m.group(2)].append(statistics.median(raw))
        unit[name]=b['primaryMetric']['scoreUnit']; mode[name]=b['mode']
for name in sorted(it):
    hi = mode[name]=='thrpt'
    best=lambda v: max(v) if hi else min(v)
    d=it[name]; r=rounds[name]
    if not d['base'] or not d['new']: continue
    bb,bn=best(d['base']),best(d['new'])
    mb,mn=statistics.median(d['base']),statistics.median(d['new'])
    # ratio new/base as "cost": time ratio, or inverse throughput ratio
    rb = bn/bb if not hi else bb/bn
    rm = mn/mb if not hi else mb/mn
    pr=[ (n/b if not hi else b/n) for b,n in zip(r['base'],r['new'])]
    print(f"{name} [{unit[name]}] best base {bb:.4g} new {bn:.4g} cost ratio {rb:.3f} | median base {mb:.4g} new {mn:.4g} ratio {rm:.3f} | per-round median ratios {', '.join(f'{x:.2f}' for x in pr)} | n={len(d['base'])}/{len(d['new'])}")
