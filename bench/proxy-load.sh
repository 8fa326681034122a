#!/usr/bin/env bash
# Load harness for the proxy overhead targets (issue 3): latency at a fixed rate and throughput at
# saturation, straight to a stub upstream, through nginx as a plain reverse proxy, and through Hush.
# Everything listens on 127.0.0.1 only and every run is bounded by DURATION. See docs/benchmarks.md.
#
#   mvn -B -q -o package -DskipTests && bench/proxy-load.sh
#
# Knobs (environment): RUNS=3 DURATION=10 WARMUP=5 RATE=1000 RATE_CONNS=50 SAT_CONNS=64 SAT_THREADS=2
#   LEGS="direct nginx hush" BASE_PORT=18480 STUB_LOOPS=1 HUSH_JAR=target/hush.jar STUB_JAR=$HUSH_JAR HUSH_ARGS=""
#   BODY_FILE=bench/chat-4k.json REQUEST_PATH=/v1/chat/completions KEEP_TMP=0
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${HUSH_JAR:-$ROOT/target/hush.jar}
STUB_JAR=${STUB_JAR:-$JAR}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
RATE=${RATE:-1000}
RATE_CONNS=${RATE_CONNS:-50}
SAT_CONNS=${SAT_CONNS:-64}
SAT_THREADS=${SAT_THREADS:-2}
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
DELAY_MS=$(( RATE_CONNS * 1000 / RATE ))

die() { echo "proxy-load: $*" >&2; exit 2; }
log() { echo "proxy-load: $*" >&2; }

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install -y wrk nginx)"
command -v java >/dev/null || die "java not found"
command -v curl >/dev/null || die "curl not found"
[[ -f $JAR ]] || die "$JAR missing: run mvn -B -q -o package -DskipTests"
[[ -f $STUB_JAR ]] || die "$STUB_JAR missing"
[[ -f $BODY_FILE ]] || die "$BODY_FILE missing"
(( DELAY_MS >= 1 )) || die "RATE_CONNS*1000/RATE must be >= 1 ms: raise RATE_CONNS"
if [[ " $LEGS " == *" nginx "* ]] && ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  die "nginx not found (Debian: apt-get install -y nginx wrk), or run with LEGS=\"direct hush\""
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $STUB_PORT $NGINX_PORT $HUSH_PORT $HUSH_ADMIN_PORT; do
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

