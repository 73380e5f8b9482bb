"""Executes notebooks/figure1.ipynb and notebooks/phase_diagram.ipynb against a sweep output.

The notebooks read through python/dam_tables (the readers' contract, implemented once) and define none of it. A
cell that raises fails the test (nbclient's CellExecutionError); every figure the notebook promises must
exist as a PNG with data drawn in it; the tables it writes are checked against the Parquet tables. The
sweep output itself is checked against the planned schema, since the notebooks rely on it.
"""
import ast
import math

import matplotlib
import nbformat
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import dam_tables
from conftest import NOTEBOOKS
from fixtures.sweep import SCHEMAS

matplotlib.use("Agg")
import matplotlib.image as mimage  # noqa: E402


def run_notebook(name, output, monkeypatch):
    """Executes the notebook with DAM_OUTPUT=output on the python3 kernel; returns all its printed text."""
    monkeypatch.setenv("DAM_OUTPUT", str(output))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def assert_figure_drawn(path):
    """The PNG exists, has a real size, and has coloured data on it (axes alone are black on white)."""
    assert path.is_file(), f"{path.name}: not written"
    image = mimage.imread(path)[..., :3]
    height, width = image.shape[:2]
    assert height >= 200 and width >= 300, f"{path.name}: only {width}x{height} pixels"
    assert image.var() > 0.005, f"{path.name}: pixel variance {image.var():.5f}, looks empty"
    coloured = (image.max(axis=2) - image.min(axis=2) > 0.1).mean()
    assert coloured > 0.005, f"{path.name}: only {coloured:.2%} coloured pixels, no data drawn"


def read(output, table):
    return pd.read_parquet(output / table, dtype_backend="numpy_nullable")


def first_step_tolerance(theory):
    """Five standard errors of a mean of values in [-1, 1] over the fewest paths (paths = 0: a deterministic theory)."""
    paths = int(theory["paths"].min())
    return 5 / math.sqrt(paths) if paths > 0 else 1e-9


CONDITION = ["model", "n", "neurons", "temperature"]
POINT = ["model", "n", "neurons", "temperature", "alpha", "m0"]


def figure1_panel_titles(trials, load):
    """The panel titles figure1.ipynb prints per figure: one per load, in the sweep's convention for its model."""
    titles = {}
    for (model, n, neurons, temperature), part in trials.groupby(CONDITION):
        name = dam_tables.figure_name(f"figure1_n{n}_N{neurons}", model, temperature)
        titles[name] = ", ".join(load.label(model, n, a) for a in sorted(part["alpha"].unique()))
    return titles


def comparable(arrow_type):
    """A type's identity for the schema check: lists by element type (Spark marks elements not null)."""
    if pa.types.is_list(arrow_type):
        return f"list<{arrow_type.value_type}>"
    return str(arrow_type)


@pytest.mark.parametrize("table", SCHEMAS)
def test_sweep_output_table_has_the_planned_columns_and_types(sweep_output, table):
    """What the notebooks rely on: every table present is a flat directory with exactly docs/tables.md's columns and types."""
    if not (sweep_output / table).is_dir():
        pytest.skip(f"{table}/: not in this sweep output")
    assert not any(p.is_dir() for p in (sweep_output / table).iterdir()), f"{table}/: has subdirectories"
    found = ds.dataset(sweep_output / table, format="parquet").schema
    assert [(f.name, comparable(f.type)) for f in found] == [(f.name, comparable(f.type)) for f in SCHEMAS[table]]


