#!/usr/bin/env bash
# Runs the official OpenAI, Anthropic and Google Gen AI JavaScript SDKs against `hush serve --demo`: model
# lists, streams through each SDK's own accumulator (chat, Responses, Messages, generateContentStream).
# Needs node and npm (the SDKs are installed into a temporary folder). Listens on 127.0.0.1 only.
#
#   mvn -B -q -o package -DskipTests && bench/demo-sdk-check.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${HUSH_JAR:-$ROOT/target/hush.jar}
TMP=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
(cd "$TMP" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
    openai@6.49.0 @anthropic-ai/sdk@1.14.0 @google/genai@2.32.0 >/dev/null)
cp "$ROOT/bench/demo-sdk-check.mjs" "$TMP/check.mjs"
mkdir -p "$TMP/run"
(cd "$TMP/run" && exec java -jar "$JAR" serve --demo --host 127.0.0.1 --port 0 --admin-port 0 >"$TMP/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do grep -q "gateway on" "$TMP/serve.log" && break; sleep 0.5; done
PORT=$(grep -o "gateway on http://[0-9.]*:[0-9]*" "$TMP/serve.log" | grep -o "[0-9]*$") || { cat "$TMP/serve.log"; exit 2; }
(cd "$TMP" && HUSH_BASE="http://127.0.0.1:$PORT" node check.mjs)
