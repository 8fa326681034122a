#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording of `hush serve` (bench/proxy-profile.sh).

Reads `jfr print --events jdk.ExecutionSample` and prints (1) each sample charged to one request-path
stage (see stage_of), so the stages add up to all samples, (2) the hottest innermost methods and (3) the
Hush methods with the most samples under them (inclusive). Usage: bench/jfr-breakdown.py FILE.jfr [TOP]
LAST=SECONDS (environment) counts only the samples of the recording's last SECONDS (the warm state, without
start-up and JIT warm-up).
"""
import collections
import os
import re
import subprocess
import sys

# A sample goes to the stage of its innermost Hush frame when that frame belongs to one of HUSH_STAGES
# (so Jackson inside the audit encoder counts as audit); otherwise to the library of its innermost
# frame (LIBRARY_STAGES: Jackson under the gateway's own code is the body's JSON), otherwise to the
# gateway's own request handling, otherwise "other".
HUSH_STAGES = [
    ("scan-cache key (SHA-256)", "dev.hush.proxy.ScanCache.key"),
    ("scan-cache key (SHA-256)", "dev.hush.pipeline.ScanCache.key"),
    ("scan: person names", "dev.hush.detect.nlp."),
    ("scan: credential rules", "dev.hush.detect.rules."),
    ("scan: PII detectors", "dev.hush.detect.pii."),
    ("scan: terms and markers", "dev.hush.detect.terms."),
    ("scan: other detectors and overlap resolution", "dev.hush.detect."),
    ("rewrite (pseudonymise)", "dev.hush.redact.TextRewriter"),
    ("rewrite (pseudonymise)", "dev.hush.redact.ConversationPseudonyms"),
    ("restore the answer", "dev.hush.redact.PlaceholderRestorer"),
    ("restore the answer", "dev.hush.provider.JsonRestorer"),
    ("restore the answer", "dev.hush.adapter.JsonRestorer"),
    ("answer relay (headers, writes to the client)", "dev.hush.pipeline.AnswerRelay"),
    ("keyed hash of found values (HMAC)", "dev.hush.audit.KeyedHash"),
    ("audit: encode and write (writer thread)", "dev.hush.audit."),
    ("policy", "dev.hush.policy."),
    ("metrics (Micrometer)", "dev.hush.proxy.GatewayMetrics"),
    ("metrics (Micrometer)", "dev.hush.pipeline.ProxyMetrics"),
    ("adapters: parse the body, re-encode it after rewriting", "dev.hush.provider."),
    ("adapters: parse the body, re-encode it after rewriting", "dev.hush.adapter."),
]
LIBRARY_STAGES = [
    ("request JSON parse/serialise (Jackson)", "com.fasterxml.jackson."),
    ("metrics (Micrometer)", "io.micrometer."),
    ("HTTP server/client (Vert.x, Netty)", "io.vertx."),
    ("HTTP server/client (Vert.x, Netty)", "io.netty."),
]


def stage_of(frames):
    hush = next((f for f in frames if f.startswith("dev.hush.")), None)
    if hush:
        stage = next((s for s, prefix in HUSH_STAGES if hush.startswith(prefix)), None)
        if stage:
            return stage
    for f in frames:
        stage = next((s for s, prefix in LIBRARY_STAGES if f.startswith(prefix)), None)
        if stage:
            return stage
        if f.startswith("dev.hush."):
            return "gateway request handling (routing, headers, conversation ids, audit findings)"
    return "other (GC, JIT, JFR, JDK threads)"


FRAME = re.compile(r"^\s+([\w$.<>]+)\(")
START = re.compile(r"startTime = (\d+):(\d+):([\d.]+)")


def seconds(event):
    m = START.search(event)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else None


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         check=True, capture_output=True, text=True).stdout
    events = out.split("jdk.ExecutionSample")[1:]
    last = float(os.environ.get("LAST", "0"))
    if last > 0:
        times = [seconds(e) for e in events]
        end = max(t for t in times if t is not None)
        events = [e for e, t in zip(events, times) if t is not None and end - t <= last]
    stages = collections.Counter()
    leaves = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for event in events:
        frames = [m.group(1) for line in event.splitlines() if (m := FRAME.match(line))]
        if not frames:
            continue
        total += 1
        leaves[frames[0]] += 1
        stages[stage_of(frames)] += 1
        for f in set(frames):
            if f.startswith("dev.hush."):
                inclusive[f] += 1
    print(f"{total} execution samples")
    print("| stage | samples | share |\n|---|---|---|")
    for s, n in stages.most_common():
        print(f"| {s} | {n} | {100 * n / total:.1f}% |")
    print(f"\nhottest innermost methods (top {top}):")
    for f, n in leaves.most_common(top):
        print(f"  {n:6d} {100 * n / total:5.1f}%  {f}")
    print(f"\nHush methods, inclusive (top {top}):")
    for f, n in inclusive.most_common(top):
        print(f"  {n:6d} {100 * n / total:5.1f}%  {f}")


if __name__ == "__main__":
    main()
