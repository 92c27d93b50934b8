#!/usr/bin/python3
"""Times the CSV data path side by side, in one run: `neuralnet train F --target label --epochs 0` (read + encode only),
`predict` and `evaluate` on F, against `pandas.read_csv(F)`, each under /usr/bin/time -v for wall time and peak RSS.

Usage: scripts/bench_data_path.py [F] [--rounds 3] [--baseline DIR]
  F defaults to /tmp/higgs-like.csv, written by scripts/make_higgs_like.py when missing (500,000 rows, ~134 MB).
  --baseline DIR: also time the build in DIR (a copy of an older artifacts/publish or bin/Release/net10.0), interleaved with this one (A/B).
Needs: the published tool (scripts/publish_tool.sh), /usr/bin/time, Debian's python3-pandas.
The machine is shared: each round runs every tool back to back, and the summary is the median per tool. CPU time
(user + system) is shown beside wall time: it moves much less with the load of other processes.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLI = os.path.join(ROOT, "artifacts", "publish", "neuralnet.dll")


def timed(cmd):
    """(wall seconds, peak RSS MB, exit code, CPU seconds) of cmd under /usr/bin/time -v."""
    run = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) / 1024
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", run.stderr).group(1)) for kind in ("User", "System"))
    if run.returncode != 0:
        print(f"  {' '.join(cmd[:3])}... exit {run.returncode}: {run.stderr.strip().splitlines()[0]}", file=sys.stderr)
    return seconds, rss, run.returncode, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="/tmp/higgs-like.csv")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="a copy of an older build's artifacts/publish or bin/Release/net10.0, timed interleaved with this one")
    args = parser.parse_args()
    if not os.path.exists(args.file):
        subprocess.run([sys.executable, os.path.join(HERE, "make_higgs_like.py"), args.file], check=True)
    if not os.path.exists(CLI):
        sys.exit(f"missing {CLI}: run scripts/publish_tool.sh")
    work = tempfile.mkdtemp(prefix="bench-data-")
    model = os.path.join(work, "model.json")
    # A small model to predict and evaluate with (trained once, not timed).
    subprocess.run(["dotnet", CLI, "train", args.file, "--target", "label", "--epochs", "1", "--hidden", "16", "--out", model, "--quiet"], check=True)
    tools = {
        "neuralnet train --epochs 0": ["dotnet", CLI, "train", args.file, "--target", "label", "--epochs", "0", "--out", os.path.join(work, "m0.json"), "--quiet"],
        "pandas.read_csv": [sys.executable, "-c", f"import pandas; pandas.read_csv({args.file!r})"],
        "neuralnet predict": ["dotnet", CLI, "predict", model, args.file, "--out", os.path.join(work, "p.csv")],
        "neuralnet evaluate": ["dotnet", CLI, "evaluate", model, args.file, "--quiet"],
    }
    if args.baseline:
        base = os.path.join(args.baseline, "neuralnet.dll")
        tools["baseline train --epochs 0"] = ["dotnet", base, "train", args.file, "--target", "label", "--epochs", "0", "--out", os.path.join(work, "b0.json"), "--quiet"]
        tools["baseline predict"] = ["dotnet", base, "predict", model, args.file, "--out", os.path.join(work, "bp.csv")]
        tools["baseline evaluate"] = ["dotnet", base, "evaluate", model, args.file, "--quiet"]
    results = {name: [] for name in tools}
    for r in range(args.rounds):
        for name, cmd in tools.items():
            results[name].append(timed(cmd))
            wall, rss, _, cpu = results[name][-1]
            print(f"round {r + 1} {name:28} {wall:6.2f} s {cpu:6.2f} s CPU {rss:7.0f} MB", flush=True)
    print(f"\nfile {args.file} ({os.path.getsize(args.file) / 1e6:.0f} MB), median of {args.rounds} rounds")
    for name, runs in results.items():
        print(f"{name:28} {statistics.median(x[0] for x in runs):6.2f} s  CPU {statistics.median(x[3] for x in runs):6.2f} s  peak RSS {statistics.median(x[1] for x in runs):6.0f} MB")
    ratio = statistics.median(x[0] for x in results["pandas.read_csv"]) / statistics.median(x[0] for x in results["neuralnet train --epochs 0"])
    print(f"pandas.read_csv / neuralnet train --epochs 0 = {ratio:.2f}x")


if __name__ == "__main__":
    main()
