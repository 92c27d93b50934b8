#!/usr/bin/python3
"""Writes a HIGGS-shaped CSV: a 0/1 `label` column then 28 numeric features with 6 decimals (about 134 MB for 500,000 rows).

The features are Gaussian (the first 21 centred on 0, the last 7 positive like HIGGS's derived masses); the label depends
on a few of them plus noise, so a network can learn something. Seeded: the same arguments give the same bytes.

Usage: scripts/make_higgs_like.py OUT.csv [--rows 500000] [--seed 1]
Standard library only.
"""
import argparse
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    gauss = rng.gauss
    header = "label," + ",".join(f"f{i}" for i in range(1, 29)) + "\n"
    with open(args.out, "w", encoding="ascii", newline="\n") as f:
        f.write(header)
        lines = []
        for _ in range(args.rows):
            x = [gauss(0.0, 1.0) for _ in range(21)] + [abs(gauss(1.0, 0.5)) for _ in range(7)]
            score = x[0] - 0.5 * x[3] + 0.8 * x[21] * x[22] - 0.8 + gauss(0.0, 1.0)
            lines.append(("1" if score > 0 else "0") + "," + ",".join(f"{v:.6f}" for v in x) + "\n")
            if len(lines) == 10_000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))


if __name__ == "__main__":
    main()