@pytest.mark.parametrize("name", ["figure1.ipynb", "phase_diagram.ipynb"])
def test_committed_notebook_has_cleared_outputs_and_reads_dam_output(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "DAM_OUTPUT" in code[0].source and "../out/demo" in code[0].source
    assert "import dam_tables" in code[0].source, "the reader is imported in the first cell"
    assert nb.metadata.kernelspec.name == "python3"


# What python/dam_tables implements once (issue 22.2): no notebook defines it again, nor reads Parquet itself.
READER_HELPERS = {"committed_files", "read_table", "load_factor", "load_convention", "save", "save_figure", "key",
                  "double_factorial", "exact_first_step", "first_step", "figure_name"}


@pytest.mark.parametrize("name", ["figure1.ipynb", "phase_diagram.ipynb"])
def test_notebooks_use_the_reader_module_and_define_none_of_it(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    defined = {node.name for node in ast.walk(ast.parse(code)) if isinstance(node, ast.FunctionDef)}
    assert not defined & READER_HELPERS, f"{name} defines {defined & READER_HELPERS} again"
    for private in ("_progress", "_overwriting", "pyarrow", "read_parquet", "_sweep.json", "math.prod"):
        assert private not in code, f"{name}: {private} belongs to dam_tables"
    assert "dam_tables.read_table(" in code and "dam_tables.load_convention(OUTPUT)" in code


def test_figure1_notebook_draws_every_figure_and_the_deviation_table(output_view, monkeypatch):
    output = output_view()
    text = run_notebook("figure1.ipynb", output, monkeypatch)
    load = dam_tables.load_convention(output)
    trials = read(output, "trials")
    for name, titles in figure1_panel_titles(trials, load).items():
        assert f"{name} panels: {titles}\n" in text, "panels titled with loads in the sweep's convention"

    for model, n, neurons, temperature in trials[CONDITION].drop_duplicates().itertuples(index=False):
        for stem in (f"figure1_n{n}_N{neurons}", f"convergence_time_n{n}_N{neurons}"):
            assert_figure_drawn(output / "figures_nb" / dam_tables.figure_name(stem, model, temperature))
    for n in trials["n"].unique():
        assert_figure_drawn(output / "figures_nb" / f"transient_n{n}.png")
        if trials.loc[trials["n"] == n, "model"].nunique() > 1:
            assert_figure_drawn(output / "figures_nb" / f"models_success_n{n}.png")

    grid = read(output, "grid")
    deviation = pd.read_csv(output / "figures_nb" / "deviation_table.csv")
    assert len(deviation) == len(grid)
    # The table's m(1) is the mean over that point's trials, and the exact column is the formula of its model and
    # temperature.
    sim_m1 = trials.assign(m1=trials["m"].map(lambda m: m[1])).groupby(POINT)["m1"].mean()
    for r in deviation.itertuples():
        assert r.sim_m1 == pytest.approx(sim_m1[(r.model, r.n, r.neurons, r.temperature, r.alpha, r.m0)], abs=1e-9)
        assert r.exact_m1 == pytest.approx(dam_tables.first_step(r.model, r.n, r.alpha, r.m0, r.temperature), abs=1e-12)
        assert r.max_dev >= abs(r.sim_m1 - r.theory_m1) - 1e-12
    # The theory's first step is exact up to its Monte Carlo error (docs/physics.md, section 4).
    tolerance = first_step_tolerance(read(output, "theory"))
    assert np.max(np.abs(deviation["theory_m1"] - deviation["exact_m1"])) < tolerance
    if trials["model"].nunique() > 1:
        table = pd.read_csv(output / "figures_nb" / "models_table.csv")
        assert {"success_fraction_dense", "success_fraction_pbody", "max_m_mean_dense", "max_m_mean_pbody"} <= set(
            table.columns)


def test_figure1_notebook_without_grid_aggregates_the_trials_itself(output_view, monkeypatch):
    output = output_view(("trials", "theory"))
    text = run_notebook("figure1.ipynb", output, monkeypatch)

    assert "grid    absent" in text
    trials = read(output, "trials")
    points = trials[POINT].drop_duplicates()
    deviation = pd.read_csv(output / "figures_nb" / "deviation_table.csv")
    assert len(deviation) == len(points)
    assert deviation["trials"].sum() == len(trials)
    for model, n, neurons, temperature in points[CONDITION].drop_duplicates().itertuples(index=False):
        assert_figure_drawn(output / "figures_nb" / dam_tables.figure_name(f"convergence_time_n{n}_N{neurons}", model,
                                                                          temperature))
    for n in points["n"].unique():
        assert_figure_drawn(output / "figures_nb" / f"transient_n{n}.png")


def largest_horizon_rows(phase):
    """phase_diagram/'s simulation rows and the theory rows of the largest horizon T of each (model, n, temperature)."""
    theory = phase[phase["source"] == "theory"]
    largest = theory.groupby(["model", "n", "temperature"])["steps"].transform("max")
    return pd.concat([phase[phase["source"] != "theory"], theory[theory["steps"] == largest]])


def test_phase_diagram_notebook_uses_phase_diagram_and_capacity_when_present(sweep_output, output_view, monkeypatch):
    if not (sweep_output / "phase_diagram").is_dir() or not (sweep_output / "capacity").is_dir():
        pytest.skip("this sweep output has no phase_diagram/ or capacity/ (a plain sweep)")
    output = output_view()
    text = run_notebook("phase_diagram.ipynb", output, monkeypatch)

    assert "boundary from phase_diagram/" in text
    phase = read(output, "phase_diagram")
    for model, temperature in phase[["model", "temperature"]].drop_duplicates().itertuples(index=False):
        assert_figure_drawn(output / "figures_nb" / dam_tables.figure_name("phase_diagram", model, temperature))
    for n, part in phase.groupby("n"):
        if part["model"].nunique() > 1:
            assert_figure_drawn(output / "figures_nb" / f"models_n{n}.png")
    if (output / "critical_temperature").is_dir():
        for n in read(output, "critical_temperature")["n"].unique():
            assert_figure_drawn(output / "figures_nb" / f"temperature_n{n}.png")
    # the table holds the simulation rows and the theory rows of the largest horizon T (the figure also draws the
    # shorter horizons of the ladder)
    table = pd.read_csv(output / "figures_nb" / "m0c_by_source.csv")
    assert len(table) == len(largest_horizon_rows(phase))
    assert "method" in text, "the notebook prints capacity/ with its method column"


def test_phase_diagram_notebook_falls_back_to_basins(output_view, monkeypatch):
    output = output_view(("basins", "grid"))
    text = run_notebook("phase_diagram.ipynb", output, monkeypatch)

    assert "boundary from basins/" in text
    basins = read(output, "basins")
    for model, temperature in basins[["model", "temperature"]].drop_duplicates().itertuples(index=False):
        assert_figure_drawn(output / "figures_nb" / dam_tables.figure_name("phase_diagram", model, temperature))
    table = pd.read_csv(output / "figures_nb" / "m0c_by_source.csv")
    theory = table[table["source"] == "theory"]
    simulation = table[table["source"] == "simulation"]
    assert len(simulation) == len(basins)
    load = ["model", "n", "temperature", "alpha"]
    assert len(theory) == len(basins[load].drop_duplicates())
    expected = basins.sort_values("neurons").drop_duplicates(load).set_index(load)["theory_m0c"]
    for r in theory.itertuples():
        want = expected[(r.model, r.n, r.temperature, r.alpha)]
        assert (pd.isna(r.m0c) and pd.isna(want)) or r.m0c == pytest.approx(want)
    assert "no critical_temperature/" in text


def test_phase_diagram_notebook_without_any_boundary_table_names_what_is_missing(output_view, monkeypatch):
    output = output_view(("trials",))
    with pytest.raises(CellExecutionError, match="basins/ and phase_diagram/: both missing"):
        run_notebook("phase_diagram.ipynb", output, monkeypatch)


def test_notebooks_draw_normalised_loads_when_the_sweep_says_so(sweep_output, output_view, monkeypatch):
    """sweep.load = normalised in _sweep.json: panel titles, the load axes and the alpha_c legends in alpha P(1) of
    each model: alpha (2n-3)!! for the dense model, alpha (n-1)! for the p-body model."""
    output = output_view(load="normalised")
    load = dam_tables.load_convention(output)
    text = run_notebook("figure1.ipynb", output, monkeypatch)
    trials = read(output, "trials")
    for model in trials["model"].unique():
        assert f"loads drawn as ({model}): {load.meaning(model)}" in text
    assert "loads drawn as (dense): normalised load alpha (2n-3)!!, alpha = p / N^(n-1)" in text
    for name, titles in figure1_panel_titles(trials, load).items():
        assert f"{name} panels: {titles}\n" in text, text

    text = run_notebook("phase_diagram.ipynb", output, monkeypatch)
    phase = read(output, "phase_diagram") if (output / "phase_diagram").is_dir() else read(output, "basins")
    for model, temperature, n in phase[["model", "temperature", "n"]].drop_duplicates().itertuples(index=False):
        factor = dam_tables.crosstalk_variance(model, n)
        symbol = {"dense": "(2n-3)!!", "pbody": "(n-1)!"}[model]
        assert (f"{model}, temperature {temperature:g}, n = {n}: x axis 'alpha {symbol} = {factor} alpha "
                f"(normalised load)';") in text, text
    if phase["model"].nunique() > 1:
        for n in phase["n"].unique():
            assert f"x axis '{load.axis_title(n)}'" in text
    if (output / "capacity").is_dir():
        ladder = read(output, "capacity")
        ladder = ladder[(ladder["method"] == "ladder") & ladder["alpha_c"].notna()]
        for (model, n, temperature), rows in ladder.groupby(["model", "n", "temperature"]):
            c = rows.sort_values("steps").iloc[-1]
            factor = dam_tables.crosstalk_variance(model, n)
            assert f"{load.capacity_symbol(model)} = {c['alpha_c'] * factor:.4g} (T = {c['steps']})" in text, text
