#!/usr/bin/env bash
# Profiles `hush serve` under the load harness with JFR and prints where the CPU goes by request stage
# (bench/jfr-breakdown.py). Java samples every millisecond instead of the profile preset's 10 ms, so a
# short run on a shared machine still collects thousands of samples. Results: docs/benchmarks.md,
# section "Proxy profile".
#
#   mvn -B -q -o package -DskipTests && bench/proxy-profile.sh [unique|cached] [SECONDS]
#
# Writes the recording to ${OUT:-/tmp}/hush-<scenario>.jfr; MODE=sat (default, SAT_CONNS connections)
# or MODE=seq (one connection) is only a label: both run, the recording covers both.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCEN=${1:-unique}
SECS=${2:-20}
OUT=${OUT:-/tmp}
command -v jfr >/dev/null || { echo "proxy-profile: jfr (JDK tool) not found" >&2; exit 2; }
JAVA_HOME_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
JFC=$(mktemp "${TMPDIR:-/tmp}/hush-profile.XXXXXX.jfc")
trap 'rm -f "$JFC"' EXIT
sed -E 's#(control="method-sampling-java-interval">)10 ms#\11 ms#' "$JAVA_HOME_DIR/lib/jfr/profile.jfc" >"$JFC"
REC=$OUT/hush-$SCEN.jfr
rm -f "$REC"
HUSH_JVM_ARGS="-XX:StartFlightRecording=filename=$REC,settings=$JFC,dumponexit=true" RUNS=1 \
  DURATION=$SECS WARMUP=${WARMUP:-10} LEGS=hush SCENARIOS=$SCEN DOCS= "$ROOT/bench/proxy-load.sh" 2>&1 \
  | grep -E '^proxy-load: run'
"$ROOT/bench/jfr-breakdown.py" "$REC" "${TOP:-25}"
echo "recording: $REC"
