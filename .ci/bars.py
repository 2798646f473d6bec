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
    if failures:
        print("bars failed: " + ", ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
