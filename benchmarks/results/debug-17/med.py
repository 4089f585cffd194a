import json,glob,statistics,collections
res=collections.defaultdict(list)
for f in sorted(glob.glob('/tmp/w2/*.json')):
    try: d=json.load(open(f))
    except Exception: continue
    b=f.split('/')[-1].split('-')[0]
    for x in d:
        for fork in x['primaryMetric']['rawData']:
            res[b].append(round(statistics.median(fork),1))
for b,v in res.items():
    print(b, len(v), 'median', statistics.median(v), 'min', min(v), sorted(v))
