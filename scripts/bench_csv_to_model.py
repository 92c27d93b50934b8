#!/usr/bin/python3
"""CSV file to trained model, side by side in one run: `neuralnet train` against pandas + PyTorch doing the same steps.

The steps (issue 11's target): read the CSV, standardize on the training rows, a stratified 80/20 split, a 28-300-300-1
ReLU network, Adam (lr 1e-3), batch 256, 2 epochs, and after every epoch (and at initialization) the validation loss
and accuracy and a dead-neuron count over the training rows. Each side is one process timed from its start under
/usr/bin/time -v (wall time and peak RSS), so start-up, imports and JIT count on both sides. PyTorch runs on 1 and
on 2 threads (the latter also with OMP_WAIT_POLICY=PASSIVE); the ratio is against the fastest. Each round runs every command back to back; the summary is
the median per command over rounds.

Usage: scripts/bench_csv_to_model.py [F] [--rounds 3] [--neuralnet PATH]
  F defaults to /tmp/higgs-like.csv, written by scripts/make_higgs_like.py when missing (500,000 rows, ~134 MB).
Needs: the published tool (scripts/publish_tool.sh), /usr/bin/time, Debian's python3-pandas and
python3-torch (with libopenblas0-pthread), run with /usr/bin/python3.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

from machine import cpu_model

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLI = os.path.join(ROOT, "artifacts", "publish", "neuralnet")

# The PyTorch side, run as its own process: `python3 -c TORCH F THREADS`.
TORCH = r"""
import sys
import numpy as np, pandas as pd, torch
path, threads = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(1)
df = pd.read_csv(path)
y = df.pop("label").to_numpy(np.float32)
x = df.to_numpy(np.float32)
rng = np.random.default_rng(1)
validation = np.concatenate([rng.permutation(np.flatnonzero(y == c))[: int(round(0.2 * np.sum(y == c)))] for c in (0, 1)])
train = np.setdiff1d(np.arange(len(y)), validation)
mean, std = x[train].mean(0), x[train].std(0)
std[std == 0] = 1
xt, yt = torch.from_numpy((x[train] - mean) / std), torch.from_numpy(y[train]).unsqueeze(1)
xv, yv = torch.from_numpy((x[validation] - mean) / std), torch.from_numpy(y[validation]).unsqueeze(1)
layers = [torch.nn.Linear(28, 300), torch.nn.ReLU(), torch.nn.Linear(300, 300), torch.nn.ReLU(), torch.nn.Linear(300, 1)]
model = torch.nn.Sequential(*layers)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.BCEWithLogitsLoss()

def dead():
    alive = [torch.zeros(300, dtype=torch.bool), torch.zeros(300, dtype=torch.bool)]
    with torch.no_grad():
        for start in range(0, len(xt), 4096):
            h = xt[start:start + 4096]
            for k, i in enumerate((0, 2)):
                z = layers[i](h)
                alive[k] |= (z > 0).any(0)
                h = torch.relu(z)
    return sum(int((~a).sum()) for a in alive)

counts = [dead()]
for epoch in range(2):
    order = torch.randperm(len(xt))
    for start in range(0, len(xt), 256):
        batch = order[start:start + 256]
        opt.zero_grad()
        loss = loss_fn(model(xt[batch]), yt[batch])
        loss.backward()
        opt.step()
    with torch.no_grad():
        logits = model(xv)
        val_loss = float(loss_fn(logits, yv))
        val_acc = float(((logits > 0).float() == yv).float().mean())
    counts.append(dead())
print(f"val_loss {val_loss:.4f} val_acc {val_acc:.4f} dead {counts}")
"""


def timed(cmd, env=None):
    """(wall seconds, peak RSS MB, last stdout line) of cmd under /usr/bin/time -v."""
    run = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    if run.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])}... exit {run.returncode}:\n{run.stderr[-2000:]}")
    h, m, s = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr).groups()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) / 1024
    lines = [line for line in run.stdout.strip().splitlines() if line.strip()]
    return int(h or 0) * 3600 + int(m) * 60 + float(s), rss, lines[-1] if lines else ""


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file", nargs="?", default="/tmp/higgs-like.csv")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--neuralnet", default=CLI)
    a = p.parse_args()
    if not os.path.exists(a.neuralnet):
        sys.exit(f"missing {a.neuralnet}: run scripts/publish_tool.sh")
    if not os.path.exists(a.file):
        subprocess.run([sys.executable, os.path.join(HERE, "make_higgs_like.py"), a.file], check=True)
    out = os.path.join(tempfile.mkdtemp(), "model.json")
    commands = {
        "neuralnet": [a.neuralnet, "train", a.file, "--target", "label", "--hidden", "300,300", "--activation", "relu",
                      "--optimizer", "adam", "--lr", "0.001", "--batch-size", "256", "--epochs", "2",
                      "--validation-split", "0.2", "--seed", "1", "--out", out, "--quiet"],
        "pytorch-1t": ["/usr/bin/python3", "-c", TORCH, a.file, "1"],
        "pytorch-2t": ["/usr/bin/python3", "-c", TORCH, a.file, "2"],
        "pytorch-2tp": ["/usr/bin/python3", "-c", TORCH, a.file, "2"],  # with OMP_WAIT_POLICY=PASSIVE (see timed)
    }
    print(f"cpu: {cpu_model()}, {os.cpu_count()} logical CPUs; file {a.file} ({os.path.getsize(a.file) / 1e6:.0f} MB)")
    results = {name: [] for name in commands}
    for r in range(a.rounds):
        for name, cmd in commands.items():
            # OpenMP's threads spin while they wait; on a shared 2-core machine the passive policy can be much faster.
            wall, rss, last = timed(cmd, dict(os.environ, OMP_WAIT_POLICY="PASSIVE") if name.endswith("tp") else None)
            results[name].append((wall, rss))
            print(f"round {r + 1} {name:11} {wall:6.2f} s {rss:6.0f} MB  {last}", flush=True)
    median = {name: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v)) for name, v in results.items()}
    best_torch = min(median[name][0] for name in median if name.startswith("pytorch"))
    for name, (wall, rss) in median.items():
        print(f"median {name:11} {wall:6.2f} s {rss:6.0f} MB")
    print(f"ratio pandas+PyTorch (best threads) / neuralnet: {best_torch / median['neuralnet'][0]:.2f}x")


if __name__ == "__main__":
    main()
