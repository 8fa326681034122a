#!/usr/bin/env python3
"""A ScannerProfileLoop recording split by time, one window per input (docs/benchmarks.md, fifteenth round): per
window, the share of each step (jfr-scanner.py's step_of: detectors, views, overlap resolution), the top self frames
and the top inclusive dev.hush frames, all as shares of the samples under Scanner.
Usage: BOUNDS=5.5,25.5,45.5 bench/jfr-scanner-split.py FILE.jfr [unused] [TOP]
BOUNDS: seconds after the recording's first sample where a new window starts (start-up, then each input's seconds)."""
import collections, re, subprocess, sys, datetime
import importlib.util
import os.path
spec = importlib.util.spec_from_file_location("js", os.path.join(os.path.dirname(os.path.abspath(__file__)), "jfr-scanner.py"))
js = importlib.util.module_from_spec(spec); spec.loader.exec_module(js)
FRAME = re.compile(r"^\s+([\w$.<>]+)\(")
def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "512", path],
                         check=True, capture_output=True, text=True).stdout
    stack = None; t = None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("startTime = "):
            t = s[len("startTime = "):]
        elif s == "stackTrace = [":
            stack = []
        elif stack is not None and s == "]":
            yield t, stack; stack = None
        elif stack is not None:
            m = FRAME.match(line)
            if m: stack.append(m.group(1))
def secs(t):
    t = t.split()[0]
    h, m, s = t.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
path = sys.argv[1]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
all_s = [(secs(t), st) for t, st in samples(path) if t]
all_s.sort(key=lambda x: x[0])
import os
bounds = [float(x) for x in os.environ.get("BOUNDS", "").split(",") if x]
t0 = all_s[0][0]
groups = collections.defaultdict(list)
for t, st in all_s:
    rel = t - t0
    g = sum(1 for b in bounds if rel >= b)
    groups[g].append(st)
for g in sorted(groups):
    sts = [st for st in groups[g] if any(f.startswith("dev.hush.detect.Scanner.") for f in st)]
    n = len(sts)
    print(f"\n=== window {g} ({len(groups[g])} samples, {n} under Scanner)")
    if n == 0: continue
    steps = collections.Counter(js.step_of(st) for st in sts)
    print("-- steps (detector shares)")
    for s, k in steps.most_common(20): print(f"{100*k/n:5.1f}%  {s}")
    selfc = collections.Counter(js.short(st[0]) for st in sts)
    print("-- top self frames")
    for s, k in selfc.most_common(top): print(f"{100*k/n:5.1f}%  {s}")
    inc = collections.Counter()
    for st in sts:
        for f in set(st):
            if f.startswith("dev.hush."): inc[js.short(f)] += 1
    print("-- top inclusive dev.hush frames")
    for s, k in inc.most_common(top + 15): print(f"{100*k/n:5.1f}%  {s}")
