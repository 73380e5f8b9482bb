"""The reader matrix: every table of a sweep output read with pandas, pyarrow, Polars, DuckDB and Spark, each
at its default settings and with no partitioning options, must give the same columns and the same values,
and those values must be the planned ones (the grid of _sweep.json). Also: one part file read alone keeps
which order n its rows hold.

Why: the tables once had columns n (order) and N (network size); case-folding readers (DuckDB, Spark by
default) silently returned one for the other. docs/tables.md has the naming rule this guards.
"""
import json
import math

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from conftest import TABLES
from fixtures.sweep import states_coincide

# Per table: the columns compared across readers, the row's key first (ints, doubles, a string, arrays).
COMPARED = {
    "trials": ["n", "neurons", "alpha", "m0", "trial", "p", "seed", "final_m", "convergence_time", "retrieved", "m"],
    "theory": ["n", "alpha", "m0", "paths", "final_m", "convergence_time", "m", "c_prev"],
    "grid": ["n", "neurons", "alpha", "m0", "p", "trials", "pattern_sets", "successes", "success_fraction",
             "success_lo", "design_effect", "effective_trials", "conv_time_mean", "conv_time_se",
             "conv_time_median_lo", "mean_m", "se_m", "set_trials", "set_successes", "theory_m"],
    "basins": ["n", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi", "method", "theory_m0c", "m0_points",
               "pattern_sets", "trials"],
    "phase_diagram": ["n", "source", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi", "steps"],
    "capacity": ["n", "steps", "extrapolated", "alpha_c", "alpha_c_lo", "alpha_c_hi", "alpha_c_se", "paths", "seeds",
                 "violations", "exponent", "slope", "chi2", "dof"],
    "finite_size": ["n", "quantity", "alpha", "steps", "neurons", "estimates", "estimates_lo", "estimates_hi",
                    "form", "fit_neurons", "limit", "chi2", "dof", "theory"],
}


def canonical(value):
    """One Python value per cell whatever the reader: None for null or NaN, tuples for arrays, plain numbers."""
    if value is None:
        return None
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return tuple(canonical(v) for v in value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA:
        return None
    return value


def null_last(row):
    return tuple((v is None, 0 if v is None else v) for v in row)


def rows_of(records, columns):
    """records: an iterable of dicts -> the compared columns as sorted tuples of canonical values."""
    return sorted((tuple(canonical(r[c]) for c in columns) for r in records), key=null_last)


# ---------------------------------------------------------------- the five readers, default settings

def read_pandas(path):
    df = pd.read_parquet(path)
    return list(df.columns), df.to_dict("records")


def read_pyarrow(path):
    table = pq.read_table(path)
    return table.column_names, table.to_pylist()


def read_polars(path):
    df = pl.read_parquet(f"{path}/*.parquet")
    return df.columns, df.to_dicts()


def read_duckdb(path):
    with duckdb.connect() as con:
        result = con.sql(f"select * from read_parquet('{path}/*.parquet')")
        columns = result.columns
        return columns, [dict(zip(columns, r)) for r in result.fetchall()]


@pytest.fixture(scope="module")
def read_spark(spark):
    def read(path):
        df = spark.read.parquet(str(path))
        return df.columns, [r.asDict() for r in df.collect()]
    return read


READERS = ["pandas", "pyarrow", "polars", "duckdb", "spark"]


@pytest.fixture(scope="module")
def readers(read_spark):
    return {"pandas": read_pandas, "pyarrow": read_pyarrow, "polars": read_polars, "duckdb": read_duckdb,
            "spark": read_spark}


# ---------------------------------------------------------------- what the sweep planned

@pytest.fixture(scope="module")
def plan(sweep_output):
    """The grid of the output's _sweep.json: points (n, neurons, alpha, m0) and, per point, the trial indices the
    engine simulates: 0 .. trials-1, or the first trial of each pattern set where the set's initial states
    coincide (docs/tables.md, trials/)."""
    sweep = json.loads((sweep_output / "_sweep.json").read_text())["sweep"]
    by_n = sweep.get("by-n", {})
    points = set()
    for n in sweep["n"]:
        axes = {**{k: sweep[k] for k in ("neurons", "alpha", "m0")}, **by_n.get(str(n), {})}
        points |= {(n, size, alpha, m0) for size in axes["neurons"] for alpha in axes["alpha"] for m0 in axes["m0"]}
    S = sweep.get("states-per-pattern-set", 1)
    every = tuple(range(sweep["trials"]))
    simulated = {p: every[::S] if states_coincide(p[1], p[3], sweep.get("update", "parallel"), sweep.get("init", "exact"))
                 else every for p in points}
    return {"n": set(sweep["n"]), "points": points, "trials": sweep["trials"], "simulated": simulated}


def check_planned_values(table, rows, plan):
    """The values the plan fixes, from one reader's canonical rows (columns as in COMPARED)."""
    columns = COMPARED[table]
    col = {c: i for i, c in enumerate(columns)}
    ns = {r[col["n"]] for r in rows}
    assert ns == plan["n"], f"{table}: orders {ns}, planned {plan['n']}"
    points, loads = plan["points"], {p[:3] for p in plan["points"]}
    if table == "trials":
        assert len(rows) == sum(len(t) for t in plan["simulated"].values())
        assert {r[:4] for r in rows} == points
        trials_of = {}
        for r in rows:
            trials_of.setdefault(r[:4], []).append(r[col["trial"]])
        assert {p: tuple(sorted(t)) for p, t in trials_of.items()} == plan["simulated"]
        for r in rows:  # p = round(alpha N^(n-1)) ties each row's n to its neurons
            assert abs(r[col["p"]] - r[col["alpha"]] * r[col["neurons"]] ** (r[col["n"]] - 1)) <= 0.5 + 1e-9, r[:6]
    elif table == "grid":
        assert sorted(r[:4] for r in rows) == sorted(points)
        assert all(r[col["trials"]] == len(plan["simulated"][r[:4]]) for r in rows)
        assert all(sum(r[col["set_trials"]]) == r[col["trials"]] and len(r[col["set_trials"]]) == r[col["pattern_sets"]]
                   for r in rows)
    elif table == "theory":
        assert sorted(r[:3] for r in rows) == sorted({(n, a, m0) for n, _, a, m0 in points})
    elif table == "basins":
        assert sorted(r[:3] for r in rows) == sorted(loads)
    elif table == "phase_diagram":
        simulation = sorted((r[0], r[2], r[3]) for r in rows if r[1] == "simulation")
        assert simulation == sorted(loads)
        assert all(r[col["neurons"]] is None for r in rows if r[1] == "theory")
        # at most one extrapolated (steps null) row per theory load, within [0, 1] with its interval
        limits = [r for r in rows if r[col["steps"]] is None]
        assert all(r[1] == "theory" for r in limits)
        assert len({(r[0], r[col["alpha"]]) for r in limits}) == len(limits)
        assert all(0 <= r[col["m0c_lo"]] <= r[col["m0c"]] <= r[col["m0c_hi"]] <= 1 for r in limits)
    elif table == "capacity":
        # one row per (n, horizon) and at most one extrapolated (steps null) row per n
        ladder = [r for r in rows if not r[col["extrapolated"]]]
        assert sorted({r[0] for r in ladder}) == sorted(plan["n"])
        assert all(r[col["steps"]] is not None for r in ladder)
        assert all(r[col["steps"]] is None for r in rows if r[col["extrapolated"]])
    elif table == "finite_size":
        # One m0c row per load (n, alpha) with the sizes the plan has there; one alpha_c row per n with two loads
        # or more at m0 = 1 at some size. A fit (form, limit) only where it has three sizes or more.
        m0c = {(r[0], r[col["alpha"]]): r for r in rows if r[1] == "m0c"}
        assert sorted(m0c) == sorted({(n, a) for n, _, a in loads})
        for (n, a), r in m0c.items():
            assert r[col["neurons"]] == tuple(sorted({s for n2, s, a2 in loads if (n2, a2) == (n, a)}))
        at_one = {}
        for n, size, alpha, m0 in points:
            if m0 == 1.0:
                at_one.setdefault((n, size), set()).add(alpha)
        assert sorted(r[0] for r in rows if r[1] == "alpha_c") == sorted({n for (n, _), a in at_one.items() if len(a) >= 2})
        for r in rows:
            assert len(r[col["estimates"]]) == len(r[col["neurons"]]), r[:3]
            assert (r[col["form"]] is None) == (r[col["limit"]] is None), r[:3]
            assert r[col["form"]] is None or len(r[col["fit_neurons"]]) >= 3, r[:3]


# ---------------------------------------------------------------- tests

@pytest.mark.parametrize("table", TABLES)
def test_every_reader_at_default_settings_reads_the_planned_values(sweep_output, table, readers, plan, spark):
    path = sweep_output / table
    if not path.is_dir():
        pytest.skip(f"{table}/: not in this sweep output")
    assert spark.conf.get("spark.sql.caseSensitive") == "false", "Spark must be at its default settings"
    columns = COMPARED[table]
    schema = pq.read_schema(next(path.glob("*.parquet"))).names
    results = {}
    for name in READERS:
        names, records = readers[name](path)
        assert list(names) == schema, f"{table}, {name}: columns {names}, files have {schema}"
        results[name] = rows_of(records, columns)
    check_planned_values(table, results["pyarrow"], plan)
    for name in READERS:
        assert len(results[name]) == len(results["pyarrow"]), f"{table}, {name}: row count"
        assert results[name] == results["pyarrow"], f"{table}, {name}: values differ from pyarrow's"


@pytest.mark.parametrize("table", ["trials", "grid", "basins", "phase_diagram"])
def test_sql_select_of_n_and_neurons_returns_the_order_and_the_size(sweep_output, table, plan, spark):
    """The issue's own query, in DuckDB and Spark SQL: n and neurons are two columns, not one read twice."""
    path = sweep_output / table
    if not path.is_dir():
        pytest.skip(f"{table}/: not in this sweep output")
    want = {(n, size) for n, size, _, _ in plan["points"]}
    query = "select distinct n, neurons from {} where neurons is not null"
    with duckdb.connect() as con:
        got = set(con.sql(query.format(f"read_parquet('{path}/*.parquet')")).fetchall())
    assert got == want, f"DuckDB: {got}"
    spark.read.parquet(str(path)).createOrReplaceTempView("reader_matrix")
    got = {(r[0], r[1]) for r in spark.sql(query.format("reader_matrix")).collect()}
    assert got == want, f"Spark SQL: {got}"


@pytest.mark.parametrize("table", TABLES)
def test_one_part_file_read_alone_keeps_its_order_n(sweep_output, table, plan):
    path = sweep_output / table
    if not path.is_dir():
        pytest.skip(f"{table}/: not in this sweep output")
    columns = COMPARED[table]
    parts = sorted(path.glob("*.parquet"))
    assert parts and not any(p.is_dir() for p in path.iterdir()), f"{table}/: not a flat directory of part files"
    alone = []
    for part in parts:
        t = pq.read_table(part)  # the file by itself: no directory name to recover n from
        assert t.column_names[0] == "n", part.name
        assert set(t.column("n").to_pylist()) <= plan["n"], part.name
        alone += rows_of(t.to_pylist(), columns)
    # Together the files alone are the table, row for row, n included.
    assert sorted(alone, key=null_last) == rows_of(pq.read_table(path).to_pylist(), columns)
    if table in ("trials", "grid"):
        check_planned_values(table, alone, plan)
