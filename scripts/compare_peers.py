#!/usr/bin/python3
"""Side-by-side training throughput: `neuralnet bench` against the PyTorch peer in ../shared/bench, interleaved.

The machine is shared and its speed drifts by tens of percent within minutes, so one run of each tool minutes apart
says little. This runs ROUNDS rounds; each round runs, back to back, neuralnet and the PyTorch peer on 1 thread,
2 threads and 2 threads with OMP_WAIT_POLICY=PASSIVE, for one configuration and optimizer. Per round, the ratio is
neuralnet over the best PyTorch run of that round; the summary is the median ratio and each tool's median.
Each round also shows the CPU time the host stole from this guest while neuralnet ran and while the peers ran
(/proc/stat "steal"): rounds with very different steal are not comparable.
It prints the CPU's model name first; every neuralnet run is `bench --peak`, which measures the FMA peak of this
machine in the same process (register-only loop, 1 thread and all cores) and prints it, so the %peak column is the
median share of the peak measured in the same round.

This environment may set OPENBLAS_CORETYPE=Haswell and OPENBLAS_L2_SIZE (older OpenBLAS builds fail on some CPUs), which
keeps PyTorch's OpenBLAS on its AVX2 kernels. By default the peers run under the environment as it is; with
--openblas-own-kernels both are unset for the peers' processes, so OpenBLAS picks its kernels for this CPU (AVX-512
where it has them). The header says which.

Usage: scripts/compare_peers.py [S M L] [--opt sgd adam] [--rounds 5] [--peers ../shared/bench] [--neuralnet PATH]
                                [--openblas-own-kernels]
Needs: Debian's python3-torch (with libopenblas0-pthread, or torch runs on reference BLAS) and a Release build:
    scripts/publish_tool.sh
Standard library only; run with /usr/bin/python3 (Debian's interpreter, where python3-torch lives).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

from machine import cpu_model, openblas_own_kernels

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LINE = re.compile(r"^(\w+) (\S+) samples_per_s=(\d+)")
PEAK_PCT = re.compile(r"peak_pct=([0-9.]+|NaN)")


def cpu_times():
    """(steal, total) jiffies of all CPUs, from /proc/stat; (0, 0) where there is none."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    steal = fields[7] if len(fields) > 7 else 0
    return steal, sum(fields[:8])


class Steal:
    """Share of CPU time stolen by the host across the runs timed with it."""

    def __init__(self):
        self.steal = self.total = 0

    def run(self, cmd, env=None):
        s0, t0 = cpu_times()
        result = samples_per_second(cmd, env)
        s1, t1 = cpu_times()
        self.steal += s1 - s0
        self.total += t1 - t0
        return result

    def percent(self):
        return 100.0 * self.steal / self.total if self.total else 0.0


def samples_per_second(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    for line in out.splitlines():
        if line.startswith("peak "):
            print(f"  {line}", flush=True)
        m = LINE.match(line)
        if m:
            return float(m.group(3)), line
    raise RuntimeError(f"no result line from: {' '.join(cmd)}\n{out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="*", default=["S", "M", "L"])
    ap.add_argument("--opt", nargs="*", default=["sgd", "adam"], choices=["sgd", "adam"])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--neuralnet", default=os.path.join(ROOT, "artifacts", "publish", "neuralnet"))
    ap.add_argument("--openblas-own-kernels", action="store_true",
                    help="unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for the peers, so OpenBLAS picks its kernels itself")
    a = ap.parse_args()
    if not os.path.exists(a.neuralnet):
        sys.exit(f"compare_peers: {a.neuralnet} not found; publish it first: scripts/publish_tool.sh")
    peer = os.path.join(a.peers, "pytorch_mlp.py")
    peer_env = openblas_own_kernels(os.environ) if a.openblas_own_kernels else dict(os.environ)
    passive = dict(peer_env, OMP_WAIT_POLICY="PASSIVE")
    print(f"cpu: {cpu_model()}, {os.cpu_count()} logical CPUs")
    print(f"peers' OpenBLAS: OPENBLAS_CORETYPE={peer_env.get('OPENBLAS_CORETYPE', '(unset: its own choice)')}")
    print("config opt  neuralnet  pytorch(best)  ratio   %peak  [per round: ours / best peer (% stolen: ours/peers)]")
    for config in a.configs:
        for opt in a.opt:
            ours, best, ratios, notes, shares = [], [], [], [], []
            for _ in range(a.rounds):
                ours_steal, peer_steal = Steal(), Steal()
                # --peak measures the FMA peak in the same process, just before the run it is compared with.
                n, line = ours_steal.run([a.neuralnet, "bench", config, "--optimizer", opt, "--peak"])
                share = PEAK_PCT.search(line)
                if share and share.group(1) != "NaN":
                    shares.append(float(share.group(1)))
                runs = [peer_steal.run(["/usr/bin/python3", peer, config, "--opt", opt, "--threads", t], env)[0]
                        for t, env in (("1", peer_env), ("2", peer_env), ("2", passive))]
                ours.append(n)
                best.append(max(runs))
                ratios.append(n / max(runs))
                notes.append(f"{n / max(runs):.2f} ({ours_steal.percent():.0f}/{peer_steal.percent():.0f})")
            rounds = " ".join(notes)
            pct = f"{statistics.median(shares):.0f}%" if shares else "-"
            print(f"{config:6} {opt:4} {statistics.median(ours):10.0f} {statistics.median(best):14.0f} "
                  f"{statistics.median(ratios):6.2f}x  {pct:>5}  [{rounds}]", flush=True)


if __name__ == "__main__":
    main()
