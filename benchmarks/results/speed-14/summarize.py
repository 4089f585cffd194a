"""Per-fork medians of run14.sh's JSON files, by workload, build and benchmark (python3 summarize.py DIR)."""
import glob, json, os, statistics, sys

d = sys.argv[1] if len(sys.argv) > 1 else "."
rows = {}
for f in sorted(glob.glob(os.path.join(d, "w?-*-*.json"))):
    w, build, _ = os.path.basename(f)[:-5].split("-")
    for b in json.load(open(f)):
        name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
        unit = b["primaryMetric"]["scoreUnit"]
        for fork in b["primaryMetric"]["rawData"]:
            rows.setdefault((w, name, unit), {}).setdefault(build, []).append(statistics.median(fork))
print("| workload | benchmark | unit | pre14 median of forks | post14 median of forks | post/pre | forks |")
print("|---|---|---|---:|---:|---:|---:|")
for (w, name, unit), builds in sorted(rows.items()):
    pre, post = statistics.median(builds["pre14"]), statistics.median(builds["post14"])
    print(f"| {w.upper()} | {name} | {unit} | {pre:.3g} | {post:.3g} | {post / pre:.2f} | {len(builds['pre14'])} / {len(builds['post14'])} |")
