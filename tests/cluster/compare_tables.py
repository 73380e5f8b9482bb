"""Compares the Parquet tables of two sweep outputs row for row (exact values) and checks their schemas: the planned
columns, and the same type and nullability of every column in both (the outputs may come from different Spark targets,
tests/cluster/run_targets_test.sh).

Usage: compare_tables.py CLUSTER_OUT LOCAL_OUT EXPECTED_GRID_POINTS TRIALS_PER_POINT
(a point may hold one trial per pattern set instead, where its initial states coincide; trials/ must hold
exactly the trials grid/ counts)
Exits non-zero with a one-line reason on any difference.
"""
import sys

import pyarrow.dataset as ds

EXPECTED_COLUMNS = {  # table schema 5 (docs/tables.md)
    "trials": ["model", "n", "neurons", "temperature", "alpha", "p", "m0", "update", "init", "trial", "pattern_set",
               "seed", "pattern_seed", "thermal_seed", "steps", "m", "flips", "convergence_time", "cycle", "censored",
               "final_m", "retrieved", "max_m", "max_m_time"],
    "theory": ["model", "n", "temperature", "alpha", "m0", "steps", "paths", "seed", "m", "c_prev", "flips",
               "convergence_time", "final_m", "retrieved", "max_m", "max_m_time"],
    "grid": ["model", "n", "neurons", "temperature", "alpha", "p", "m0", "trials", "pattern_sets", "successes",
             "success_fraction", "success_lo", "success_hi", "design_effect", "effective_trials", "conv_time_mean",
             "conv_time_se", "conv_time_median", "conv_time_median_lo", "conv_time_median_hi", "conv_time_q1",
             "conv_time_q3", "censored", "cycles", "mean_m", "se_m", "sd_m", "set_trials", "set_successes",
             "max_m_mean", "max_m_lo", "max_m_hi", "max_m_time_mean", "max_m_time_lo", "max_m_time_hi", "theory_m",
             "theory_convergence_time", "theory_final_m", "theory_retrieved", "theory_max_m", "theory_max_m_time",
             "round", "first_trial"],
    "basins": ["model", "n", "neurons", "temperature", "alpha", "m0c", "m0c_lo", "m0c_hi", "method", "theory_m0c",
               "theory_m0c_lo", "theory_m0c_hi", "m0_points", "pattern_sets", "trials", "search", "stop", "rounds",
               "alpha_c", "alpha_c_lo", "alpha_c_hi"],
}


def table(out, name):
    t = ds.dataset(f"{out}/{name}", format="parquet").to_table()
    cols = set(t.schema.names)
    want = set(EXPECTED_COLUMNS[name])
    if cols != want:
        sys.exit(f"{out}/{name}: columns differ from the plan: extra {sorted(cols - want)}, missing {sorted(want - cols)}")
    return t.to_pylist()


def rows(out, name):
    return sorted(repr(sorted(r.items())) for r in table(out, name))


def schema(out, name):
    """Each column's Arrow type and nullability, without the metadata (which holds the run's own description)."""
    s = ds.dataset(f"{out}/{name}", format="parquet").schema
    return sorted((f.name, str(f.type), f.nullable) for f in s)


def main():
    cluster, local, points, trials = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    counts = {}
    for name in EXPECTED_COLUMNS:
        sa, sb = schema(cluster, name), schema(local, name)
        if sa != sb:
            sys.exit(f"{name}: column types differ: {sorted(set(sa) - set(sb))} vs {sorted(set(sb) - set(sa))}")
        a, b = rows(cluster, name), rows(local, name)
        if a != b:
            diff = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
            sys.exit(f"{name}: cluster and local runs differ in {diff} rows ({len(a)} vs {len(b)} rows)")
        counts[name] = len(a)
    grid = table(local, "grid")
    # A grid point has the configured trials, or one per pattern set where its initial states coincide (m0 = 1).
    if counts["grid"] != points or any(g["trials"] not in (trials, g["pattern_sets"]) for g in grid):
        sys.exit(f"grid rows {counts['grid']} (expected {points}) or their trial counts do not match {trials} trials")
    if counts["trials"] != sum(g["trials"] for g in grid):
        sys.exit(f"trials/ has {counts['trials']} rows, grid/ counts {sum(g['trials'] for g in grid)} trials")
    print(f"tables equal: {counts}")


if __name__ == "__main__":
    main()
