#!/usr/bin/env bash
# Load harness for the proxy targets (issue 10): the same 4 KiB chat POST straight to a stub upstream,
# through nginx as a plain reverse proxy (as operators run it) and through Hush, legs interleaved in the
# same run. Scenarios: "cached" (the same prompt every request) and "unique" (a different 4 KiB prompt
# every request); each one connection sequentially (latency added over direct) and SAT_CONNS connections
# (saturation req/s against nginx). "mixed": p99 of small unique requests on one connection while
# LARGE_CONNS connections send 1 MB prompts beside them. Everything listens on 127.0.0.1 only and every
# run is bounded by DURATION. Writes the results into docs/benchmarks.md (DOCS=, empty: do not).
# Besides req/s and latency it reads each proxy's CPU time (/proc, its process and children) over every
# saturation run: CPU per request is what a loaded machine changes least. The defaults take ~7 minutes.
#
#   mvn -B -q -o package -DskipTests && bench/proxy-load.sh
#
# Knobs (environment): RUNS=3 DURATION=6 WARMUP=8 SAT_CONNS=16 SAT_THREADS=2 LARGE_CONNS=1
#   LARGE_BYTES=1048576 SCENARIOS="cached unique mixed" LEGS="direct nginx hush" BASE_PORT=18480
#   STUB_LOOPS=1 HUSH_JAR=target/hush.jar STUB_JAR=$HUSH_JAR HUSH_ARGS="" HUSH_JVM_ARGS="" HUSH_CONFIG=FILE
#   BEFORE_JAR=FILE BEFORE_LABEL=TEXT (with LEGS="... before": a second Hush build, e.g. main's, measured alongside)
#   LEGS="... vertx": the floor, a plain Vert.x pass-through proxy (`hush passthrough`) with the gateway's
#   server, client and pool options and HUSH_JVM_ARGS (VERTX_JVM_ARGS replaces them), run from HUSH_JAR
#   BODY_FILE=bench/chat-4k.json REQUEST_PATH=/v1/chat/completions DOCS=docs/benchmarks.md KEEP_TMP=0
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${HUSH_JAR:-$ROOT/target/hush.jar}
STUB_JAR=${STUB_JAR:-$JAR}
RUNS=${RUNS:-3}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-8}
SAT_CONNS=${SAT_CONNS:-16}
SAT_THREADS=${SAT_THREADS:-2}
LARGE_CONNS=${LARGE_CONNS:-1}
LARGE_BYTES=${LARGE_BYTES:-1048576}
SCENARIOS=${SCENARIOS:-"cached unique mixed"}
DOCS=${DOCS-$ROOT/docs/benchmarks.md}
LEGS=${LEGS:-"direct nginx hush"}
BASE_PORT=${BASE_PORT:-18480}
STUB_LOOPS=${STUB_LOOPS:-1}
BODY_FILE=${BODY_FILE:-$ROOT/bench/chat-4k.json}
REQUEST_PATH=${REQUEST_PATH:-/v1/chat/completions}
LUA=$ROOT/bench/post-chat.lua
STUB_PORT=$BASE_PORT
NGINX_PORT=$((BASE_PORT + 1))
HUSH_PORT=$((BASE_PORT + 2))
HUSH_ADMIN_PORT=$((BASE_PORT + 3))
BEFORE_PORT=$((BASE_PORT + 4))
BEFORE_ADMIN_PORT=$((BASE_PORT + 5))
VERTX_PORT=$((BASE_PORT + 6))

die() { echo "proxy-load: $*" >&2; exit 2; }
log() { echo "proxy-load: $*" >&2; }

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install -y wrk nginx)"
command -v java >/dev/null || die "java not found"
command -v curl >/dev/null || die "curl not found"
[[ -f $JAR ]] || die "$JAR missing: run mvn -B -q -o package -DskipTests"
[[ -f $STUB_JAR ]] || die "$STUB_JAR missing"
[[ -f $BODY_FILE ]] || die "$BODY_FILE missing"
if [[ " $SCENARIOS " == *" mixed "* ]]; then
  command -v python3 >/dev/null || die "python3 not found (it writes the 1 MB prompt of the mixed scenario)"
