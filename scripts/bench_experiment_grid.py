#!/usr/bin/python3
"""Wall time of the small-run experiment grid (issue 15): 3 activations x 3 learning rates x 10 seeds x 100 epochs,
on data/wine.csv and data/digits.csv, as `neuralnet experiment` and, when torch imports, as the same runs in a
PyTorch loop on one thread.

neuralnet runs the grid with its defaults otherwise (64-32 hidden, Adam, batch 32, a stratified 80/20 split, the
validation metric and dead neurons measured every epoch) on --threads 2 (wall) and --threads 1 (per core). The
fixed cost of a process (start-up, JIT, reading the CSV) is measured by the same command with --epochs 0 and
reported beside the totals. Each round runs every measurement once, back to back, so the ratios of one round are
taken under the same load; the summary is the median over rounds.

The PyTorch loop does what a run of the grid does: standardize on the training split, shuffle each epoch, Adam,
then per epoch the validation loss and accuracy and a dead-unit pass (one forward pass over the training rows).
Without torch (this machine: no python3-torch in apt, PyPI unreachable) it says so and reports only neuralnet.

Usage: scripts/bench_experiment_grid.py [--datasets wine digits] [--rounds 3] [--epochs 100] [--seeds 10]
                                        [--neuralnet PATH] [--threads 2]
Needs the published tool (scripts/publish_tool.sh); standard library only (numpy/torch optional).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

from machine import cpu_model

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATASETS = {"wine": ("data/wine.csv", "cultivar"), "digits": ("data/digits.csv", "digit")}
LRS = ["0.001", "0.003", "0.01"]


def neuralnet_command(path):
    if path.endswith(".dll"):
        return ["dotnet", path]
    return [path]


def time_neuralnet(cmd, data, target, epochs, seeds, threads):
    args = cmd + ["experiment", os.path.join(ROOT, data), "--target", target, "--lr", ",".join(LRS),
                  "--seeds", str(seeds), "--epochs", str(epochs), "--threads", str(threads)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"neuralnet failed ({done.returncode}): {' '.join(args)}\n{done.stderr}")
    # CPU seconds too: on a shared machine the wall time says more about the neighbours than about us.
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def torch_grid(data, target, epochs, seeds):
    """The same runs as a PyTorch loop on one thread; returns the wall time, or None when torch does not import."""
    try:
        import numpy as np
        import torch
    except Exception as e:  # ImportError, or a broken install
        return None, f"{type(e).__name__}: {e}"
    torch.set_num_threads(1)
    import csv
    with open(os.path.join(ROOT, data), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    t = header.index(target)
    classes = sorted({r[t] for r in body})
    y_all = np.array([classes.index(r[t]) for r in body])
    x_all = np.array([[float(v) for i, v in enumerate(r) if i != t] for r in body], dtype=np.float32)
    # Stratified 80/20 split from seed 1, as the grid's one split.
    rng = np.random.default_rng(1)
    val = np.concatenate([rng.permutation(np.flatnonzero(y_all == c))[:round(0.2 * np.sum(y_all == c))] for c in range(len(classes))])
    train = np.setdiff1d(np.arange(len(body)), val)
    mean, std = x_all[train].mean(0), x_all[train].std(0)
    std[std == 0] = 1
    x = torch.from_numpy((x_all - mean) / std)
    xt, yt, xv, yv = x[train], torch.from_numpy(y_all[train]), x[val], torch.from_numpy(y_all[val])
    acts = {"relu": lambda: torch.nn.ReLU(), "leaky-relu": lambda: torch.nn.LeakyReLU(0.01), "prelu": lambda: torch.nn.PReLU(init=0.25)}
    loss_fn = torch.nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    for name, act in acts.items():
        for lr in LRS:
            for seed in range(1, seeds + 1):
                torch.manual_seed(seed)
                l1, l2, l3 = torch.nn.Linear(x.shape[1], 64), torch.nn.Linear(64, 32), torch.nn.Linear(32, len(classes))
                a1, a2 = act(), act()
                model = torch.nn.Sequential(l1, a1, l2, a2, l3)
                opt = torch.optim.Adam(model.parameters(), lr=float(lr))
                for _ in range(epochs):
                    perm = torch.randperm(len(train))
                    for i in range(0, len(train), 32):
                        idx = perm[i:i + 32]
                        opt.zero_grad()
                        loss_fn(model(xt[idx]), yt[idx]).backward()
                        opt.step()
                    with torch.no_grad():
                        out = model(xv)
                        loss_fn(out, yv).item()
                        (out.argmax(1) == yv).float().mean().item()
                        h1 = l1(xt)
                        h2 = l2(a1(h1))
                        int((h1 > 0).any(0).logical_not().sum()) + int((h2 > 0).any(0).logical_not().sum())
    return time.perf_counter() - t0, f"torch {torch.__version__}, 1 thread"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--datasets", nargs="+", default=["wine", "digits"], choices=sorted(DATASETS))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--neuralnet", default=os.path.join(ROOT, "artifacts/publish/neuralnet.dll"))
    a = p.parse_args()
    if not os.path.exists(a.neuralnet):
        sys.exit(f"missing {a.neuralnet}: run scripts/publish_tool.sh")
    cmd = neuralnet_command(a.neuralnet)
    runs = 3 * len(LRS) * a.seeds
    print(f"CPU: {cpu_model()}, {os.cpu_count()} logical cores; grid: 3 activations x {len(LRS)} lrs x {a.seeds} seeds = {runs} runs x {a.epochs} epochs")
    for name in a.datasets:
        data, target = DATASETS[name]
        results = {"wall": [], "one": [], "fixed": [], "torch": [], "cpu_one": [], "cpu_fixed": []}
        torch_note = ""
        for _ in range(a.rounds):
            wall, cpu = time_neuralnet(cmd, data, target, 0, a.seeds, 1)
            results["fixed"].append(wall)
            results["cpu_fixed"].append(cpu)
            results["wall"].append(time_neuralnet(cmd, data, target, a.epochs, a.seeds, a.threads)[0])
            wall, cpu = time_neuralnet(cmd, data, target, a.epochs, a.seeds, 1)
            results["one"].append(wall)
            results["cpu_one"].append(cpu)
            wall, torch_note = torch_grid(data, target, a.epochs, a.seeds)
            if wall is not None:
                results["torch"].append(wall)
        med = {k: statistics.median(v) for k, v in results.items() if v}
        epochs_total = runs * a.epochs
        print(f"{name}: neuralnet {a.threads} threads {med['wall']:.2f} s wall, 1 thread {med['one']:.2f} s; "
              f"fixed cost (--epochs 0, 1 thread) {med['fixed']:.2f} s")
        train_one = med["one"] - med["fixed"]
        print(f"{name}: per run {1000 * med['one'] / runs:.1f} ms on one core; per epoch {1e6 * train_one / epochs_total:.0f} us "
              f"on one core without the fixed cost ({1e6 * (med['wall'] - med['fixed']) / epochs_total:.0f} us wall on {a.threads} threads)")
        print(f"{name}: CPU time on 1 thread {med['cpu_one']:.2f} s (fixed {med['cpu_fixed']:.2f} s): "
              f"{1e6 * (med['cpu_one'] - med['cpu_fixed']) / epochs_total:.0f} us CPU per epoch; load average {os.getloadavg()[0]:.1f}")
        if "torch" in med:
            print(f"{name}: PyTorch loop {med['torch']:.2f} s ({torch_note}); wall ratio {med['torch'] / med['wall']:.1f}x, "
                  f"per core {med['torch'] / med['one']:.1f}x")
        else:
            print(f"{name}: PyTorch not measured: torch does not import here ({torch_note})")


if __name__ == "__main__":
    main()
