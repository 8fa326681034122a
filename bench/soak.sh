#!/usr/bin/env bash
# Soak: `hush serve` in front of the stub upstream at a steady request rate for SOAK_MINUTES, sampling the
# Hush process's heap (after a full GC), threads and open file descriptors every SAMPLE_SECONDS, and failing
# when any of them grows beyond its bound from the first to the last third of the run (warm-up excluded),
# or when more than 1% of requests fail. Everything listens on 127.0.0.1; every loop is bounded in time.
#
#   mvn -B -q -o package -DskipTests && bench/soak.sh                  # 30 minutes (docs/benchmarks.md, Soak)
#   SOAK_MINUTES=2 bench/soak.sh                                       # the CI run (inside mvn -B verify)
#
# Knobs: SOAK_MINUTES=30 RATE=200 SAMPLE_SECONDS=10 WARMUP_SECONDS=20 HEAP_GROWTH_MB=48 THREAD_GROWTH=8 FD_GROWTH=64
#   AUDIT_FSYNC=true HUSH_JAR=target/hush.jar KEEP_TMP=0
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${HUSH_JAR:-$ROOT/target/hush.jar}
MINUTES=${SOAK_MINUTES:-30}
RATE=${RATE:-200}
SAMPLE=${SAMPLE_SECONDS:-10}
HEAP_GROWTH_MB=${HEAP_GROWTH_MB:-48}
THREAD_GROWTH=${THREAD_GROWTH:-8}
FD_GROWTH=${FD_GROWTH:-64}
log() { echo "soak: $*" >&2; }
die() { log "$*"; exit 2; }
[ -f "$JAR" ] || die "$JAR missing: mvn -B -q -o package -DskipTests"
command -v jcmd >/dev/null || die "jcmd not found (it comes with the JDK)"

TMP=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    [ "${KEEP_TMP:-0}" = 1 ] && log "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT

wait_for() { # FILE PATTERN: until the pattern appears (60 s at most)
    for _ in $(seq 1 120); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
    cat "$1" >&2; die "timed out waiting for '$2' in $1"
}

java -Xmx256m -jar "$JAR" stub-upstream --port 0 --event-loops 1 2>"$TMP/stub.log" &
PIDS+=($!)
wait_for "$TMP/stub.log" "listening on"
STUB_PORT=$(grep -o "127.0.0.1:[0-9]*" "$TMP/stub.log" | head -1 | cut -d: -f2)

cat >"$TMP/hush.yaml" <<YAML
dataDir: $TMP/data
gateway:
  host: 127.0.0.1
  upstreams: {openai: "http://127.0.0.1:$STUB_PORT"}
audit:
  dir: $TMP/audit
  fsync: ${AUDIT_FSYNC:-true}
YAML
(cd "$TMP" && exec java -Xmx1g -jar "$JAR" serve --config "$TMP/hush.yaml" --port 0 --admin-port 0 >"$TMP/hush.log" 2>&1) &
HUSH_PID=$!
PIDS+=($HUSH_PID)
wait_for "$TMP/hush.log" "gateway on"
PORT=$(grep -o "gateway on http://[0-9.]*:[0-9]*" "$TMP/hush.log" | grep -o "[0-9]*$")
log "hush pid $HUSH_PID on :$PORT, stub on :$STUB_PORT; $RATE req/s for $MINUTES min, a sample every ${SAMPLE}s"

SECONDS_TOTAL=$((MINUTES * 60))
WARMUP=${WARMUP_SECONDS:-20}   # sent but not counted, and not sampled: JIT and caches settle
java "$ROOT/bench/SoakLoad.java" "http://127.0.0.1:$PORT/openai/v1/chat/completions" "$RATE" "$SECONDS_TOTAL" "$WARMUP" >"$TMP/load.log" 2>&1 &
LOAD_PID=$!
PIDS+=($LOAD_PID)

