"""python/dam_tables: the readers' contract (docs/output.md) implemented once, for the notebooks and the tests.

Listing and reading only committed files (and what a directory without a ledger, or with an interrupted --overwrite,
holds), the refusal of another table schema, the load convention per model, the sweep's description, the helpers the
notebooks share, Spark's reader, and a read of a directory while a real `bin/dam sweep` writes into it.
"""
import json
import math
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import dam_tables
from conftest import REPO
from fixtures.sweep import write_sweep


@pytest.fixture(scope="module")
def small_sweep(tmp_path_factory):
    """A generated sweep of trials/ and grid/ only, read whole (no _progress/)."""
    return write_sweep(tmp_path_factory.mktemp("small") / "out", tables=("trials", "grid"))


def copy_of(sweep, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sweep, out)
    return out


def part_of_order(out, table, n):
    """The part files of table that hold order n (the fixture writes one per n), relative to out."""
    return [str(p.relative_to(out)) for p in sorted((out / table).glob("*.parquet"))
            if set(pq.read_table(p, columns=["n"]).column("n").to_pylist()) == {n}]


def commit(out, name, files):
    (out / "_progress").mkdir(exist_ok=True)
    (out / "_progress" / name).write_text(json.dumps({"points": [], "theory": [], "files": files}))


# ---------------------------------------------------------------- committed files

@pytest.mark.parametrize("state, expected", [
    ("no ledger", "every part file"),
    ("ledger of n = 2", "the n = 2 file"),
    ("ledger of n = 2, a killed batch's copy beside it", "the n = 2 file"),
    ("ledger of n = 2, a record of another table", "the n = 2 file"),
    ("empty ledger", "nothing"),
    ("ledger of n = 2, --overwrite interrupted", "nothing"),
])
def test_committed_files_are_those_a_record_lists(small_sweep, tmp_path, state, expected):
    out = copy_of(small_sweep, tmp_path)
    every = sorted(str(out / "trials" / p.name) for p in (out / "trials").glob("part-*.parquet"))
    two = part_of_order(out, "trials", 2)
    if state != "no ledger":
        (out / "_progress").mkdir()
    if "ledger of n = 2" in state:
        commit(out, "batch-00000-1.json", two)
    if "killed batch" in state:
        shutil.copy(out / two[0], out / "trials" / "part-99999-killed.parquet")
    if "another table" in state:
        commit(out, "table-basins.json", ["basins/part-00000-x.snappy.parquet"])
    if "--overwrite" in state:
        (out / "_overwriting").write_text("")
    want = {"every part file": every, "the n = 2 file": [str(out / f) for f in two], "nothing": []}[expected]
    assert dam_tables.committed_files(out, "trials") == want
    rows = dam_tables.read_table(out, "trials")
    if not want:
        assert rows is None
    else:
        assert len(rows) == sum(pq.read_metadata(f).num_rows for f in want)
        assert set(rows["n"]) == ({2, 3} if expected == "every part file" else {2})


def test_a_table_without_committed_files_or_directory_reads_as_none(small_sweep, tmp_path):
    out = copy_of(small_sweep, tmp_path)
    assert dam_tables.read_table(out, "phase_diagram") is None, "no directory"
    commit(out, "batch-00000-1.json", part_of_order(out, "trials", 2))
    assert dam_tables.read_table(out, "grid") is None, "a directory, nothing of it committed"


def test_read_table_keeps_only_the_asked_columns_and_exact_integers(small_sweep):
    rows = dam_tables.read_table(small_sweep, "trials", columns=["model", "n", "thermal_seed", "convergence_time"])
    assert list(rows.columns) == ["model", "n", "thermal_seed", "convergence_time"]
    exact = pq.read_table(small_sweep / "trials", columns=["thermal_seed"]).column("thermal_seed").to_pylist()
    assert [None if pd.isna(v) else int(v) for v in rows["thermal_seed"]] == exact


@pytest.mark.parametrize("table, columns", [("trials", None), ("trials", ["n", "temperature", "alpha"]),
                                            ("critical_temperature", None)])
def test_a_table_of_another_writer_without_the_axes_is_the_dense_model_at_temperature_0(tmp_path, table, columns):
    out = tmp_path / "other"
    (out / table).mkdir(parents=True)
    pd.DataFrame({"n": [3, 3], "alpha": [0.1, 0.2]}).to_parquet(out / table / "part-00000.parquet")
    rows = dam_tables.read_table(out, table, columns)
    if columns is None:
        assert list(rows["model"]) == ["dense", "dense"]
    # critical_temperature/ rows are temperatures: no temperature column is made up for them
    assert ("temperature" in rows.columns) == (table != "critical_temperature")
    if "temperature" in rows.columns:
        assert list(rows["temperature"]) == [0.0, 0.0]


