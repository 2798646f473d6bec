#!/usr/bin/env python3
"""Checks faultline against the accuracy bars of the issues, on the shared data.

Each bar runs a real measurement (the shared scorer, or `faultline eval`) and fails CI
when the figure is below the bar. Prints every figure it measured.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BARS_EXTRACT = [("html", 0.965), ("text", 0.88)]
# PLOVER gold: event-type F1, and source/target codes right on the events found.
BARS_PLOVER = {"f1": 0.70, "source": 0.80, "target": 0.80}


def extract_f1(shared, binary, mode):
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "out.md"
        cmd = [sys.executable, str(Path(shared) / "tools/extract_score.py"), "--tools", "none",
               "--input", mode, "--n-bootstrap", "0", "--md", str(md),
               "--jsonl-cmd", f"faultline={binary} extract --jsonl"]
        subprocess.run(cmd, check=True)
        rows = [line for line in md.read_text().splitlines() if line.startswith("| faultline")]
        header = [line for line in md.read_text().splitlines() if line.startswith("| tool")][0]
        cols = [c.strip() for c in header.strip("|").split("|")]
        cells = [c.strip() for c in rows[0].strip("|").split("|")]
        return float(re.match(r"[0-9.]+", cells[cols.index("F1")]).group(0))


def plover_scores(shared, binary, extra=()):
    gold = Path(shared) / "data/plover-gsr/PLOVER_GSR_CAMEO.json"
    out = subprocess.run([binary, "eval", "plover", str(gold), *extra], check=True,
                         capture_output=True, text=True).stdout
    overall = next(line for line in out.splitlines() if line.startswith("overall"))
    f1 = float(overall.split()[-1])
    m = re.search(r"source right on \d+/\d+ events found \(([0-9.]+)\); target right on \d+/\d+ \(([0-9.]+)\)", out)
    return {"f1": f1, "source": float(m.group(1)), "target": float(m.group(2))}, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    failures = []
    for mode, bar in BARS_EXTRACT:
        f1 = extract_f1(args.shared, args.bin, mode)
        ok = f1 >= bar
        print(f"extraction F1 on AEB --input {mode}: {f1:.3f} (bar {bar}) {'ok' if ok else 'FAIL'}")
        if not ok:
            failures.append(f"extract {mode}")
    scores, report = plover_scores(args.shared, args.bin)
    print(report)
    for key, bar in BARS_PLOVER.items():
        ok = scores[key] >= bar
        print(f"PLOVER gold {key}: {scores[key]:.3f} (bar {bar}) {'ok' if ok else 'FAIL'}")
        if not ok:
            failures.append(f"plover {key}")
    # Reported beside ours, not a bar: the Phoenix/PETRARCH-2 dictionaries.
    phoenix = str(Path(args.shared) / "dictionaries/phoenix")
    for label, extra in [("phoenix layered", ["--dictionaries", phoenix]),
                         ("phoenix alone", ["--dictionaries", phoenix, "--dictionaries-only"])]:
        other, _ = plover_scores(args.shared, args.bin, extra)
        print(f"PLOVER gold with {label}: F1 {other['f1']:.3f}, source {other['source']:.3f}, "
              f"target {other['target']:.3f} (for comparison)")
    if failures:
        print("bars failed: " + ", ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
