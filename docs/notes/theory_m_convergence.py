#!/usr/bin/env python3
"""M-convergence of the theory's m(t): compares the mean m(t) over seeds between path counts M.

Input: CSV files written by `bin/dam theory ... > DIR/<tag>_M<M>_s<seed>.csv` (columns t,m,...; lines
starting with '#' are ignored). For each tag it prints the mean m(t) at a few times with its standard
error, and for every pair of path counts max_t |m_M1(t) - m_M2(t)| and max_t of that difference over its
combined standard error.

Error model: Var m_M(t) = s(t)^2 / M, with s(t)^2 pooled over all path counts from the scatter between
seeds (sum over runs of M (m - mean_M)^2 divided by the degrees of freedom) and averaged over the
times t - WINDOW .. t + WINDOW (s(t) changes slowly; a few seeds alone give a noisy estimate at each t).
For reference, the largest of ~1000 independent standard normal deviates in absolute value is about 3.3.
Where runs split into retrieving and collapsed ones (near a collapse) the model is rough: read the
per-seed rows there.

Usage: theory_m_convergence.py [--rows] DIR TAG [TAG ...]   (--rows: one summary row per tag)
"""
import collections
import glob
import math
import os
import re
import sys

WINDOW = 10


def load(directory, tag):
    runs = collections.defaultdict(dict)
    for path in glob.glob(os.path.join(directory, f"{tag}_M*_s*.csv")):
        found = re.search(r"_M(\d+)_s(\d+)\.csv$", path)
        if not found or os.path.basename(path)[: -len(found.group(0))] != tag:
            continue
        m, flips = [], []
        with open(path) as f:
            header = None
            for line in f:
                if line.startswith("#"):
                    continue
                cells = line.strip().split(",")
                if header is None:
                    header = cells
                    continue
                row = dict(zip(header, cells))
                m.append(float(row["m"]))
                flips.append(float(row["flips"]) if row.get("flips") else float("nan"))
        runs[int(found.group(1))][int(found.group(2))] = (m, flips)
    return runs


def row(directory, tag):
    """One markdown row: tag, path counts with seeds, m(T) per path count, and the worst pair."""
    runs = load(directory, tag)
    ms = sorted(runs)
    steps = min(len(r[0]) for M in ms for r in runs[M].values()) - 1
    count = {M: len(runs[M]) for M in ms}
    mean = {M: [sum(r[0][t] for r in runs[M].values()) / count[M] for t in range(steps + 1)] for M in ms}
    s2 = pooled(runs, ms, count, mean, steps)
    final = " / ".join(f"{mean[M][steps]:.3f}" for M in ms)
    worst, largest, above = 0.0, 0.0, 0
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            for t in range(1, steps + 1):
                d = abs(mean[a][t] - mean[b][t])
                se = math.sqrt(s2[t] / (count[a] * a) + s2[t] / (count[b] * b))
                z = d / se if se > 0 else (0.0 if d == 0 else float("inf"))
                worst, largest, above = max(worst, z), max(largest, d), above + (z > 3)
    paths = ", ".join(f"{M} x {count[M]}" for M in ms)
    print(f"| {tag} | {paths} | {final} | {largest:.4f} | {worst:.2f} | {above} |")


def pooled(runs, ms, count, mean, steps):
    dof = sum(count[M] - 1 for M in ms)
    raw = [sum(M * (r[0][t] - mean[M][t]) ** 2 for M in ms for r in runs[M].values()) / dof if dof else float("nan")
           for t in range(steps + 1)]
    # s(t) changes slowly with t while its estimate from a few seeds is noisy: average it over t +- WINDOW
    return [sum(raw[max(0, t - WINDOW):t + WINDOW + 1]) / len(raw[max(0, t - WINDOW):t + WINDOW + 1])
            for t in range(steps + 1)]


def summary(directory, tag, marks=(10, 50, 100, 200, 300, 500, 700, 1000)):
    runs = load(directory, tag)
    if not runs:
        print(f"{tag}: no files")
        return
    ms = sorted(runs)
    steps = min(len(r[0]) for M in ms for r in runs[M].values()) - 1
    count = {M: len(runs[M]) for M in ms}
    mean = {M: [sum(r[0][t] for r in runs[M].values()) / count[M] for t in range(steps + 1)] for M in ms}
    s2 = pooled(runs, ms, count, mean, steps)
    marks = [t for t in marks if t <= steps]
    print(f"### {tag} (T = {steps})\n")
    print("| M | seeds | " + " | ".join(f"m({t})" for t in marks) + " | flips at T-1 |")
    print("|---|---|" + "---|" * len(marks) + "---|")
    for M in ms:
        se = [math.sqrt(s2[t] / (count[M] * M)) for t in range(steps + 1)]
        flips = sum(r[1][steps - 1] for r in runs[M].values()) / count[M]
        print(f"| {M} | {count[M]} | " + " | ".join(f"{mean[M][t]:.4f} ± {se[t]:.4f}" for t in marks) + f" | {flips:.4f} |")
    print()
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            worst, t_worst, largest, t_largest, above = 0.0, 0, 0.0, 0, 0
            for t in range(1, steps + 1):
                d = abs(mean[a][t] - mean[b][t])
                se = math.sqrt(s2[t] / (count[a] * a) + s2[t] / (count[b] * b))
                z = d / se if se > 0 else (0.0 if d == 0 else float("inf"))
                if z > worst:
                    worst, t_worst = z, t
                if d > largest:
                    largest, t_largest = d, t
                above += z > 3
            print(f"- M = {a} vs {b}: max_t |dm| = {largest:.4f} (t = {t_largest}); "
                  f"max_t |dm| / combined SE = {worst:.2f} (t = {t_worst}); {above} of {steps} times above 3 SE")
    print()
    for M in ms:
        for seed, r in sorted(runs[M].items()):
            print(f"    M = {M}, seed {seed}: " + " ".join(f"{r[0][t]:.4f}" for t in marks)
                  + f" | flips {r[1][steps - 1]:.4f}")
    print()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: theory_m_convergence.py [--rows] DIR TAG [TAG ...]")
    if sys.argv[1] == "--rows":
        print("| point | M x seeds | m(T) per M | max_t abs dm (all pairs) | max_t abs dm / SE | times above 3 SE |")
        print("|---|---|---|---|---|---|")
        for name in sys.argv[3:]:
            row(sys.argv[2], name)
    else:
        for name in sys.argv[2:]:
            summary(sys.argv[1], name)