sample() { # heap used after a full GC (MB), threads, open fds, RSS (MB)
    jcmd "$HUSH_PID" GC.run >/dev/null 2>&1 || true
    local heap_kb
    heap_kb=$(jcmd "$HUSH_PID" GC.heap_info 2>/dev/null | grep -o "used [0-9]*K" | head -1 | grep -o "[0-9]*")
    local threads fds rss
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$HUSH_PID/status")
    fds=$(ls "/proc/$HUSH_PID/fd" | wc -l)
    rss=$(awk '/^VmRSS:/ {print int($2/1024)}' "/proc/$HUSH_PID/status")
    echo "$(( ${heap_kb:-0} / 1024 )) $threads $fds $rss"
}

START=$(date +%s)
echo "t_s heap_mb threads fds rss_mb" >"$TMP/samples.txt"
while kill -0 "$LOAD_PID" 2>/dev/null; do
    NOW=$(( $(date +%s) - START ))
    [ "$NOW" -gt $((SECONDS_TOTAL + WARMUP + 90)) ] && die "load generator overran its time"
    kill -0 "$HUSH_PID" 2>/dev/null || die "hush exited: $(tail -5 "$TMP/hush.log")"
    [ "$NOW" -ge "$WARMUP" ] && echo "$NOW $(sample)" >>"$TMP/samples.txt"
    sleep "$SAMPLE"
done
LOAD_RC=0
wait "$LOAD_PID" || LOAD_RC=$?
echo "$(( $(date +%s) - START )) $(sample)" >>"$TMP/samples.txt"
grep "^soak-load:" "$TMP/load.log" | tail -3 >&2 || true
RESULT=$(grep "^RESULT" "$TMP/load.log" || echo "RESULT missing")

# growth: mean of the last third of the samples minus the mean of the first third (after a further 20% settling)
read -r HEAP_D THREAD_D FD_D HEAP0 HEAP1 THR0 THR1 FD0 FD1 N <<<"$(awk 'NR > 1 { t[++n] = $1; h[n] = $2; th[n] = $3; f[n] = $4 }
  END {
    w = int(n * 0.2) + 1; m = n - w + 1; k = int(m / 3); if (k < 1) k = 1
    for (i = w; i < w + k; i++) { h0 += h[i]; t0 += th[i]; f0 += f[i] }
    for (i = n - k + 1; i <= n; i++) { h1 += h[i]; t1 += th[i]; f1 += f[i] }
    printf "%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %d", (h1-h0)/k, (t1-t0)/k, (f1-f0)/k, h0/k, h1/k, t0/k, t1/k, f0/k, f1/k, n
  }' "$TMP/samples.txt")"

echo "soak: $MINUTES min at $RATE req/s; $RESULT"
echo "soak: $N samples; heap after GC ${HEAP0} -> ${HEAP1} MB (+${HEAP_D}, bound ${HEAP_GROWTH_MB}); threads ${THR0} -> ${THR1} (+${THREAD_D}, bound ${THREAD_GROWTH}); fds ${FD0} -> ${FD1} (+${FD_D}, bound ${FD_GROWTH})"
column -t "$TMP/samples.txt" | awk 'NR == 1 || NR % 6 == 2' >&2
FAIL=0
awk -v d="$HEAP_D" -v b="$HEAP_GROWTH_MB" 'BEGIN { exit !(d > b) }' && { log "FAIL: heap grew by $HEAP_D MB"; FAIL=1; }
awk -v d="$THREAD_D" -v b="$THREAD_GROWTH" 'BEGIN { exit !(d > b) }' && { log "FAIL: threads grew by $THREAD_D"; FAIL=1; }
awk -v d="$FD_D" -v b="$FD_GROWTH" 'BEGIN { exit !(d > b) }' && { log "FAIL: open files grew by $FD_D"; FAIL=1; }
[ "$LOAD_RC" -eq 0 ] || { log "FAIL: load generator reported errors (rc $LOAD_RC)"; FAIL=1; }
[ "$FAIL" -eq 0 ] && echo "soak: PASS" || echo "soak: FAIL"
exit "$FAIL"
