#!/usr/bin/env bash
# Whole-process scan speed on the same generated input: `hush scan --format jsonl` (every detector on, every
# core) against secretlint with its recommended preset (npm). gitleaks: its npm packages fetch the gitleaks
# binary from the internet at install time, so it cannot be installed offline and is skipped with a note.
#   bench/scan-process.sh                  # 50 MB input, 5 timed runs each (A/B interleaved), ~5 minutes here
#   MB=10 RUNS=3 bench/scan-process.sh     # quicker
#   HUSH_CMD="java -jar target/hush.jar" bench/scan-process.sh   # the jar on the JVM's defaults instead of ./hush
# hush runs as users run it, through ./hush (its JVM flags for scan and the CDS archive that `mvn package` writes).
# Timing: farm-bench when present (whole process, medians, paired ratio), else hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${MB:-50}"
RUNS="${RUNS:-5}"
work="$(mktemp -d)"   # outside the repository: secretlint skips git-ignored paths such as target/
trap 'rm -rf "$work"' EXIT

[ -f target/hush.jar ] && [ -f target/hush.jsa ] || mvn -B -q -DskipTests package
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
input="$work/input.jsonl"
java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.Pastes "$input" "$MB"
bytes=$(stat -c %s "$input")
echo "input: $input, $bytes bytes ($(wc -l <"$input") JSON lines of generated 4 KiB texts)"

if [ ! -x bench/node/node_modules/.bin/secretlint ]; then
  (cd bench/node && npm ci --no-audit --no-fund)
fi
read -r -a hush <<<"${HUSH_CMD:-./hush}"
hush+=(scan --format jsonl "$input")
secretlint=(bench/node/node_modules/.bin/secretlint --secretlintrc bench/node/.secretlintrc.json "$input")

# what each finds (not timed): hush result lines with findings, secretlint problems
"${hush[@]}" 2>/dev/null | grep -vc '"findings":\[\]' | sed 's/^/hush: records with findings: /' || true
"${secretlint[@]}" 2>/dev/null | tail -3 | grep -o '[0-9]* problems' | sed 's/^/secretlint: /' || true
echo "gitleaks: skipped (npm wrappers download the binary from GitHub at install; no network here)"

if command -v farm-bench >/dev/null; then
  farm-bench -n "$RUNS" --warmup 1 --timeout 3000 --vs "$(printf '%q ' "${secretlint[@]}")" -- "${hush[@]}" | tee "$work/report.txt"
else
  hyperfine --warmup 1 --runs "$RUNS" -i --export-json "$work/report.json" \
    "$(printf '%q ' "${hush[@]}")" "$(printf '%q ' "${secretlint[@]}")"
fi
echo "MB/s = $bytes bytes / median wall seconds / 10^6"
