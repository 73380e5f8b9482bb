# Compares every table of two complete sweep output directories row by row: rows sorted by the key columns, floats
# compared bit for bit, list columns element by element. The tables have no wall-clock column, so nothing is left out.
# Usage: .venv/bin/python docs/notes/compare_tables.py OUT_A OUT_B   (see docs/notes/issue12-bit-identity.md)
import glob
import os
import sys

import numpy as np
import pandas as pd


def read(directory, table):
    paths = sorted(glob.glob(os.path.join(directory, table, '**', '*.parquet'), recursive=True))
    return pd.concat([pd.read_parquet(p) for p in paths], ignore_index=True), len(paths)


def same_column(u, v):
    if u.dtype == object:
        return all(np.array_equal(np.asarray(p), np.asarray(q), equal_nan=True)
                   if isinstance(p, (list, np.ndarray)) else (p == q or (p != p and q != q)) for p, q in zip(u, v))
    if u.dtype.kind == 'f':
        return np.array_equal(u.view(np.int64), v.view(np.int64))
    return np.array_equal(u, v)


a, b = sys.argv[1], sys.argv[2]
ok = True
for table in ['trials', 'theory', 'grid', 'basins']:
    x, nx = read(a, table)
    y, ny = read(b, table)
    assert list(x.columns) == list(y.columns), (table, list(x.columns), list(y.columns))
    keys = [c for c in ['n', 'neurons', 'alpha', 'm0', 'trial'] if c in x.columns]
    x = x.sort_values(keys).reset_index(drop=True)
    y = y.sort_values(keys).reset_index(drop=True)
    diffs = [c for c in x.columns if not same_column(x[c].to_numpy(), y[c].to_numpy())] if len(x) == len(y) else ['rows']
    print(f"{table}: {len(x)} rows vs {len(y)} rows, {x.shape[1]} columns, {nx}/{ny} part files; keys {keys}; "
          + ("identical (floats compared bit for bit)" if not diffs else f"DIFFER in {diffs}"))
    ok &= not diffs
print("ALL TABLES IDENTICAL" if ok else "DIFFERENCES FOUND")
sys.exit(0 if ok else 1)
