#!/usr/bin/env python3
"""Late-time overlap and 2-cycle fraction of `bin/dam simulate` runs (docs/notes/stationary.md, section 6).

Usage: stationary_simulations.py DIR, where DIR holds N<neurons>_a<alpha>.csv files written by
`bin/dam simulate --n 3 --neurons N --alpha A --m0 1 --steps 200 --trials K`. Per file, one markdown row:
alpha | N | trials | mean over trials of (m(T-1) + m(T)) / 2 +- its standard error | mean flip fraction at T-1
(the fraction of neurons in 2-cycles once every trial has stopped) | the smallest trial value.
"""
import csv
import glob
import math
import re
import sys


def summary(path):
    """(alpha, N, trials, mean, standard error, flips at T-1, smallest) of one simulate CSV."""
    neurons, alpha = re.findall(r'N(\d+)_a([\d.]+)\.csv$', path)[0]
    rows = list(csv.DictReader(open(path)))
    steps = max(int(r['t']) for r in rows)
    late = {}
    flips = {}
    for r in rows:
        trial, t = int(r['trial']), int(r['t'])
        if t in (steps - 1, steps):
            late[trial] = late.get(trial, 0.0) + 0.5 * float(r['m'])
        if t == steps - 1:
            flips[trial] = float(r['flips'])
    values = list(late.values())
    k = len(values)
    mean = sum(values) / k
    se = math.sqrt(sum((x - mean) ** 2 for x in values) / (k - 1) / k) if k > 1 else float('nan')
    return float(alpha), int(neurons), k, mean, se, sum(flips.values()) / k, min(values)


def main():
    for row in sorted(summary(p) for p in glob.glob(sys.argv[1] + '/N*_a*.csv')):
        print('| %.2f | %d | %d | %.4f +- %.4f | %.4f | %.3f |' % row)


if __name__ == '__main__':
    main()