# ---------------------------------------------------------------- the sweep's description and schema

@pytest.mark.parametrize("schema", [None, 1, 3, 4, 6])
def test_another_table_schema_is_refused_in_one_line(small_sweep, tmp_path, schema):
    out = copy_of(small_sweep, tmp_path)
    description = json.loads((out / "_sweep.json").read_text())
    if schema is None:
        del description["table_schema"]
    else:
        description["table_schema"] = schema
    (out / "_sweep.json").write_text(json.dumps(description))
    with pytest.raises(ValueError) as refused:
        dam_tables.read_table(out, "trials")
    message = str(refused.value)
    assert "\n" not in message
    assert f"schema version {schema or 1}" in message and "--overwrite" in message and str(out) in message


def test_the_description_and_its_summary(small_sweep, tmp_path):
    found = dam_tables.description(small_sweep)
    assert found["table_schema"] == dam_tables.TABLE_SCHEMA and found["sweep"]["model"] == ["dense", "pbody"]
    text = dam_tables.describe(small_sweep)
    for part in ("table schema 5", "model ['dense', 'pbody']", "temperature [0.0, 0.3]", "raw load alpha"):
        assert part in text, text
    assert dam_tables.description(tmp_path) == {}
    assert "no _sweep.json" in dam_tables.describe(tmp_path)


# ---------------------------------------------------------------- loads

@pytest.mark.parametrize("model, n, p1", [("dense", 2, 1), ("dense", 3, 3), ("dense", 4, 15), ("dense", 5, 105),
                                          ("pbody", 2, 1), ("pbody", 3, 2), ("pbody", 4, 6), ("pbody", 5, 24)])
def test_crosstalk_variance_is_the_double_factorial_dense_and_the_factorial_pbody(model, n, p1):
    assert dam_tables.crosstalk_variance(model, n) == p1
    normalised = dam_tables.LoadConvention("normalised")
    assert normalised.from_raw(model, n, 0.01) == pytest.approx(0.01 * p1)
    assert dam_tables.LoadConvention("raw").from_raw(model, n, 0.01) == 0.01


@pytest.mark.parametrize("model, n, load, alpha", [("dense", 3, 0.3, 0.1), ("pbody", 3, 0.3, 0.15),
                                                   ("dense", 4, 0.15, 0.01), ("pbody", 4, 0.3, 0.05),
                                                   ("dense", 2, 0.138, 0.138)])
def test_a_normalised_load_divides_in_decimal_as_dam_does(model, n, load, alpha):
    """The raw alpha of a normalised config value is the double a raw config would give (seeds use its bits)."""
    assert dam_tables.LoadConvention("normalised").to_raw(model, n, load) == alpha


@pytest.mark.parametrize("load, model, symbol, meaning", [
    ("raw", "dense", "alpha", "raw load alpha = p / N^(n-1)"),
    ("raw", "pbody", "alpha", "raw load alpha = p / N^(n-1)"),
    ("normalised", "dense", "alpha (2n-3)!!", "normalised load alpha (2n-3)!!, alpha = p / N^(n-1)"),
    ("normalised", "pbody", "alpha (n-1)!", "normalised load alpha (n-1)!, alpha = p / N^(n-1)"),
])
def test_the_load_convention_writes_what_dams_figures_write(small_sweep, tmp_path, load, model, symbol, meaning):
    out = copy_of(small_sweep, tmp_path)
    description = json.loads((out / "_sweep.json").read_text())
    description["sweep"]["load"] = load
    (out / "_sweep.json").write_text(json.dumps(description))
    convention = dam_tables.load_convention(out)
    assert convention.name == load
    assert convention.symbol(model) == symbol and convention.meaning(model) == meaning
    factor = dam_tables.crosstalk_variance(model, 3) if load == "normalised" else 1
    assert convention.label(model, 3, 0.05) == f"{symbol} = {0.05 * factor:g}"
    # the axis of both models at once names each model's factor (dam's LoadConvention.axisTitle(n))
    assert convention.axis_title(3) == ("alpha (raw load, p = alpha N^(n-1))" if load == "raw"
                                        else "alpha P(1) (normalised load: dense 3 alpha, pbody 2 alpha)")


