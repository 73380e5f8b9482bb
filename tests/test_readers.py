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
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dam_tables
from conftest import TABLES
from fixtures.sweep import states_coincide

# Per table: the columns compared across readers, the row's key first (ints, doubles, strings, arrays, nulls).
COMPARED = {
    "trials": ["model", "n", "neurons", "temperature", "alpha", "m0", "trial", "p", "seed", "pattern_seed",
               "thermal_seed", "final_m", "convergence_time", "censored", "retrieved", "max_m", "max_m_time", "m"],
    "theory": ["model", "n", "temperature", "alpha", "m0", "paths", "final_m", "convergence_time", "max_m",
               "max_m_time", "m", "c_prev"],
    "grid": ["model", "n", "neurons", "temperature", "alpha", "m0", "p", "trials", "pattern_sets", "successes",
             "success_fraction", "success_lo", "design_effect", "effective_trials", "conv_time_mean", "conv_time_se",
             "conv_time_median_lo", "max_m_mean", "max_m_lo", "max_m_hi", "max_m_time_mean", "theory_max_m",
             "theory_max_m_time", "mean_m", "se_m", "set_trials", "set_successes", "theory_m"],
    "basins": ["model", "n", "neurons", "temperature", "alpha", "m0c", "m0c_lo", "m0c_hi", "method", "theory_m0c",
               "m0_points", "pattern_sets", "trials"],
    "phase_diagram": ["model", "n", "temperature", "source", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi", "steps"],
    "capacity": ["model", "n", "temperature", "method", "steps", "alpha_c", "alpha_c_lo", "alpha_c_hi", "alpha_c_se",
                 "paths", "seeds", "violations", "exponent", "slope", "chi2", "dof", "m_c"],
    "critical_temperature": ["model", "n", "alpha", "method", "steps", "temperature_c", "temperature_c_lo",
                             "temperature_c_hi", "paths", "violations", "exponent", "chi2", "dof"],
    "finite_size": ["model", "n", "temperature", "quantity", "alpha", "steps", "neurons", "estimates", "estimates_lo",
                    "estimates_hi", "form", "fit_neurons", "limit", "chi2", "dof", "theory"],
}
METHODS = {"ladder", "extrapolated", "stationary"}

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


def read_pandas_nullable(path):
    """pandas with nullable dtypes: integer columns with nulls stay integers (what dam_tables.read_table does)."""
    df = pd.read_parquet(path, dtype_backend="numpy_nullable")
    return list(df.columns), df.to_dict("records")


def as_pandas_defaults_read(path, columns, rows):
    """The rows as pandas reads them at its default settings: an integer column that holds a null comes back as
    float64 (NaN for the nulls), so its values are rounded to 53 bits; 64-bit seeds (thermal_seed, null at
    temperature 0) lose their low digits. Every other value is exact."""
    table = pq.read_table(path, columns=columns)
    floated = {i for i, c in enumerate(columns)
               if pa.types.is_integer(table.schema.field(c).type) and table.column(c).null_count > 0}
    return sorted((tuple(float(v) if i in floated and v is not None else v for i, v in enumerate(r)) for r in rows),
                  key=null_last)


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


READERS = ["pandas", "pandas_nullable", "pyarrow", "polars", "duckdb", "spark"]


@pytest.fixture(scope="module")
def readers(read_spark):
    return {"pandas": read_pandas, "pandas_nullable": read_pandas_nullable, "pyarrow": read_pyarrow,
            "polars": read_polars, "duckdb": read_duckdb, "spark": read_spark}


# ---------------------------------------------------------------- what the sweep planned

@pytest.fixture(scope="module")
def plan(sweep_output):
    """The grid of the output's _sweep.json: points (model, n, neurons, temperature, alpha, m0), alpha raw (the
    config's loads divided by P(1) where it wrote them normalised, as dam divides them), and, per point, the trial
    indices the engine simulates: 0 .. trials-1, or the first trial of each pattern set where the set's initial
    states coincide (parallel dynamics at temperature 0: docs/tables.md, trials/)."""
    sweep = dam_tables.description(sweep_output)["sweep"]
    load = dam_tables.load_convention(sweep_output)
    by_n = sweep.get("by-n", {})
    points = set()
    for n in sweep["n"]:
        axes = {**{k: sweep[k] for k in ("neurons", "alpha", "m0")}, **by_n.get(str(n), {})}
        points |= {(model, n, size, temperature, load.to_raw(model, n, alpha), m0)
                   for model in sweep["model"] for size in axes["neurons"] for temperature in sweep["temperature"]
                   for alpha in axes["alpha"] for m0 in axes["m0"]}
    S = sweep.get("states-per-pattern-set", 1)
    every = tuple(range(sweep["trials"]))
    simulated = {p: every[::S] if states_coincide(p[2], p[5], sweep.get("update", "parallel"), sweep.get("init", "exact"),
                                                 p[3]) else every for p in points}
    return {"n": set(sweep["n"]), "models": set(sweep["model"]), "temperatures": set(sweep["temperature"]),
            "points": points, "trials": sweep["trials"], "simulated": simulated}


def check_planned_values(table, rows, plan):
    """The values the plan fixes, from one reader's canonical rows (columns as in COMPARED)."""
    columns = COMPARED[table]
    col = {c: i for i, c in enumerate(columns)}
    ns = {r[col["n"]] for r in rows}
    assert ns == plan["n"], f"{table}: orders {ns}, planned {plan['n']}"
    assert {r[col["model"]] for r in rows} == plan["models"], f"{table}: models"
    if "temperature" in col:
        assert {r[col["temperature"]] for r in rows} == plan["temperatures"], f"{table}: temperatures"
    points = plan["points"]
    loads = {p[:5] for p in points}  # (model, n, neurons, temperature, alpha)
    if table == "trials":
        assert len(rows) == sum(len(t) for t in plan["simulated"].values())
        assert {r[:6] for r in rows} == points
        trials_of = {}
        for r in rows:
            trials_of.setdefault(r[:6], []).append(r[col["trial"]])
        assert {p: tuple(sorted(t)) for p, t in trials_of.items()} == plan["simulated"]
        for r in rows:  # p = round(alpha N^(n-1)) ties each row's n to its neurons
            assert abs(r[col["p"]] - r[col["alpha"]] * r[col["neurons"]] ** (r[col["n"]] - 1)) <= 0.5 + 1e-9, r[:6]
            # the thermal draws have a seed above temperature 0 only; the peak is the largest m(t), first reached then
            assert (r[col["thermal_seed"]] is None) == (r[col["temperature"]] == 0), r[:6]
            m = r[col["m"]]
            assert r[col["max_m"]] == max(m) and r[col["max_m_time"]] == m.index(max(m)), r[:6]
            # censored: no fixed point nor 2-cycle (temperature 0), no settling of the overlap (above it)
            if r[col["temperature"]] > 0:
                assert r[col["censored"]] == (r[col["convergence_time"]] is None), r[:6]
        # pattern sets and initial states are shared by models and temperatures (common random numbers)
        seeds = {}
        for r in rows:
            seeds.setdefault((r[1], r[2], r[4], r[5], r[col["trial"]]), set()).add((r[col["seed"]], r[col["pattern_seed"]]))
        assert all(len(s) == 1 for s in seeds.values()), "initial states and patterns shared across models, temperatures"
        thermal = {}
        for r in rows:
            thermal.setdefault(r[1:6] + (r[col["trial"]],), set()).add(r[col["thermal_seed"]])
        assert all(len(s) == 1 for s in thermal.values()), "thermal draws shared across models"
    elif table == "grid":
        assert sorted(r[:6] for r in rows) == sorted(points)
        assert all(r[col["trials"]] == len(plan["simulated"][r[:6]]) for r in rows)
        assert all(sum(r[col["set_trials"]]) == r[col["trials"]] and len(r[col["set_trials"]]) == r[col["pattern_sets"]]
                   for r in rows)
        # the mean peak lies within its interval (where the sets give one) and at or above the mean m(0) (a maximum
        # over t >= 0; m(0) is m0 up to the rounding of the flipped neurons)
        assert all(r[col["max_m_mean"]] >= r[col["mean_m"]][0] - 1e-12 for r in rows)
        assert all(r[col["max_m_lo"]] is None or r[col["max_m_lo"]] <= r[col["max_m_mean"]] <= r[col["max_m_hi"]]
                   for r in rows)
    elif table == "theory":
        assert sorted(r[:5] for r in rows) == sorted({(mo, n, t, a, m0) for mo, n, _, t, a, m0 in points})
        for r in rows:
            m = r[col["m"]]
            assert r[col["max_m"]] == max(m) and r[col["max_m_time"]] == m.index(max(m)), r[:5]
    elif table == "basins":
        assert sorted(r[:5] for r in rows) == sorted(loads)
    elif table == "phase_diagram":
        simulation = sorted((r[0], r[1], r[col["neurons"]], r[2], r[col["alpha"]]) for r in rows if r[3] == "simulation")
        assert simulation == sorted(loads)
        assert all(r[col["neurons"]] is None for r in rows if r[3] == "theory")
        # at most one extrapolated (steps null) row per theory load, within [0, 1] with its interval
        limits = [r for r in rows if r[col["steps"]] is None]
        assert all(r[3] == "theory" for r in limits)
        assert len({(r[0], r[1], r[2], r[col["alpha"]]) for r in limits}) == len(limits)
        assert all(0 <= r[col["m0c_lo"]] <= r[col["m0c"]] <= r[col["m0c_hi"]] <= 1 for r in limits)
    elif table == "capacity":
        # per (model, n, temperature): rows by horizon (ladder), at most one extrapolated and one stationary row
        assert {r[col["method"]] for r in rows} <= METHODS
        ladder = [r for r in rows if r[col["method"]] == "ladder"]
        assert {r[:3] for r in ladder} == {(mo, n, t) for mo, n, _, t, _, _ in points}
        assert all(r[col["steps"]] is not None for r in ladder)
        assert all(r[col["steps"]] is None for r in rows if r[col["method"]] != "ladder")
        for method in ("extrapolated", "stationary"):
            keys = [r[:3] for r in rows if r[col["method"]] == method]
            assert len(keys) == len(set(keys)), f"one {method} row per (model, n, temperature)"
        assert all(r[col["alpha_c"]] is None or r[col["alpha_c_lo"]] <= r[col["alpha_c"]] <= r[col["alpha_c_hi"]]
                   for r in rows if r[col["alpha_c_hi"]] is not None)
    elif table == "critical_temperature":
        # per (model, n) at loads of the sweep's grid and below: a temperature >= 0 bracketed by its interval
        assert {r[col["method"]] for r in rows} <= METHODS
        assert {(r[0], r[1]) for r in rows} == {(mo, n) for mo, n, *_ in points}
        assert all(r[col["steps"]] is not None for r in rows if r[col["method"]] == "ladder")
        assert all(r[col["temperature_c"]] is None or (r[col["temperature_c"]] >= 0
                   and (r[col["temperature_c_lo"]] is None or r[col["temperature_c_lo"]] <= r[col["temperature_c"]]))
                   for r in rows)
    elif table == "finite_size":
        # One m0c row per load (model, n, temperature, alpha) with the sizes the plan has there; one alpha_c row per
        # (model, n, temperature) with two loads or more at m0 = 1 at some size. A fit only with three sizes or more.
        m0c = {(r[0], r[1], r[2], r[col["alpha"]]): r for r in rows if r[3] == "m0c"}
        assert sorted(m0c) == sorted({(mo, n, t, a) for mo, n, _, t, a in loads})
        for (mo, n, t, a), r in m0c.items():
            assert r[col["neurons"]] == tuple(sorted({s for mo2, n2, s, t2, a2 in loads if (mo2, n2, t2, a2) == (mo, n, t, a)}))
        at_one = {}
        for mo, n, size, t, alpha, m0 in points:
            if m0 == 1.0:
                at_one.setdefault((mo, n, t, size), set()).add(alpha)
        assert sorted(r[:3] for r in rows if r[3] == "alpha_c") == sorted(
            {k[:3] for k, a in at_one.items() if len(a) >= 2})
        for r in rows:
            assert len(r[col["estimates"]]) == len(r[col["neurons"]]), r[:4]
            assert (r[col["form"]] is None) == (r[col["limit"]] is None), r[:4]
            assert r[col["form"]] is None or len(r[col["fit_neurons"]]) >= 3, r[:4]


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
        want = as_pandas_defaults_read(path, columns, results["pyarrow"]) if name == "pandas" else results["pyarrow"]
        assert len(results[name]) == len(want), f"{table}, {name}: row count"
        assert results[name] == want, f"{table}, {name}: values differ from pyarrow's"


def test_pandas_defaults_round_the_thermal_seeds_and_dam_tables_does_not(sweep_output, plan):
    """Why dam_tables reads with nullable dtypes: thermal_seed is null at temperature 0, so pandas' default reads
    the column as float64 and a 64-bit seed above 2^53 comes back rounded; dam_tables.read_table keeps it exact."""
    if not any(t > 0 for t in plan["temperatures"]):
        pytest.skip("no temperature above 0: thermal_seed has no values")
    exact = pq.read_table(sweep_output / "trials", columns=["thermal_seed"]).column("thermal_seed").to_pylist()
    seeds = [s for s in exact if s is not None]
    default = pd.read_parquet(sweep_output / "trials", columns=["thermal_seed"])["thermal_seed"]
    assert default.dtype == "float64"
    assert any(int(f) != s for f, s in zip(default.dropna(), seeds)), "some seed above 2^53 is rounded"
    ours = dam_tables.read_table(sweep_output, "trials", columns=["thermal_seed"])["thermal_seed"]
    assert sorted(ours.dropna().astype(int).tolist()) == sorted(seeds)


@pytest.mark.parametrize("table", ["trials", "grid", "basins", "phase_diagram"])
def test_sql_select_of_n_and_neurons_returns_the_order_and_the_size(sweep_output, table, plan, spark):
    """The issue's own query, in DuckDB and Spark SQL: n and neurons are two columns, not one read twice."""
    path = sweep_output / table
    if not path.is_dir():
        pytest.skip(f"{table}/: not in this sweep output")
    want = {(n, size) for _, n, size, *_ in plan["points"]}
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
        assert t.column_names[:2] == ["model", "n"], part.name
        assert set(t.column("n").to_pylist()) <= plan["n"], part.name
        alone += rows_of(t.to_pylist(), columns)
    # Together the files alone are the table, row for row, n included.
    assert sorted(alone, key=null_last) == rows_of(pq.read_table(path).to_pylist(), columns)
    if table in ("trials", "grid"):
        check_planned_values(table, alone, plan)
