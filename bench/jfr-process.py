#!/usr/bin/env python3
"""Where a whole `hush scan --format jsonl` process spends its Java samples (docs/benchmarks.md, "Whole process").

Record with
  java -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=scan.jfr,settings=profile \
       -jar target/hush.jar scan --format jsonl INPUT >/dev/null
then run bench/jfr-process.py scan.jfr [TOP]. Each sample goes to one stage: building the scanner (per plugin:
the frame ScannerFactory.build called), the scanner's own steps (as bench/jfr-scanner.py charges them), reading
and parsing the JSON lines, writing the results, other. JIT compiler and GC threads are not Java samples:
bench's ScanProcessProbe gives their CPU time.
"""
import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location("jfr_scanner", os.path.join(os.path.dirname(__file__), "jfr-scanner.py"))
jfr_scanner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(jfr_scanner)


def stage_of(stack):
    """stack[0] is the innermost frame."""
    for f in stack:
        # a plug-in built on a ScannerFactory thread (build, buildStaged): its create frame names it
        if f.startswith("dev.hush.") and f.endswith("Plugin.create"):
            return "start-up: " + f.rsplit(".", 2)[-2]
    for i, f in enumerate(stack):
        if f == "dev.hush.config.ScannerFactory.build":
            inner = stack[i - 1] if i > 0 else f
            return "start-up: " + inner.rsplit(".", 2)[-2] if "Plugin" in inner else "start-up: other"
    step = jfr_scanner.step_of(stack)
    if step is not None:
        return "scan: " + step
    if any(f.startswith("dev.hush.cli.JsonlScan.") for f in stack):
        if any(f.startswith("com.fasterxml.jackson.core.json.UTF8JsonGenerator") or "JsonGenerator" in f for f in stack):
            return "JSON out (result lines)"
        if any(f.startswith("com.fasterxml.jackson.") for f in stack):
            return "JSON in (records)"
        if any(f.startswith("java.io.BufferedReader") or f.startswith("sun.nio.cs.") for f in stack):
            return "reading lines (UTF-8 decode)"
        return "JsonlScan other"
    if any(f.startswith("dev.hush.cli.") or f.startswith("picocli.") for f in stack):
        return "command line, config"
    return "other (JVM, class loading outside hush)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    stages, hot, _, total = jfr_scanner.tally(path, stage_of)
    print(f"{total} Java samples")
    jfr_scanner.print_shares(stages, hot, total, top)


if __name__ == "__main__":
    main()
