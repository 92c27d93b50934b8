#!/usr/bin/env python3
"""Independent Monte-Carlo of the born-dead probability under RAI (Lu, Shin, Su & Karniadakis 2020).

The definition simulated, written from the paper and not from the tool's code: for each unit of a layer with fan_in
inputs, one of the fan_in + 1 slots (weights and bias) is drawn from Beta(2, 1), the others from N(0, sigma^2) with
sigma = 0.6007 / sqrt(fan_in). The inputs are 500 rows uniform in [-1, 1]^width, standardized per column (as the
tool's encoder does). Depth counts the affine layers (depth L: L - 1 hidden ReLU layers of the given width). A network
is born dead when some hidden layer has every unit at z <= 0 on every row.

Usage: rai_born_dead_mc.py [--nets N] [--seed S] [--tool-csv-dir DIR]
With --tool-csv-dir, reads the tool's `experiment --out-csv` files wW_dD.csv (column born_dead_network) and prints
both shares with 95% Wilson intervals and the two-proportion z-score of their difference. Needs numpy.
"""
import argparse
import csv
import math
import os

import numpy as np

WIDTHS, DEPTHS, ROWS, SIGMA_SQRT_N = (2, 3, 4, 5, 10), (2, 5, 10, 20, 30, 50), 500, 0.6007


def born_dead_share(width, depth, nets, rng):
    x = rng.uniform(-1, 1, size=(nets, ROWS, width))
    x = (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, keepdims=True)
    dead_net = np.zeros(nets, dtype=bool)
    h = x
    for _ in range(depth - 1):
        fan_in = h.shape[2]
        v = rng.normal(0, SIGMA_SQRT_N / math.sqrt(fan_in), size=(nets, fan_in + 1, width))  # rows: w_1..w_N, b
        slot = rng.integers(0, fan_in + 1, size=(nets, width))
        beta = np.maximum(rng.random((nets, width)), rng.random((nets, width)))  # Beta(2, 1)
        n_idx, u_idx = np.meshgrid(np.arange(nets), np.arange(width), indexing="ij")
        v[n_idx, slot, u_idx] = beta
        z = np.einsum("nri,niu->nru", h, v[:, :fan_in, :]) + v[:, fan_in:, :]
        unit_dead = (z <= 0).all(axis=1)
        dead_net |= unit_dead.all(axis=1)
        h = np.maximum(z, 0)
    return dead_net.mean()


def wilson(p, n, z=1.96):
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def tool_share(directory, width, depth):
    path = os.path.join(directory, f"w{width}_d{depth}.csv")
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["init"] == "rai"]
    return sum(r["born_dead_network"] == "true" for r in rows) / len(rows), len(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nets", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--tool-csv-dir")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    print("| width | depth | Monte-Carlo (95% CI) | tool (95% CI) | z |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for w in WIDTHS:
        for d in DEPTHS:
            p = born_dead_share(w, d, args.nets, rng)
            lo, hi = wilson(p, args.nets)
            cells = [str(w), str(d), f"{p:.3f} ({lo:.3f}–{hi:.3f})"]
            if args.tool_csv_dir:
                q, n = tool_share(args.tool_csv_dir, w, d)
                qlo, qhi = wilson(q, n)
                pooled = (p * args.nets + q * n) / (args.nets + n)
                se = math.sqrt(pooled * (1 - pooled) * (1 / args.nets + 1 / n))
                zscore = 0.0 if se == 0 else (q - p) / se
                worst = max(worst, abs(zscore))
                cells += [f"{q:.3f} ({qlo:.3f}–{qhi:.3f})", f"{zscore:+.2f}"]
            else:
                cells += ["", ""]
            print("| " + " | ".join(cells) + " |")
    if args.tool_csv_dir:
        print(f"\nlargest |z| over the {len(WIDTHS) * len(DEPTHS)} cells: {worst:.2f}")


if __name__ == "__main__":
    main()
