#!/usr/bin/python3
"""How far a training step can climb toward this machine's FMA peak: our products alone against OpenBLAS's, one run.

A training step cannot run faster than its matrix products. `neuralnet bench CFG --gemm --peak` measures the FMA peak
(register-only loop) in its process, trains (the step's share of that peak, peak_pct), then times each product of a
step alone on its own warm operands and sums them: "step products alone", the share a step could reach if everything
else in it (gather, loss, passes, update, hand-offs) took no time. This script runs that, and right after it, in the
same round, the same products in OpenBLAS (Debian's libopenblas0-pthread, through numpy) on as many threads, plus a
2048 x 2048 x 2048 product, the large square shape where a mature BLAS is at its best. OpenBLAS runs with the kernels
it picks for this CPU (the environment's OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which may pin it to AVX2, are unset
for that process alone) and the script prints which. Every share is of the peak measured in the same round; the CPU's
model name comes first.

Usage: scripts/gemm_ceiling.py [M L] [--rounds 3] [--threads 2] [--neuralnet PATH]
Needs: a published tool (scripts/publish_tool.sh) and Debian's python3-numpy with libopenblas0-pthread (both come with
python3-torch, which compare_peers.py needs anyway). Run with /usr/bin/python3.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

from machine import cpu_model, openblas_own_kernels

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEAK = re.compile(r"^peak fma isa=\S+ (.*)$")
TRAIN = re.compile(r"^(\w+) neuralnet samples_per_s=\S+ .*peak_pct=([0-9.]+|NaN)$")
PRODUCT = re.compile(r"^  gemm (\w+) layer(\d+) .* (AB|AtB|ABt|GradientPair) (\d+)x(\d+)x(\d+): ([0-9.]+) GFLOP/s")
ALONE = re.compile(r"^  gemm (\w+) step products alone: ([0-9.]+) us per step, ([0-9.]+) GFLOP/s")

# Runs in a child process so that OPENBLAS_NUM_THREADS is read before OpenBLAS starts. Shapes as (product, m, n, k),
# column-major semantics as in `bench --gemm`: AB = a·b, AtB = aᵀ·b, ABt = a·bᵀ. Prints GFLOP/s per shape as JSON.
OPENBLAS_PROBE = r"""
import json, sys, time
import numpy as np
shapes = json.loads(sys.argv[1])
rng = np.random.default_rng(1)
def gflops(product, m, n, k):
    a = rng.standard_normal((k, m), dtype=np.float32).T if product == "AtB" else rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((n, k), dtype=np.float32).T if product == "ABt" else rng.standard_normal((k, n), dtype=np.float32)
    c = np.empty((m, n), dtype=np.float32)
    for _ in range(3): np.dot(a, b, out=c)
    rates = []
    for _ in range(5):
        calls, t0 = 0, time.perf_counter()
        while True:
            np.dot(a, b, out=c); calls += 1
            if time.perf_counter() - t0 >= 0.2: break
        rates.append(2.0 * m * n * k * calls / (time.perf_counter() - t0) / 1e9)
    return sorted(rates)[len(rates) // 2]
print(json.dumps([gflops(*s) for s in shapes]))
"""


def ours(tool, config, threads):
    """Peak on `threads`, the training's peak_pct, each product (layer, product, m, n, k, GFLOP/s), and the step's products alone."""
    out = subprocess.run([tool, "bench", config, "--gemm", "--peak", "--threads", str(threads)],
                         capture_output=True, text=True, check=True).stdout
    peak, train, products, alone = None, None, [], None
    for line in out.splitlines():
        if m := PEAK.match(line):
            values = dict(kv.split("=") for kv in m.group(1).split())
            peak = float(values.get(f"threads{threads}_gflops") or max(float(v) for v in values.values()))
        elif m := TRAIN.match(line):
            train = float(m.group(2))
        elif m := PRODUCT.match(line):
            products.append((int(m.group(2)), m.group(3), int(m.group(4)), int(m.group(5)), int(m.group(6)), float(m.group(7))))
        elif m := ALONE.match(line):
            alone = float(m.group(3))
    if peak is None or alone is None or not products:
        raise RuntimeError(f"unexpected output of neuralnet bench {config}:\n{out}")
    return peak, train, products, alone


def openblas_env(threads):
    """OpenBLAS on `threads` threads with the kernels it picks for this CPU itself. This environment may set
    OPENBLAS_CORETYPE=Haswell and OPENBLAS_L2_SIZE (older OpenBLAS builds fail on some CPUs), which keeps OpenBLAS on
    its AVX2 kernels, at half the width of ours; both are unset here, for this child process alone."""
    return dict(openblas_own_kernels(os.environ), OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
                OPENBLAS_VERBOSE="2")


def openblas(shapes, threads):
    """GFLOP/s of each shape in OpenBLAS, and the kernel family OpenBLAS reports it chose ("Core: ...")."""
    run = subprocess.run(["/usr/bin/python3", "-c", OPENBLAS_PROBE, json.dumps(shapes)],
                         capture_output=True, text=True, env=openblas_env(threads), check=True)
    core = next((line.split(":", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("Core:")), "unknown")
    return json.loads(run.stdout), core


def step_rate(products, rates):
    """GFLOP/s of a step's products run one after another at `rates`: every product but the first layer's input
    gradient, each on its own (OpenBLAS has no call for the weight and input gradients together)."""
    flops = seconds = 0.0
    for (layer, product, m, n, k, _), rate in zip(products, rates):
        if layer == 0 and product == "ABt":
            continue
        flops += 2.0 * m * n * k
        seconds += 2.0 * m * n * k / (rate * 1e9)
    return flops / seconds / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="*", default=["M", "L"])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--neuralnet", default=os.path.join(ROOT, "artifacts", "publish", "neuralnet"))
    a = ap.parse_args()
    if not os.path.exists(a.neuralnet):
        sys.exit(f"gemm_ceiling: {a.neuralnet} not found; publish it first: scripts/publish_tool.sh")
    print(f"cpu: {cpu_model()}, {os.cpu_count()} logical CPUs; {a.threads} threads; shares of the {a.threads}-thread FMA peak")
    print("config round  peak GF/s  step (training)  products alone: neuralnet  OpenBLAS  | OpenBLAS 2048^3")
    for config in a.configs:
        summary = {"train": [], "ours": [], "blas": [], "square": []}
        last = None  # the last round's peak, our products and OpenBLAS's rate per (layer, product)
        for r in range(a.rounds):
            peak, train, measured, alone = ours(a.neuralnet, config, a.threads)
            # Our step runs a later layer's two gradients as one call (GradientPair, in `alone`); OpenBLAS has none.
            products = [p for p in measured if p[1] != "GradientPair"]
            shapes = [[p, m, n, k] for (_, p, m, n, k, _) in products] + [["AB", 2048, 2048, 2048]]
            rates, core = openblas(shapes, a.threads)
            blas_step, square = step_rate(products, rates[:-1]), rates[-1]
            row = {"train": train, "ours": 100 * alone / peak, "blas": 100 * blas_step / peak, "square": 100 * square / peak}
            for key, value in row.items():
                if value is not None:
                    summary[key].append(value)
            train_text = f"{train:.1f}%" if train is not None else "-"
            print(f"{config:6} {r + 1:5}  {peak:9.1f}  {train_text:>15}  {row['ours']:24.1f}%  {row['blas']:7.1f}%  | {row['square']:14.1f}%",
                  flush=True)
            last = (peak, measured, dict(zip(((p[0], p[1]) for p in products), rates)))
        med = {k: statistics.median(v) for k, v in summary.items() if v}
        print(f"{config:6} OpenBLAS kernels: {core}")
        print(f"{config:6} median {'':9}  {med.get('train', float('nan')):14.1f}%  {med['ours']:24.1f}%  {med['blas']:7.1f}%  | "
              f"{med['square']:14.1f}%")
        peak, measured, blas_rates = last
        for layer, product, m, n, k, ours_rate in measured:
            blas_rate = blas_rates.get((layer, product))
            blas_text = f"{100 * blas_rate / peak:5.1f}%" if blas_rate else "    -"
            used = "  (not in a step)" if (layer == 0 and product == "ABt") else ""
            if layer > 0 and product in ("AtB", "ABt"):
                used = "  (in a step: as the pair)"
            print(f"    last round, layer {layer} {product:12} {m}x{n}x{k}: neuralnet {100 * ours_rate / peak:5.1f}%, "
                  f"OpenBLAS {blas_text}{used}")


if __name__ == "__main__":
    main()
