#!/usr/bin/env python3
"""Profiles as tables, to set a Python run beside ner's --profile (libner/train/run_profile.h).

  from profile_table import profiled     # with profiled("hf.tsv"): ...  (None: no profiling)
  profile_table.py summary FILE...       # each table's GPU busy share and its top kernels

profiled(PATH) runs its block under torch.profiler and writes the table ner's tools write: one row
per (device, name), most time first, columns device, name, calls, total_ms, mean_us, share_of_run
(the share of the block's wall time; CPU operators include what they call, so their rows overlap).
"""
import contextlib
import json
import os
import sys
import tempfile
import time
from collections import defaultdict

HEADER = "device\tname\tcalls\ttotal_ms\tmean_us\tshare_of_run\n"


def write_table(path, events, run_us):
    """events: (device, name, microseconds) triples."""
    rows = defaultdict(lambda: [0, 0.0])
    for device, name, us in events:
        row = rows[(device, name.replace("\t", " ").replace("\n", " "))]
        row[0] += 1
        row[1] += us
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(HEADER)
        for (device, name), (calls, us) in sorted(rows.items(), key=lambda kv: -kv[1][1]):
            f.write(f"{device}\t{name}\t{calls}\t{us / 1000:.3f}\t{us / calls:.1f}\t{100 * us / run_us if run_us else 0:.2f}%\n")
    os.replace(path + ".tmp", path)


@contextlib.contextmanager
def profiled(path):
    if not path:
        yield
        return
    import torch
    activities = [torch.profiler.ProfilerActivity.CPU]
    if torch.cuda.is_available():
        activities.append(torch.profiler.ProfilerActivity.CUDA)
    with torch.profiler.profile(activities=activities) as prof:
        start = time.perf_counter()
        yield
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        run_us = (time.perf_counter() - start) * 1e6
    # The Chrome trace is the stable way to the raw events across torch versions.
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "trace.json")
        prof.export_chrome_trace(trace)
        with open(trace, encoding="utf-8") as f:
            raw = json.load(f)
    events = []
    # Kineto's trace is an object; a torch without Kineto writes a bare list of CPU operators.
    for e in raw.get("traceEvents", []) if isinstance(raw, dict) else raw:
        cat = e.get("cat", "cpu_op")
        if e.get("ph") != "X" or "dur" not in e:
            continue
        if cat == "cpu_op":
            events.append(("cpu", e["name"], float(e["dur"])))
        elif cat == "kernel":
            events.append(("cuda", e["name"], float(e["dur"])))
    write_table(path, events, run_us)


def summary(path, top=12):
    """The GPU's busy share (its kernels' shares added) and the top kernels, else CPU operators."""
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    gpu = [r for r in rows if r[0] != "cpu"]
    print(f"{path}: {len(rows)} rows")
    if gpu:
        busy = sum(float(r[5].rstrip("%")) for r in gpu)
        print(f"  GPU kernels: {sum(int(r[2]) for r in gpu)} launches, busy {busy:.1f}% of the run")
    for r in (gpu or rows)[:top]:
        print(f"  {r[5]:>7} {float(r[3]):10.1f} ms {int(r[2]):7d}x  {r[0]} {r[1][:110]}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "summary":
        sys.exit(__doc__)
    for p in sys.argv[2:]:
        summary(p)
