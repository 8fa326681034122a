#!/usr/bin/env python3
"""Where the scanner's time goes in a JFR recording of the JMH run (docs/benchmarks.md, "Where the time goes").

Each sample under dev.hush.detect.Scanner is charged to the step Scanner called: a detector (the frame
Scanner.run called), the views (ScanText.of, JoinedView, EncodedRuns) or overlap resolution; samples
outside the scanner are counted apart. Also prints the hottest innermost methods of each step.
Usage: bench/jfr-scanner.py FILE.jfr [TOP]
"""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+([\w$.<>]+)\(")


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "512", path],
                         check=True, capture_output=True, text=True).stdout
    stack = None
    for line in out.splitlines():
        if line.strip() == "stackTrace = [":
            stack = []
        elif stack is not None and line.strip() == "]":
            yield stack
            stack = None
        elif stack is not None:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))


def short(frame):
    parts = frame.split(".")
    return ".".join(parts[-2:])


def step_of(stack):
    """stack[0] is the innermost frame. The step is the frame just inside the outermost Scanner frame."""
    idx = [i for i, f in enumerate(stack) if f.startswith("dev.hush.detect.Scanner.")]
    if not idx:
        return None
    outer_run = [i for i in idx if stack[i] == "dev.hush.detect.Scanner.run"]
    i = min(outer_run) if outer_run else min(idx)
    if i == 0:
        return short(stack[0])
    callee = stack[i - 1]
    # a detector's detect method: charge to its class
    cls = callee.rsplit(".", 1)[0]
    return cls.replace("dev.hush.detect.", "")


def print_shares(steps, hot, total, top):
    """Each step's share of the samples, then its hottest methods."""
    for s, n in steps.most_common():
        print(f"{100.0 * n / total:5.1f}%  {s}")
        for m, k in hot[s].most_common(top):
            print(f"         {100.0 * k / total:5.1f}%  {m}")


def tally(path, step):
    """Samples counted by step (None: left out) and, per step, by top frame; returns (steps, hot, counted, total)."""
    steps = collections.Counter()
    hot = collections.defaultdict(collections.Counter)
    total = 0
    for st in samples(path):
        total += 1
        s = step(st)
        if s is not None:
            steps[s] += 1
            hot[s][short(st[0])] += 1
    return steps, hot, sum(steps.values()), total


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    steps, hot, inside, total = tally(path, step_of)
    print(f"{total} samples, {inside} under Scanner, {total - inside} elsewhere (JMH, JIT, GC)")
    print_shares(steps, hot, inside, top)


if __name__ == "__main__":
    main()