def test_a_description_without_a_convention_is_raw_and_a_bad_one_is_refused(small_sweep, tmp_path):
    out = copy_of(small_sweep, tmp_path)
    description = json.loads((out / "_sweep.json").read_text())
    description["sweep"].pop("load", None)
    (out / "_sweep.json").write_text(json.dumps(description))
    assert dam_tables.load_convention(out).name == "raw"
    description["sweep"]["load"] = "scaled"
    (out / "_sweep.json").write_text(json.dumps(description))
    with pytest.raises(ValueError, match="sweep.load: must be raw or normalised, got 'scaled'"):
        dam_tables.load_convention(out)


# ---------------------------------------------------------------- what the notebooks share

@pytest.mark.parametrize("model, n, alpha, m0", [("dense", 2, 0.1, 0.5), ("dense", 3, 0.05, 0.7),
                                                 ("pbody", 3, 0.05, 0.7), ("pbody", 4, 0.01, 0.9)])
def test_first_step_at_temperature_0_is_the_error_function(model, n, alpha, m0):
    p1 = dam_tables.crosstalk_variance(model, n)
    assert dam_tables.first_step(model, n, alpha, m0) == pytest.approx(math.erf(m0 ** (n - 1) / math.sqrt(2 * alpha * p1)), abs=1e-15)


@pytest.mark.parametrize("model, n, alpha, m0, temperature", [("dense", 2, 0.1, 0.5, 0.3), ("pbody", 3, 0.05, 0.7, 0.5),
                                                              ("dense", 3, 0.2, 0.9, 1.0)])
def test_first_step_above_temperature_0_is_the_mean_of_tanh_over_the_gaussian_noise(model, n, alpha, m0, temperature):
    """Against a Monte Carlo mean of tanh((m0^(n-1) + sqrt(alpha P(1)) z) / temperature) (10^6 draws, 5 se)."""
    z = np.random.default_rng(7).standard_normal(1_000_000)
    values = np.tanh((m0 ** (n - 1) + math.sqrt(alpha * dam_tables.crosstalk_variance(model, n)) * z) / temperature)
    got = dam_tables.first_step(model, n, alpha, m0, temperature)
    assert abs(got - values.mean()) < 5 * values.std() / 1000


@pytest.mark.parametrize("n, m0, temperature, m", [(2, 0.9575, 0.5, 0.9575), (3, 0.9456, 0.5, 0.9456)])
def test_first_step_without_noise_is_the_mean_field_map(n, m0, temperature, m):
    """alpha -> 0: m(1) = tanh(m0^(n-1) / temperature); issue 19's fixed points of m = tanh(2 m^(n-1)) at beta = 2."""
    assert dam_tables.first_step("dense", n, 1e-12, m0, temperature) == pytest.approx(m, abs=5e-5)


@pytest.mark.parametrize("model, temperature, name", [
    ("dense", 0, "figure1_n3_N512.png"), ("pbody", 0, "figure1_n3_N512_pbody.png"),
    ("dense", 0.2, "figure1_n3_N512_temperature0.2.png"), ("pbody", 0.05, "figure1_n3_N512_pbody_temperature0.05.png"),
    ("dense", 1.5, "figure1_n3_N512_temperature1.5.png"),
    ("dense", 0.123456, "figure1_n3_N512_temperature0.1235.png"),
    ("pbody", 0.00001, "figure1_n3_N512_pbody_temperature1.000e-05.png")])
def test_figure_names_follow_dams_report(model, temperature, name):
    """The same rule and cases as the report's (jobs ReportTest.fileNamesKeepEveryModelAndTemperatureApart); numbers
    as jobs report.Panels.number writes them (4 significant digits, Java's %.4g)."""
    assert dam_tables.figure_name("figure1_n3_N512", model, temperature) == name
    written = name.removesuffix(".png").split("_temperature")[1] if "_temperature" in name else "0"
    assert dam_tables.condition_label(model, temperature) == f"{model} model, temperature {written}"


def test_keys_round_doubles_and_keep_strings():
    assert dam_tables.key("pbody", 3, 0.1 + 0.2, 0.3) == ("pbody", 3.0, 0.3, 0.3)


# ---------------------------------------------------------------- Spark

