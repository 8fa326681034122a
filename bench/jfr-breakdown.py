#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording of `hush serve` (bench/proxy-profile.sh).

Reads `jfr print --events jdk.ExecutionSample` and prints (1) each sample charged to the first (innermost)
frame that matches one of the request-path stages below, so the stages add up to the samples taken on
the path, and (2) the hottest innermost methods. Usage: bench/jfr-breakdown.py FILE.jfr [TOP]
"""
import collections
import re
import subprocess
import sys

# (stage, frame prefix): the first match from the innermost frame outwards takes the sample.
STAGES = [
    ("scan-cache key (SHA-256)", "dev.hush.proxy.ScanCache.key"),
    ("scan: person names", "dev.hush.detect.nlp."),
    ("scan: credential rules", "dev.hush.detect.rules."),
    ("scan: PII detectors", "dev.hush.detect.pii."),
    ("scan: terms and markers", "dev.hush.detect.terms."),
    ("scan: other detectors and overlap resolution", "dev.hush.detect."),
    ("rewrite (pseudonymise)", "dev.hush.redact.TextRewriter"),
    ("restore the answer", "dev.hush.provider.JsonRestorer"),
    ("restore the answer", "dev.hush.redact.PlaceholderRestorer"),
    ("audit: encode + HMAC", "dev.hush.audit."),
    ("keyed hash of values", "dev.hush.audit.KeyedHash"),
    ("policy", "dev.hush.policy."),
    ("metrics (Micrometer)", "io.micrometer."),
    ("metrics (Micrometer)", "dev.hush.proxy.GatewayMetrics"),
    ("JSON parse/serialise (Jackson)", "com.fasterxml.jackson."),
    ("provider adapters (extract slots)", "dev.hush.provider."),
    ("gateway request handling (Exchange etc.)", "dev.hush."),
    ("HTTP server/client (Vert.x, Netty)", "io.vertx."),
    ("HTTP server/client (Vert.x, Netty)", "io.netty."),
]
FRAME = re.compile(r"^\s+([\w$.<>]+)\(")


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         check=True, capture_output=True, text=True).stdout
    stages = collections.Counter()
    leaves = collections.Counter()
    total = 0
    for event in out.split("jdk.ExecutionSample")[1:]:
        frames = [m.group(1) for line in event.splitlines() if (m := FRAME.match(line))]
        if not frames:
            continue
        total += 1
        leaves[frames[0]] += 1
        for f in frames:
            stage = next((s for s, prefix in STAGES if f.startswith(prefix)), None)
            if stage:
                stages[stage] += 1
                break
        else:
            stages["other (GC helpers, JIT, JDK threads)"] += 1
    print(f"{total} execution samples")
    print("| stage | samples | share |\n|---|---|---|")
    for s, n in stages.most_common():
        print(f"| {s} | {n} | {100 * n / total:.1f}% |")
    print(f"\nhottest innermost methods (top {top}):")
    for f, n in leaves.most_common(top):
        print(f"  {n:6d} {100 * n / total:5.1f}%  {f}")


if __name__ == "__main__":
    main()