fi
if [[ " $LEGS " == *" nginx "* ]] && ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  die "nginx not found (Debian: apt-get install -y nginx wrk), or run with LEGS=\"direct hush\""
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $STUB_PORT $NGINX_PORT $HUSH_PORT $HUSH_ADMIN_PORT $BEFORE_PORT $BEFORE_ADMIN_PORT $VERTX_PORT; do
  port_free "$p" || die "port $p on 127.0.0.1 is in use: set BASE_PORT"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hush-load.XXXXXX")
PIDS=()
cleanup() {
  # Stop only the processes this script started, by their pid.
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until a POST of the body answers 200 (giving up early when process $3 exits); prints the last
# status on failure.
wait_ready() {
  local url=$1 secs=$2 pid=${3:-} code=000
  rm -f "$TMP/ready.out"
  for ((i = 0; i < secs * 5; i++)); do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then log "process $pid exited"; return 1; fi
    code=$(curl -s -o "$TMP/ready.out" -w '%{http_code}' -m 2 -X POST -H 'Content-Type: application/json' \
      --data-binary "@$BODY_FILE" "$url" || true)
    [[ $code == 200 ]] && return 0
    sleep 0.2
  done
  log "$url not ready after ${secs}s (last status $code)"
  return 1
}

# ---- stub upstream --------------------------------------------------------------------------------
java -Xms128m -Xmx256m -jar "$STUB_JAR" stub-upstream --port "$STUB_PORT" --event-loops "$STUB_LOOPS" \
  >"$TMP/stub.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$STUB_PORT$REQUEST_PATH" 30 "${PIDS[-1]}" || { cat "$TMP/stub.log" >&2; die "stub upstream did not start"; }
declare -A URL=([direct]="http://127.0.0.1:$STUB_PORT$REQUEST_PATH")
# the server process of each proxy leg, whose CPU time (with its children's: nginx workers) is read
declare -A SERVER_PID=()
STARTED=$SECONDS
CLK_TCK=$(getconf CLK_TCK)
# cpu_ticks PID: user+system clock ticks so far of PID's threads and its children's (nginx workers), without
# the JIT compiler threads: on a loaded machine C2 is still compiling long after the warm-up, and its CPU is
# a start-up cost, not a per-request one
cpu_ticks() {
  local t=0 p task comm v
  for p in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    for task in /proc/"$p"/task/*; do
      comm=$(cat "$task/comm" 2>/dev/null || true)
      [[ $comm == C[12]\ Compiler* ]] && continue
      # fields after the ")" that ends the command name: utime and stime are the 12th and 13th
      v=$(sed -E 's/^.*\) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0)
      t=$((t + ${v:-0}))
    done
  done
  echo "$t"
}
ACTIVE=()
[[ " $LEGS " == *" direct "* ]] && ACTIVE+=(direct)

# ---- nginx: a plain reverse proxy as operators run it: a worker per core, upstream keep-alive ------
if [[ " $LEGS " == *" nginx "* ]]; then
  mkdir -p "$TMP/nginx/logs" "$TMP/nginx/tmp"
  USER_LINE=""
  [[ $(id -u) == 0 ]] && USER_LINE="user nobody nogroup;"
  cat >"$TMP/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes $(nproc);
worker_cpu_affinity auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 65;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  # prompts up to 1 MB stay in memory (the default 16k would write the large ones to temp files)
  client_body_buffer_size 1m;
  client_max_body_size 10m;
  keepalive_requests 1000000;
  upstream stub { server 127.0.0.1:$STUB_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://stub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering on;
    }
  }
}
CONF
  "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' >"$TMP/nginx/logs/stdout.log" 2>&1 &
  PIDS+=($!)
  if wait_ready "http://127.0.0.1:$NGINX_PORT$REQUEST_PATH" 15 "${PIDS[-1]}"; then
    URL[nginx]="http://127.0.0.1:$NGINX_PORT$REQUEST_PATH"; ACTIVE+=(nginx); SERVER_PID[nginx]=${PIDS[-1]}
  else
    cat "$TMP/nginx/logs/"*.log >&2 || true; log "skipping the nginx leg"
  fi
fi

# ---- Hush: only when this build has the serve command ---------------------------------------
# start_hush LEG JAR PORT ADMIN_PORT: the "hush" leg runs HUSH_JAR; the optional "before" leg runs
# BEFORE_JAR (e.g. a build of main), so a change is measured against its base in the same run.
start_hush() {
  local leg=$1 jar=$2 port=$3 admin=$4 dir=$TMP/$1
  # "hush serve --help" would print the top-level help (exit 0) when there is no serve command.
  if ! { java -jar "$jar" --help 2>/dev/null | grep -qE '^ +serve( |$)' \
      && java -jar "$jar" serve --help >"$TMP/serve-help.txt" 2>&1; }; then
    log "$jar has no 'serve' command yet: skipping the $leg leg"
    return 0
  fi
  local extra=()
  grep -q -- '--admin-port' "$TMP/serve-help.txt" && extra+=(--admin-port "$admin")
  mkdir -p "$dir"
  # Loopback only: the gateway's default host is 0.0.0.0. HUSH_CONFIG replaces this file (set
  # gateway.host: 127.0.0.1 in it too).
  if [[ -n ${HUSH_CONFIG:-} ]]; then
    cp "$HUSH_CONFIG" "$dir/hush.yaml"
  else
    # the budget is raised so the 1 MB prompts of the mixed scenario measure scanning, not the budget
    printf 'gateway:\n  host: 127.0.0.1\n  scanBudgetMs: 10000\n' >"$dir/hush.yaml"
  fi
  # Run in the temp dir so Hush's data dir (hash key, state) is throwaway too.
  # shellcheck disable=SC2086
  (cd "$dir" && exec java ${HUSH_JVM_ARGS:-} -jar "$jar" serve --config "$dir/hush.yaml" --port "$port" \
    --upstream "openai=http://127.0.0.1:$STUB_PORT" --audit-dir "$dir/audit" "${extra[@]}" ${HUSH_ARGS:-}) \
    >"$TMP/$leg.log" 2>&1 &
  PIDS+=($!)
  if wait_ready "http://127.0.0.1:$port$REQUEST_PATH" 40 "${PIDS[-1]}"; then
    URL[$leg]="http://127.0.0.1:$port$REQUEST_PATH"; ACTIVE+=("$leg"); SERVER_PID[$leg]=${PIDS[-1]}
  else
    log "$leg answered: $(head -c 300 "$TMP/ready.out" 2>/dev/null)"; tail -20 "$TMP/$leg.log" >&2 || true
    log "skipping the $leg leg"
  fi
}
[[ " $LEGS " == *" hush "* ]] && start_hush hush "$JAR" "$HUSH_PORT" "$HUSH_ADMIN_PORT"
if [[ " $LEGS " == *" before "* ]]; then
  [[ -f ${BEFORE_JAR:-} ]] || die "the before leg needs BEFORE_JAR=path/to/hush.jar"
  start_hush before "$BEFORE_JAR" "$BEFORE_PORT" "$BEFORE_ADMIN_PORT"
fi

# ---- vertx: the floor under Hush, the same Vert.x server, client and pool with no work in between -----
if [[ " $LEGS " == *" vertx "* ]]; then
  if java -jar "$JAR" passthrough --help >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    java ${VERTX_JVM_ARGS-${HUSH_JVM_ARGS:-}} -jar "$JAR" passthrough --port "$VERTX_PORT" \
      --upstream "http://127.0.0.1:$STUB_PORT" >"$TMP/vertx.log" 2>&1 &
    PIDS+=($!)
    if wait_ready "http://127.0.0.1:$VERTX_PORT$REQUEST_PATH" 30 "${PIDS[-1]}"; then
      URL[vertx]="http://127.0.0.1:$VERTX_PORT$REQUEST_PATH"; ACTIVE+=(vertx); SERVER_PID[vertx]=${PIDS[-1]}
    else
      tail -20 "$TMP/vertx.log" >&2 || true; log "skipping the vertx leg"
    fi
  else
    log "$JAR has no 'passthrough' command: skipping the vertx leg"
  fi
fi

(( ${#ACTIVE[@]} > 0 )) || die "no leg to measure"

# ---- prompts -------------------------------------------------------------------------------------
LARGE_FILE=$TMP/chat-large.json
if [[ " $SCENARIOS " == *" mixed "* ]]; then
  # The 4 KiB ticket pasted over and over into one user message, ~LARGE_BYTES in all: as dense in PII
  # as the small prompt. Its first ticket number carries the per-request token, so each one is new.
  python3 - "$BODY_FILE" "$LARGE_BYTES" "$LARGE_FILE" <<'PY'
import json, sys
src, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = json.load(open(src, encoding="utf-8"))
user = next(m for m in d["messages"] if m["role"] == "user")
piece = user["content"] + "\n\n"
text = piece * (size // len(piece.encode("utf-8")) + 1)
user["content"] = text
excess = len(json.dumps(d).encode("utf-8")) - size
user["content"] = text[:len(text) - max(0, excess)]
open(out, "w", encoding="utf-8").write(json.dumps(d))
PY
fi

# ---- measure ----------------------------------------------------------------------------------
RESULTS=$TMP/results.tsv
: >"$RESULTS"
SEED=0
# run_wrk LEG SCENARIO MODE THREADS CONNS SECS BODY UNIQUE [TIMEOUT]: one wrk run; unless MODE is warmup,
# one row "run scenario leg mode rps p50_us p99_us errors requests" in $RESULTS.
run_wrk() {
  local leg=$1 scen=$2 mode=$3 out line pid=${SERVER_PID[$1]:-} t0=0 cpu=nan
  SEED=$((SEED + 1))
  [[ -n $pid ]] && t0=$(cpu_ticks "$pid")
  out=$(BODY_FILE=$7 UNIQUE=$8 SEED=$SEED wrk -t"$4" -c"$5" -d"${6}s" --timeout "${9:-5}s" -s "$LUA" \
    "${URL[$leg]}" 2>&1) || true
  line=$(grep '^RESULT ' <<<"$out" || true)
  [[ -n $line ]] || { echo "$out" >&2; die "wrk gave no result for $leg $scen $mode"; }
  [[ $mode == warmup ]] && return 0
  local f; f() { sed -E "s/.* $1=([0-9.]+).*/\\1/" <<<"$line"; }
  # CPU microseconds per request of the proxy's processes over this run (the mixed scenario's runs overlap)
  if [[ -n $pid && $mode != alone && $mode != beside && $mode != large ]]; then
    cpu=$(awk -v a="$t0" -v b="$(cpu_ticks "$pid")" -v hz="$CLK_TCK" -v n="$(f requests)" \
      'BEGIN { if (n > 0) printf "%.0f", (b - a) * 1e6 / hz / n; else print "nan" }')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$RUN" "$scen" "$leg" "$mode" "$(f rps)" "$(f p50_us)" \
    "$(f p99_us)" "$(( $(f socket_errors) + $(f non2xx) ))" "$(f requests)" "$cpu" >>"$RESULTS"
  log "$(printf 'run %s %-6s %-6s %-6s %9s req/s  p50 %7s us  p99 %8s us  cpu %6s us/req  errors %s' "$RUN" "$scen" \
    "$leg" "$mode" "$(f rps)" "$(f p50_us)" "$(f p99_us)" "$cpu" "$(( $(f socket_errors) + $(f non2xx) ))")"
}
unique_of() { [[ $1 == cached ]] && echo 0 || echo 1; }

RUN=0
for scen in $SCENARIOS; do
  [[ $scen == mixed ]] && continue
  for leg in "${ACTIVE[@]}"; do
    log "warming up $leg on $scen (${WARMUP}s)"
    run_wrk "$leg" "$scen" warmup "$SAT_THREADS" "$SAT_CONNS" "$WARMUP" "$BODY_FILE" "$(unique_of "$scen")"
  done
done
for ((RUN = 1; RUN <= RUNS; RUN++)); do
  for scen in $SCENARIOS; do
    for leg in "${ACTIVE[@]}"; do   # legs interleaved, so drift on a shared machine hits them alike
      if [[ $scen == mixed ]]; then
        run_wrk "$leg" mixed alone 1 1 "$DURATION" "$BODY_FILE" 1
        # 1 MB prompts on their own connections for the whole small run (and a little longer)
        run_wrk "$leg" mixed large 1 "$LARGE_CONNS" "$((DURATION + 1))" "$LARGE_FILE" 1 30 &
        large=$!
        run_wrk "$leg" mixed beside 1 1 "$DURATION" "$BODY_FILE" 1
        wait "$large" || die "the 1 MB run failed on $leg"
      else
        run_wrk "$leg" "$scen" seq 1 1 "$DURATION" "$BODY_FILE" "$(unique_of "$scen")"
        run_wrk "$leg" "$scen" sat "$SAT_THREADS" "$SAT_CONNS" "$DURATION" "$BODY_FILE" "$(unique_of "$scen")"
      fi
    done
  done
done

# ---- summary: medians over the runs, ratios within the run set -----------------------------------
median() { { grep -v '^nan$' || true; } | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# col SCENARIO LEG MODE COLUMN (5 rps, 6 p50, 7 p99)
col() { awk -F'\t' -v s="$1" -v l="$2" -v m="$3" -v c="$4" '$2==s && $3==l && $4==m {print $c}' "$RESULTS" | median; }
errs() { awk -F'\t' -v s="$1" -v l="$2" '$2==s && $3==l {e+=$8} END {print e+0}' "$RESULTS"; }
has() { [[ " ${ACTIVE[*]} " == *" $1 "* ]]; }
ms() { awk -v v="$1" 'BEGIN { if (v == "nan") print "–"; else printf "%.3f", v / 1000 }'; }
diffms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan") print "–"; else printf "%+.3f", (a - b) / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "–"; else printf "%.2f", a / b }'; }
num() { awk -v v="$1" 'BEGIN { if (v == "nan") print "–"; else printf "%.0f", v }'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "–") print "not measured"; else if ((op == "ge" && v >= t) || (op == "le" && v <= t)) print "met"; else print "NOT met" }'; }

REPORT=$TMP/report.md
TRANSPORT=$(grep -o 'transport .*' "$TMP/hush.log" 2>/dev/null | head -1 || true)
BEFORE_NOTE=""
has before && BEFORE_NOTE=" Leg \"before\": ${BEFORE_LABEL:-$BEFORE_JAR}, same config."
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(
    git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)'), $(nproc) cores shared by wrk, the stub" \
    "and the proxy, load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Hush: ${TRANSPORT:-not run}.$BEFORE_NOTE"
  echo "\`${HUSH_CONFIG:+HUSH_CONFIG=$HUSH_CONFIG }RUNS=$RUNS DURATION=$DURATION WARMUP=$WARMUP SAT_CONNS=$SAT_CONNS" \
    "SAT_THREADS=$SAT_THREADS LARGE_CONNS=$LARGE_CONNS SCENARIOS=\"$SCENARIOS\" bench/proxy-load.sh\`; medians of $RUNS runs."
  [[ -n ${HUSH_CONFIG:-} ]] && echo "Hush config ($HUSH_CONFIG): \`$(tr '\n' ' ' <"$HUSH_CONFIG")\`"
  echo
  if [[ " $SCENARIOS " == *" cached "* || " $SCENARIOS " == *" unique "* ]]; then
    echo "| prompt | leg | 1 conn req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | $SAT_CONNS conns req/s | × nginx | CPU µs/req | CPU × nginx | errors |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for scen in $SCENARIOS; do
      [[ $scen == mixed ]] && continue
      for leg in "${ACTIVE[@]}"; do
        p50=$(col "$scen" "$leg" seq 6); p99=$(col "$scen" "$leg" seq 7)
        d50=$(has direct && col "$scen" direct seq 6 || echo nan); d99=$(has direct && col "$scen" direct seq 7 || echo nan)
        add50=$([[ $leg == direct ]] && echo "–" || diffms "$p50" "$d50")
        add99=$([[ $leg == direct ]] && echo "–" || diffms "$p99" "$d99")
        ns=$(has nginx && col "$scen" nginx sat 5 || echo nan)
        cpu=$(col "$scen" "$leg" sat 10); ncpu=$(has nginx && col "$scen" nginx sat 10 || echo nan)
        echo "| $scen | $leg | $(num "$(col "$scen" "$leg" seq 5)") | $(ms "$p50") | $(ms "$p99") | $add50 | $add99 |" \
          "$(num "$(col "$scen" "$leg" sat 5)") | $(ratio "$(col "$scen" "$leg" sat 5)" "$ns") | $(num "$cpu") |" \
          "$(ratio "$cpu" "$ncpu") | $(errs "$scen" "$leg") |"
      done
    done
    echo
  fi
  if [[ " $SCENARIOS " == *" mixed "* ]]; then
    echo "Small requests (a different 4 KiB prompt each, one connection) alone and while $LARGE_CONNS connection(s)" \
      "send different ~$((LARGE_BYTES / 1024)) KiB prompts beside them:"
    echo
    echo "| leg | small p50 alone ms | small p99 alone ms | small p50 beside ms | small p99 beside ms | 1 MB req/s | errors |"
    echo "|---|---|---|---|---|---|---|"
    for leg in "${ACTIVE[@]}"; do
      echo "| $leg | $(ms "$(col mixed "$leg" alone 6)") | $(ms "$(col mixed "$leg" alone 7)") |" \
        "$(ms "$(col mixed "$leg" beside 6)") | $(ms "$(col mixed "$leg" beside 7)") |" \
        "$(awk -v v="$(col mixed "$leg" large 5)" 'BEGIN { if (v == "nan") print "–"; else printf "%.1f", v }') | $(errs mixed "$leg") |"
    done
    echo
  fi
  if has hush; then
    echo "Targets (Hush):"
    for scen in cached unique; do
      [[ " $SCENARIOS " == *" $scen "* ]] || continue
      t=$([[ $scen == cached ]] && echo 0.6 || echo 0.3)
      r=$(ratio "$(col "$scen" hush sat 5)" "$(has nginx && col "$scen" nginx sat 5 || echo nan)")
      a50=$(diffms "$(col "$scen" hush seq 6)" "$(has direct && col "$scen" direct seq 6 || echo nan)")
      a99=$(diffms "$(col "$scen" hush seq 7)" "$(has direct && col "$scen" direct seq 7 || echo nan)")
      echo "- $scen: $SAT_CONNS conns ${r}× nginx (target ≥ $t: $(verdict "$r" "$t" ge));" \
        "1 conn added p50 $a50 ms (≤ 0.3: $(verdict "$a50" 0.3 le)), p99 $a99 ms (≤ 2: $(verdict "$a99" 2 le))"
    done
    echo
  fi
  echo "Took $((SECONDS - STARTED)) s (\`$(nproc)\` cores); CPU µs/req: the proxy's own CPU time (its threads and its children's, from /proc, without the JIT compiler threads) over each $SAT_CONNS-connection run divided by its requests (direct: –)."
  echo
  echo "<details><summary>raw rows: run prompt leg mode req/s p50_us p99_us errors requests cpu_us_per_req</summary>"
  echo
  echo '```'
  cat "$RESULTS"
  echo '```'
  echo
  echo "</details>"
} >"$REPORT"

echo
cat "$REPORT"
BEGIN_MARK='<!-- proxy-load:begin (written by bench/proxy-load.sh: do not edit by hand) -->'
END_MARK='<!-- proxy-load:end -->'
if [[ -n $DOCS ]]; then
  if [[ -f $DOCS ]] && grep -qF "$BEGIN_MARK" "$DOCS" && grep -qF "$END_MARK" "$DOCS"; then
    awk -v b="$BEGIN_MARK" -v e="$END_MARK" -v rep="$REPORT" '
      $0 == b { print; while ((getline l < rep) > 0) print l; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$DOCS" >"$TMP/docs.md"
    cp "$TMP/docs.md" "$DOCS"
    log "results written to $DOCS"
  else
    log "$DOCS has no proxy-load markers: results not written there"
  fi
fi
