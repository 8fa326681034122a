#!/usr/bin/env bash
# Scanner JMH benchmark, one thread: MB/s over the dev corpus per detector family and rule engine, over
# generated long pastes, and per-prompt latency (p50/p99); baselines (toLowerCase) in the same run.
#   bench/scanner.sh                                  # everything (about 15 minutes on 2 cores)
#   bench/scanner.sh 'ScannerBenchmark.corpusRules'   # one group; any JMH arguments may follow
#   bench/scanner.sh ScannerBenchmark -wi 2 -w 1 -i 3 -r 2   # shorter iterations
# Results: target/jmh-scanner.json, the table JMH prints, then a table with MB/s (MB = 10^6 chars).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
filter="${1:-ScannerBenchmark}"
shift || true
rm -f target/jmh-sizes.properties
java -Djmh.ignoreLock=true -Dhush.shared="${HUSH_SHARED:-../shared}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  org.openjdk.jmh.Main "$filter" -rf json -rff target/jmh-scanner.json "$@"
python3 - <<'PY'
import json
sizes = {}
for line in open("target/jmh-sizes.properties"):
    k, v = line.strip().split("=")
    sizes[k] = int(v)
print("\n| benchmark | params | score | MB/s | p50 | p99 |\n|---|---|---|---|---|---|")
for r in json.load(open("target/jmh-scanner.json")):
    name = r["benchmark"].split(".")[-1]
    params = ",".join(f"{v}" for v in (r.get("params") or {}).values())
    m = r["primaryMetric"]
    score, unit = m["score"], m["scoreUnit"]
    mbs = p50 = p99 = ""
    if unit == "ms/op":
        chars = sizes.get("paste." + (r.get("params") or {}).get("paste", ""), sizes["corpus"]) \
            if name.startswith("paste") else sizes["corpus"]
        mbs = f"{chars / (score / 1000) / 1e6:.1f}"
    if "scorePercentiles" in m and r["mode"] == "sample":
        p50, p99 = f'{m["scorePercentiles"]["50.0"]:.1f}', f'{m["scorePercentiles"]["99.0"]:.1f}'
    print(f"| {name} | {params} | {score:.3f} {unit} | {mbs} | {p50} | {p99} |")
PY
