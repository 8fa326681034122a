#!/usr/bin/env python3
"""Per-input phone and libphonenumber shares of a ScannerProfileLoop recording (docs/benchmarks.md, eighth round).

The loop scans each input for SECONDS of wall time in turn, so samples under Scanner are split into windows of
SECONDS from the first one; in each, the share charged to the phone detector (bench/jfr-scanner.py's steps) and
the part of it with a com.google.i18n frame.
Usage: bench/jfr-phone-share.py FILE.jfr INPUT1,INPUT2,... SECONDS
"""
import sys, re, subprocess, importlib.util, datetime
spec = importlib.util.spec_from_file_location("js", __import__("os").path.join(__import__("os").path.dirname(__file__), "jfr-scanner.py")); js = importlib.util.module_from_spec(spec); spec.loader.exec_module(js)
path, names, secs = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3])
out = subprocess.run(["jfr","print","--events","jdk.ExecutionSample","--stack-depth","512",path],capture_output=True,text=True,check=True).stdout
recs=[]; t=None; stack=None
for line in out.splitlines():
    s=line.strip()
    m=re.match(r"startTime = (\d\d):(\d\d):(\d\d)\.(\d+)", s)
    if m: t=int(m.group(1))*3600+int(m.group(2))*60+int(m.group(3))+float("0."+m.group(4))
    elif s=="stackTrace = [": stack=[]
    elif stack is not None and s=="]": recs.append((t,stack)); stack=None
    elif stack is not None:
        mm=js.FRAME.match(line)
        if mm: stack.append(mm.group(1))
recs=[(t,st) for t,st in recs if js.step_of(st) is not None]
recs.sort(key=lambda r:r[0]); t0=recs[0][0]
for i,n in enumerate(names):
    w=[st for t,st in recs if i*secs <= t-t0 < (i+1)*secs] if i<len(names)-1 else [st for t,st in recs if t-t0 >= i*secs]
    ph=[st for st in w if js.step_of(st)=="pii.PhoneDetector"]
    lib=[st for st in ph if any(f.startswith("com.google.i18n") for f in st)]
    print(f"{n}: {len(w)} samples, phone {100.0*len(ph)/max(1,len(w)):.1f}% (libphonenumber {100.0*len(lib)/max(1,len(w)):.1f}%)")