def test_spark_reads_the_same_committed_rows_as_pandas(small_sweep, tmp_path, spark):
    out = copy_of(small_sweep, tmp_path)
    two = part_of_order(out, "trials", 2)
    commit(out, "batch-00000-1.json", two)
    shutil.copy(out / two[0], out / "trials" / "part-99999-killed.parquet")
    local = dam_tables.committed_files(out, "trials")
    assert dam_tables.committed_files(out, "trials", dam_tables.HadoopFiles(spark)) == local
    frame = dam_tables.read_spark(spark, str(out), "trials")
    pandas_rows = dam_tables.read_table(out, "trials")
    assert frame.count() == len(pandas_rows) and {r.n for r in frame.select("n").distinct().collect()} == {2}
    assert sorted(r.seed for r in frame.select("seed").collect()) == sorted(pandas_rows["seed"])
    assert dam_tables.read_spark(spark, str(out), "grid") is None
    assert dam_tables.load_convention(str(out), dam_tables.HadoopFiles(spark)).name == "raw"


# ---------------------------------------------------------------- while a sweep writes

SWEEP_WHILE_READ = """
sweep {
  model = [dense, pbody]
  n = [2]
  neurons = [64]
  temperature = [0, 0.2]
  alpha = [0.05, 0.1]
  m0 = [0.3, 0.6, 1.0]
  trials = 8
  states-per-pattern-set = 4
  steps = 8
  seed = 5
  batch-points = 1
  theory.enabled = false
}
"""


def test_reading_while_a_sweep_writes_sees_only_complete_committed_points(tmp_path):
    """A real `bin/dam sweep` in the background, one grid point per batch: every read while it runs holds whole
    points of trials/ (as many trials as planned, never part of a batch) and grid/ rows only for points whose trials
    are there too; the rows only grow; at the end the committed rows are the whole directory's."""
    if shutil.which("java") is None:
        pytest.skip("java: not on PATH, cannot run bin/dam")
    config = tmp_path / "while.conf"
    config.write_text(SWEEP_WHILE_READ)
    out = tmp_path / "out"
    log = (tmp_path / "sweep.log").open("w")
    sweep = subprocess.Popen([str(REPO / "bin" / "dam"), "sweep", str(config), "--output", str(out)], cwd=REPO,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    reads, sizes, uncommitted_seen = 0, [], 0
    point = ["model", "n", "neurons", "temperature", "alpha", "m0"]
    try:
        deadline = time.monotonic() + 900
        while sweep.poll() is None:
            assert time.monotonic() < deadline, "the sweep did not end within 15 minutes"
            if (out / "_sweep.json").exists():
                on_disk = {p.name for p in (out / "trials").glob("*.parquet")} if (out / "trials").is_dir() else set()
                # grid/ first: a batch committed between the two reads adds to trials/ only what grid/ then lacks
                grid = dam_tables.read_table(out, "grid", columns=point + ["trials"])
                trials = dam_tables.read_table(out, "trials", columns=point + ["trial"])
                reads += 1
                rows = 0 if trials is None else len(trials)
                uncommitted_seen += len(on_disk - {Path(f).name for f in dam_tables.committed_files(out, "trials")}) > 0
                if trials is not None:
                    per_point = trials.groupby(point).size().reset_index(name="rows")
                    # 8 trials, or one per pattern set (2) where a set's initial states coincide (m0 = 1, temperature 0)
                    planned = np.where((per_point["m0"] == 1.0) & (per_point["temperature"] == 0), 2, 8)
                    assert (per_point["rows"] == planned).all(), f"a point read in part:\n{per_point}"
                if grid is not None:
                    assert trials is not None and set(map(tuple, grid[point].values.tolist())) <= set(
                        map(tuple, trials[point].drop_duplicates().values.tolist()))
                assert not sizes or rows >= sizes[-1], "committed rows never disappear"
                sizes.append(rows)
            time.sleep(0.2)
    finally:
        if sweep.poll() is None:
            os.killpg(sweep.pid, signal.SIGTERM)
        log.close()
    assert sweep.returncode == 0, (tmp_path / "sweep.log").read_text()[-3000:]
    final = dam_tables.read_table(out, "trials")
    assert len(final) == 20 * 8 + 4 * 2, "24 points of 8 trials; at m0 = 1 and temperature 0 one per pattern set"
    whole = pd.read_parquet(out / "trials")
    assert len(whole) == len(final) and sorted(whole["seed"]) == sorted(final["seed"])
    intermediate = [s for s in sizes if 0 < s < len(final)]
    print(f"{reads} reads while the sweep ran, {len(set(intermediate))} distinct partial states, "
          f"{uncommitted_seen} with uncommitted part files on disk")
    assert intermediate, f"no read saw the sweep part way (sizes {sorted(set(sizes))}): the test did not test it"