# Waits until a POST of the body answers 200; prints the last status on failure.
wait_ready() {
  local url=$1 secs=$2 code=000
  for ((i = 0; i < secs * 5; i++)); do
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
wait_ready "http://127.0.0.1:$STUB_PORT$REQUEST_PATH" 30 || { cat "$TMP/stub.log" >&2; die "stub upstream did not start"; }
declare -A URL=([direct]="http://127.0.0.1:$STUB_PORT$REQUEST_PATH")
ACTIVE=()
[[ " $LEGS " == *" direct "* ]] && ACTIVE+=(direct)

# ---- nginx: a plain reverse proxy with upstream keep-alive, as one would deploy it --------------
if [[ " $LEGS " == *" nginx "* ]]; then
  mkdir -p "$TMP/nginx/logs" "$TMP/nginx/tmp"
  USER_LINE=""
  [[ $(id -u) == 0 ]] && USER_LINE="user nobody nogroup;"
  cat >"$TMP/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  client_body_buffer_size 64k;
  client_max_body_size 10m;
  keepalive_requests 1000000;
  upstream stub { server 127.0.0.1:$STUB_PORT; keepalive 128; }
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
  if wait_ready "http://127.0.0.1:$NGINX_PORT$REQUEST_PATH" 15; then
    URL[nginx]="http://127.0.0.1:$NGINX_PORT$REQUEST_PATH"; ACTIVE+=(nginx)
  else
    cat "$TMP/nginx/logs/"*.log >&2 || true; log "skipping the nginx leg"
  fi
fi

# ---- Hush: only when this build has the serve command ---------------------------------------
if [[ " $LEGS " == *" hush "* ]]; then
  # "hush serve --help" would print the top-level help (exit 0) when there is no serve command.
  if java -jar "$JAR" --help 2>/dev/null | grep -qE '^ +serve( |$)' \
      && java -jar "$JAR" serve --help >"$TMP/serve-help.txt" 2>&1; then
    EXTRA=()
    grep -q -- '--admin-port' "$TMP/serve-help.txt" && EXTRA+=(--admin-port "$HUSH_ADMIN_PORT")
    mkdir -p "$TMP/hush"
    # Run in the temp dir so Hush's data dir (hash key, state) is throwaway too.
    # shellcheck disable=SC2086
    (cd "$TMP/hush" && exec java -jar "$JAR" serve --port "$HUSH_PORT" \
      --upstream "openai=http://127.0.0.1:$STUB_PORT" --audit-dir "$TMP/hush/audit" "${EXTRA[@]}" ${HUSH_ARGS:-}) \
      >"$TMP/hush.log" 2>&1 &
    PIDS+=($!)
    if wait_ready "http://127.0.0.1:$HUSH_PORT$REQUEST_PATH" 40; then
      URL[hush]="http://127.0.0.1:$HUSH_PORT$REQUEST_PATH"; ACTIVE+=(hush)
    else
      log "Hush answered: $(head -c 300 "$TMP/ready.out" 2>/dev/null)"; tail -20 "$TMP/hush.log" >&2 || true
      log "skipping the Hush leg"
    fi
  else
    log "this build has no 'serve' command yet: skipping the Hush leg"
  fi
fi

(( ${#ACTIVE[@]} > 0 )) || die "no leg to measure"

# ---- measure ----------------------------------------------------------------------------------
RESULTS=$TMP/results.tsv
: >"$RESULTS"
run_wrk() { # leg mode threads conns delay_ms secs
  local out
  out=$(BODY_FILE=$BODY_FILE DELAY_MS=$5 wrk -t"$3" -c"$4" -d"${6}s" --timeout 5s -s "$LUA" "${URL[$1]}" 2>&1) || true
  local line; line=$(grep '^RESULT ' <<<"$out" || true)
  [[ -n $line ]] || { echo "$out" >&2; die "wrk gave no result for $1 $2"; }
  if [[ $2 != warmup ]]; then
    local f; f() { sed -E "s/.* $1=([0-9.]+).*/\\1/" <<<"$line"; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(f rps)" "$(f p50_us)" "$(f p99_us)" \
      "$(f socket_errors)" "$(f non2xx)" "$(f requests)" >>"$RESULTS"
    log "$(printf '%-6s %-5s %8s req/s  p50 %6s us  p99 %7s us  errors %s/%s' "$1" "$2" "$(f rps)" "$(f p50_us)" \
      "$(f p99_us)" "$(f socket_errors)" "$(f non2xx)")"
  fi
}

for leg in "${ACTIVE[@]}"; do
  log "warming up $leg (${WARMUP}s)"
  run_wrk "$leg" warmup "$SAT_THREADS" "$SAT_CONNS" 0 "$WARMUP"
done
for ((r = 1; r <= RUNS; r++)); do
  for leg in "${ACTIVE[@]}"; do   # legs interleaved, so drift on a shared machine hits them alike
    run_wrk "$leg" rate 1 "$RATE_CONNS" "$DELAY_MS" "$DURATION"
    run_wrk "$leg" sat "$SAT_THREADS" "$SAT_CONNS" 0 "$DURATION"
  done
done

# ---- summary: medians over the runs ------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -F'\t' -v l="$1" -v m="$2" -v c="$3" '$1==l && $2==m {print $c}' "$RESULTS" | median; }
declare -A RRPS P50 P99 SAT ERR
for leg in "${ACTIVE[@]}"; do
  RRPS[$leg]=$(col "$leg" rate 3); P50[$leg]=$(col "$leg" rate 4); P99[$leg]=$(col "$leg" rate 5)
  SAT[$leg]=$(col "$leg" sat 3)
  ERR[$leg]=$(awk -F'\t' -v l="$leg" '$1==l {e+=$6+$7} END {print e+0}' "$RESULTS")
done
echo
echo "Hush proxy load: $RUNS run(s) x ${DURATION}s per mode, 4 KiB chat POST, fixed rate ~$RATE req/s" \
  "($RATE_CONNS conns x ${DELAY_MS} ms pacing), saturation $SAT_THREADS threads x $SAT_CONNS conns; medians"
printf '%-8s %10s %9s %9s %10s %10s %11s %9s %9s %7s\n' leg "rate r/s" "p50 ms" "p99 ms" "+p50 ms" "+p99 ms" \
  "sat r/s" "/nginx" "/direct" errors
for leg in "${ACTIVE[@]}"; do
  awk -v leg="$leg" -v rr="${RRPS[$leg]}" -v p50="${P50[$leg]}" -v p99="${P99[$leg]}" \
      -v d50="${P50[direct]:-nan}" -v d99="${P99[direct]:-nan}" -v sat="${SAT[$leg]}" \
      -v ns="${SAT[nginx]:-nan}" -v ds="${SAT[direct]:-nan}" -v err="${ERR[$leg]}" 'BEGIN {
    add50 = (d50 == "nan") ? "-" : sprintf("%.3f", (p50 - d50) / 1000)
    add99 = (d99 == "nan") ? "-" : sprintf("%.3f", (p99 - d99) / 1000)
    rn = (ns == "nan") ? "-" : sprintf("%.0f%%", 100 * sat / ns)
    rd = (ds == "nan") ? "-" : sprintf("%.0f%%", 100 * sat / ds)
    printf "%-8s %10.0f %9.3f %9.3f %10s %10s %11.0f %9s %9s %7d\n", leg, rr, p50 / 1000, p99 / 1000, add50, add99, sat, rn, rd, err
  }'
done
if [[ -n ${SAT[hush]:-} && -n ${P99[direct]:-} ]]; then
  awk -v h="${P99[hush]}" -v d="${P99[direct]}" -v hs="${SAT[hush]}" -v ns="${SAT[nginx]:-0}" 'BEGIN {
    printf "target: Hush p99 added at ~1,000 req/s <= 2 ms: %.3f ms (%s)\n", (h - d) / 1000, ((h - d) <= 2000 ? "met" : "NOT met")
    if (ns > 0) printf "target: Hush saturation >= 70%% of nginx: %.0f%% (%s)\n", 100 * hs / ns, (hs >= 0.7 * ns ? "met" : "NOT met")
  }'
fi
echo "raw: leg mode rps p50_us p99_us socket_errors non2xx requests"
sed 's/^/  /' "$RESULTS"
