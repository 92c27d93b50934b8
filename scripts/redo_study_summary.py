#!/usr/bin/env python3
"""Dead and dormant shares at the end, and the death-cause verdicts, per setting of `neuralnet experiment --results`.

Usage: redo_study_summary.py [--activation NAME] RESULTS.jsonl [RESULTS.jsonl ...]

Reads the results files the tool writes (first line: the experiment's identity; then one run per line, each with
`result.finalDeadNeurons` and `result.deathCauses`) and prints one markdown table with a row per file and setting:
the number of runs, the mean share of hidden units dead and tau-dormant at the end (on the training rows, with the
weights held at the end), the mean number of units recycled, and the mean number of unit deaths per run by the tool's
verdict (docs/EXPERIMENTS.md, "Why a unit died"). A unit that dies, revives or is recycled, and dies again counts each
time. The last column counts loss jumps over all runs of the setting: epochs whose training loss is above 1 and more
than twice the previous epoch's, split into those right after an epoch that recycled units and the others.
--activation keeps the settings of one hidden activation. Standard library only.
"""
import argparse
import json

VERDICTS = [("BornDead", "born dead"), ("NegativeBias", "bias drifted negative"),
            ("LargeStep", "large step"), ("Unclear", "unclear")]


def label(spec):
    """The setting by what varies in these grids: the activation and the ReDo mode."""
    mode = spec.get("recycle", "Off")
    return spec["activation"] + ("" if mode == "Off" else " + ReDo " + mode.lower())


def mean(values):
    values = list(values)
    return sum(values) / len(values)


def share(run, key):
    layers = run["result"]["finalDeadNeurons"]
    return sum(l[key] for l in layers) / sum(l["units"] for l in layers)


def loss_jumps(runs):
    after, other = 0, 0
    for run in runs:
        history = run["result"]["history"]
        for before, epoch in zip(history[1:], history[2:]):
            if epoch["loss"] > 1 and epoch["loss"] > 2 * before["loss"]:
                if before["recycled"]:
                    after += 1
                else:
                    other += 1
    return f"{after} / {other}"


def rows(path, activation):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]
    settings = json.loads(lines[0])["settings"]
    groups = {}
    for line in lines[1:]:
        run = json.loads(line)
        spec = run["settings"]["spec"]
        if activation is None or spec["activation"] == activation:
            groups.setdefault(label(spec), []).append(run)
    data = json.loads(lines[0])["dataFile"]
    for name, runs in groups.items():
        verdicts = [mean(sum(c["verdict"] == key for c in r["result"]["deathCauses"]) for r in runs) for key, _ in VERDICTS]
        yield ([data, settings["LearningRates"].strip("[]"), settings["BiasInits"].strip("[]"), name, str(len(runs)),
                f"{100 * mean(share(r, 'dead') for r in runs):.1f}%", f"{100 * mean(share(r, 'dormant') for r in runs):.1f}%",
                f"{mean(r['recycled'] for r in runs):.1f}"] + [f"{v:.1f}" for v in verdicts] + [loss_jumps(runs)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--activation", help="only the settings of this hidden activation, e.g. relu")
    parser.add_argument("results", nargs="+", help="experiment --results files (JSON Lines)")
    args = parser.parse_args()
    header = ["data", "lr", "bias", "setting", "runs", "dead % at end", "dormant % at end", "recycled / run"] + \
             [f"deaths / run: {name}" for _, name in VERDICTS] + ["loss jumps after a recycling / other"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join([" :--- "] * 4 + [" ---: "] * (len(header) - 4)) + "|")
    for path in args.results:
        for cells in rows(path, args.activation):
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
