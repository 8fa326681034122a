#!/usr/bin/env bash
# Scanner JMH benchmark: throughput over the dev corpus and per-prompt latency (p50/p99).
#   bench/scanner.sh                 # everything (about 6 minutes on 2 cores)
#   bench/scanner.sh 'corpus.*'      # one group; any JMH arguments may follow
# Results: target/jmh-scanner.json (and the table JMH prints). MB/s = corpus chars / (ms per op).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
filter="${1:-ScannerBenchmark}"
shift || true
java -Dhush.shared="${HUSH_SHARED:-../shared}" -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  org.openjdk.jmh.Main "$filter" -rf json -rff target/jmh-scanner.json "$@"
