#!/usr/bin/env bash
# Where a proxied request's CPU goes by thread, and how many times per request a thread was woken:
# starts the stub upstream and `hush serve` (HUSH_JAR), warms up, then reads every thread's CPU time and
# context switches from /proc around one saturation run of the cached (or unique) 4 KiB prompt, and prints
# them per request, threads grouped by name (event loops, audit writer, GC, JIT, ForkJoinPool, ...).
# A voluntary switch is a thread going to sleep (park, epoll_wait, futex) to be woken again later: on 2 cores
# a hand-off per request costs a futex wake and a sleep each. Results: docs/benchmarks.md.
#
#   bench/proxy-threads.sh [cached|unique] [SECONDS]     knobs: HUSH_JAR WARMUP=15 CONNS=16 BASE_PORT=19580
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(readlink -f "${HUSH_JAR:-$ROOT/target/hush.jar}")
SCEN=${1:-cached}
SECS=${2:-10}
WARMUP=${WARMUP:-15}
CONNS=${CONNS:-16}
BASE_PORT=${BASE_PORT:-19580}
STUB_PORT=$BASE_PORT
PORT=$((BASE_PORT + 1))
BODY=$ROOT/bench/chat-4k.json
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hush-threads.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
ready() {
  for ((i = 0; i < 200; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 -X POST -H 'Content-Type: application/json' \
      --data-binary "@$BODY" "$1" || true) == 200 ]] && return 0
    sleep 0.2
  done
  echo "proxy-threads: $1 not ready" >&2; tail -n 5 "$TMP"/*.log >&2; return 1
}
java -Xms128m -Xmx256m -jar "$JAR" stub-upstream --port "$STUB_PORT" --event-loops 1 >"$TMP/stub.log" 2>&1 &
PIDS+=($!)
ready "http://127.0.0.1:$STUB_PORT/v1/chat/completions"
mkdir -p "$TMP/hush"
printf 'gateway:\n  host: 127.0.0.1\n  scanBudgetMs: 10000\n' >"$TMP/hush/hush.yaml"
# shellcheck disable=SC2086
(cd "$TMP/hush" && exec java ${HUSH_JVM_ARGS:-} -jar "$JAR" serve --config "$TMP/hush/hush.yaml" --port "$PORT" \
  --upstream "openai=http://127.0.0.1:$STUB_PORT" --audit-dir "$TMP/hush/audit" --admin-port $((BASE_PORT + 2))) >"$TMP/hush.log" 2>&1 &
HUSH=$!
PIDS+=($HUSH)
URL="http://127.0.0.1:$PORT/v1/chat/completions"
ready "$URL"
UNIQUE=0; [[ $SCEN == unique ]] && UNIQUE=1
BODY_FILE=$BODY UNIQUE=$UNIQUE SEED=1 wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$ROOT/bench/post-chat.lua" "$URL" >/dev/null 2>&1
# snapshot: one line per thread "name<TAB>ticks<TAB>voluntary<TAB>involuntary"
snap() {
  for task in /proc/"$HUSH"/task/*; do
    local comm v vol inv
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    v=$(sed -E 's/^.*\) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    vol=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null) || continue
    inv=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null) || continue
    printf '%s\t%s\t%s\t%s\t%s\n' "${task##*/}" "$comm" "$v" "$vol" "$inv"
  done
}
snap >"$TMP/a"
out=$(BODY_FILE=$BODY UNIQUE=$UNIQUE SEED=2 wrk -t2 -c"$CONNS" -d"${SECS}s" -s "$ROOT/bench/post-chat.lua" "$URL" 2>&1)
snap >"$TMP/b"
line=$(grep '^RESULT ' <<<"$out")
n=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
echo "proxy-threads: $SCEN, $CONNS connections, ${SECS}s: $n requests ($rps req/s), load $(cut -d' ' -f1-3 /proc/loadavg)"
# group threads by name without trailing numbers; per request: CPU µs, voluntary and involuntary switches
awk -F'\t' -v n="$n" -v hz="$(getconf CLK_TCK)" '
  NR == FNR { t[$1] = $3; v[$1] = $4; i[$1] = $5; next }
  { g = $2; gsub(/[-#]?[0-9]+$/, "", g); g = g "";
    dt = $3 - t[$1]; dv = $4 - v[$1]; di = $5 - i[$1];
    if (!($1 in t)) { dt = $3; dv = $4; di = $5 }
    cpu[g] += dt; vol[g] += dv; inv[g] += di; cnt[g]++; tc += dt; tv += dv; ti += di }
  END {
    printf "%-28s %7s %10s %12s %12s\n", "threads (count)", "", "CPU us/req", "vol sw/req", "invol sw/req";
    for (g in cpu) if (cpu[g] > 0 || vol[g] > 0)
      printf "%-28s %7d %10.1f %12.3f %12.3f\n", g, cnt[g], cpu[g] * 1e6 / hz / n, vol[g] / n, inv[g] / n;
    printf "%-28s %7s %10.1f %12.3f %12.3f\n", "all", "", tc * 1e6 / hz / n, tv / n, ti / n }' "$TMP/a" "$TMP/b" | sort -k3 -t$'\t'
