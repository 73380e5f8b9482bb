"""Compares the Parquet tables of two sweep outputs row for row (exact values) and checks their schemas.

Usage: compare_tables.py CLUSTER_OUT LOCAL_OUT EXPECTED_GRID_POINTS TRIALS_PER_POINT
Exits non-zero with a one-line reason on any difference.
"""
import sys

import pyarrow.dataset as ds

EXPECTED_COLUMNS = {
    "trials": ["n", "neurons", "alpha", "p", "m0", "update", "init", "trial", "pattern_set", "seed", "pattern_seed",
               "steps", "m", "flips", "convergence_time", "cycle", "censored", "final_m", "retrieved"],
    "theory": ["n", "alpha", "m0", "steps", "paths", "seed", "m", "c_prev", "flips", "convergence_time",
               "final_m", "retrieved"],
    "grid": ["n", "neurons", "alpha", "p", "m0", "trials", "successes", "success_fraction", "success_lo", "success_hi",
             "conv_time_mean", "conv_time_median", "conv_time_q1", "conv_time_q3", "censored", "cycles",
             "mean_m", "sd_m", "theory_m", "theory_convergence_time", "theory_final_m", "theory_retrieved"],
    "basins": ["n", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi", "method", "theory_m0c", "theory_m0c_lo",
               "theory_m0c_hi", "m0_points"],
}


def rows(out, table):
    t = ds.dataset(f"{out}/{table}", format="parquet").to_table()
    cols = set(t.schema.names)
    want = set(EXPECTED_COLUMNS[table])
    if cols != want:
        sys.exit(f"{out}/{table}: columns differ from the plan: extra {sorted(cols - want)}, missing {sorted(want - cols)}")
    return sorted(repr(sorted(r.items())) for r in t.to_pylist())


def main():
    cluster, local, points, trials = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    counts = {}
    for table in EXPECTED_COLUMNS:
        a, b = rows(cluster, table), rows(local, table)
        if a != b:
            diff = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
            sys.exit(f"{table}: cluster and local runs differ in {diff} rows ({len(a)} vs {len(b)} rows)")
        counts[table] = len(a)
    if counts["grid"] != points or counts["trials"] != points * trials:
        sys.exit(f"row counts {counts} do not match {points} grid points x {trials} trials")
    print(f"tables equal: {counts}")


if __name__ == "__main__":
    main()
