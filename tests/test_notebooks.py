"""Executes notebooks/figure1.ipynb and notebooks/phase_diagram.ipynb against a sweep output.

A cell that raises fails the test (nbclient's CellExecutionError); every figure the notebook promises must
exist as a PNG with data drawn in it; the tables it writes are checked against the Parquet tables. The
sweep output itself is checked against the planned schema, since the notebooks rely on it.
"""
import json
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
    return pd.read_parquet(output / table)


def first_step_tolerance(theory):
    """Five standard errors of a mean of +-1 over the fewest paths (paths = 0: a deterministic theory)."""
    paths = int(theory["paths"].min())
    return 5 / math.sqrt(paths) if paths > 0 else 1e-9


def exact_first_step(n, alpha, m0):
    double_factorial = math.prod(range(2 * n - 3, 0, -2))
    return math.erf(m0 ** (n - 1) / math.sqrt(2 * alpha * double_factorial))


def load_convention(output):
    """The sweep's load convention, as its _sweep.json says (raw if it does not)."""
    path = output / "_sweep.json"
    return (json.loads(path.read_text()) if path.exists() else {}).get("sweep", {}).get("load", "raw")


def figure1_panel_titles(trials, load):
    """The panel titles figure1.ipynb prints per figure: one per load, in the sweep's convention."""
    titles = {}
    for (n, neurons), part in trials.groupby(["n", "neurons"]):
        factor = math.prod(range(2 * n - 3, 0, -2)) if load == "normalised" else 1
        symbol = "alpha (2n-3)!!" if load == "normalised" else "alpha"
        titles[f"figure1_n{n}_N{neurons}.png"] = ", ".join(f"{symbol} = {a * factor:g}" for a in sorted(part["alpha"].unique()))
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
    assert nb.metadata.kernelspec.name == "python3"


def test_figure1_notebook_draws_every_figure_and_the_deviation_table(output_view, monkeypatch):
    output = output_view()
    text = run_notebook("figure1.ipynb", output, monkeypatch)
    for name, titles in figure1_panel_titles(read(output, "trials"), load_convention(output)).items():
        assert f"{name} panels: {titles}\n" in text, "panels titled with loads in the sweep's convention"

    trials = read(output, "trials")
    for n, neurons in trials[["n", "neurons"]].drop_duplicates().itertuples(index=False):
        assert_figure_drawn(output / "figures_nb" / f"figure1_n{n}_N{neurons}.png")
        assert_figure_drawn(output / "figures_nb" / f"convergence_time_n{n}_N{neurons}.png")

    deviation = pd.read_csv(output / "figures_nb" / "deviation_table.csv")
    assert len(deviation) == len(read(output, "grid"))
    # The table's m(1) is the mean over that point's trials, and the exact column is the formula.
    sim_m1 = trials.assign(m1=trials["m"].map(lambda m: m[1])).groupby(["n", "neurons", "alpha", "m0"])["m1"].mean()
    for r in deviation.itertuples():
        assert r.sim_m1 == pytest.approx(sim_m1[(r.n, r.neurons, r.alpha, r.m0)], abs=1e-9)
        assert r.exact_m1 == pytest.approx(exact_first_step(r.n, r.alpha, r.m0), abs=1e-12)
        assert r.max_dev >= abs(r.sim_m1 - r.theory_m1) - 1e-12
    # The theory's first step is exact up to its Monte Carlo error (docs/physics.md, section 4).
    tolerance = first_step_tolerance(read(output, "theory"))
    assert np.max(np.abs(deviation["theory_m1"] - deviation["exact_m1"])) < tolerance


def test_figure1_notebook_without_grid_aggregates_the_trials_itself(output_view, monkeypatch):
    output = output_view(("trials", "theory"))
    text = run_notebook("figure1.ipynb", output, monkeypatch)

    assert "grid    absent" in text
    trials = read(output, "trials")
    points = trials[["n", "neurons", "alpha", "m0"]].drop_duplicates()
    deviation = pd.read_csv(output / "figures_nb" / "deviation_table.csv")
    assert len(deviation) == len(points)
    assert deviation["trials"].sum() == len(trials)
    for n, neurons in points[["n", "neurons"]].drop_duplicates().itertuples(index=False):
        assert_figure_drawn(output / "figures_nb" / f"convergence_time_n{n}_N{neurons}.png")


def test_phase_diagram_notebook_uses_phase_diagram_and_capacity_when_present(sweep_output, output_view, monkeypatch):
    if not (sweep_output / "phase_diagram").is_dir() or not (sweep_output / "capacity").is_dir():
        pytest.skip("this sweep output has no phase_diagram/ or capacity/ (a plain sweep)")
    output = output_view()
    text = run_notebook("phase_diagram.ipynb", output, monkeypatch)

    assert "boundary from phase_diagram/" in text
    assert_figure_drawn(output / "figures_nb" / "phase_diagram.png")
    table = pd.read_csv(output / "figures_nb" / "m0c_by_source.csv")
    # the table holds the simulation rows and the theory rows of the largest horizon T (the figure also draws the
    # shorter horizons of the ladder)
    phase = read(output, "phase_diagram")
    largest = phase.loc[phase["source"] == "theory", "steps"].max()
    assert len(table) == len(phase[(phase["source"] != "theory") | (phase["steps"] == largest)])
    assert "extrapolated" in text, "the notebook prints capacity/ with its horizon and extrapolated columns"


def test_phase_diagram_notebook_falls_back_to_basins(output_view, monkeypatch):
    output = output_view(("basins", "grid"))
    text = run_notebook("phase_diagram.ipynb", output, monkeypatch)

    assert "boundary from basins/" in text
    assert_figure_drawn(output / "figures_nb" / "phase_diagram.png")
    basins = read(output, "basins")
    table = pd.read_csv(output / "figures_nb" / "m0c_by_source.csv")
    theory = table[table["source"] == "theory"]
    simulation = table[table["source"] == "simulation"]
    assert len(simulation) == len(basins)
    assert len(theory) == len(basins[["n", "alpha"]].drop_duplicates())
    expected = basins.sort_values("neurons").drop_duplicates(["n", "alpha"]).set_index(["n", "alpha"])["theory_m0c"]
    for r in theory.itertuples():
        want = expected[(r.n, r.alpha)]
        assert (pd.isna(r.m0c) and pd.isna(want)) or r.m0c == pytest.approx(want)


def test_phase_diagram_notebook_without_any_boundary_table_names_what_is_missing(output_view, monkeypatch):
    output = output_view(("trials",))
    with pytest.raises(CellExecutionError, match="basins/ and phase_diagram/: both missing"):
        run_notebook("phase_diagram.ipynb", output, monkeypatch)


def test_notebooks_draw_normalised_loads_when_the_sweep_says_so(sweep_output, output_view, monkeypatch):
    """sweep.load = normalised in _sweep.json: panel titles, the load axis and the alpha_c legends in alpha (2n-3)!!."""
    output = output_view(load="normalised")
    text = run_notebook("figure1.ipynb", output, monkeypatch)
    assert "loads drawn as: normalised load alpha (2n-3)!!, alpha = p / N^(n-1)" in text
    for name, titles in figure1_panel_titles(read(output, "trials"), "normalised").items():
        assert f"{name} panels: {titles}\n" in text, text

    text = run_notebook("phase_diagram.ipynb", output, monkeypatch)
    assert "loads drawn as: normalised load alpha (2n-3)!!" in text
    phase = read(output, "phase_diagram") if (output / "phase_diagram").is_dir() else read(output, "basins")
    for n in sorted(phase["n"].unique()):
        factor = math.prod(range(2 * n - 3, 0, -2))
        assert f"n = {n}: x axis 'alpha (2n-3)!! = {factor} alpha (normalised load)';" in text, text
    if (output / "capacity").is_dir():
        ladder = read(output, "capacity")
        if "extrapolated" in ladder.columns:
            ladder = ladder[~ladder["extrapolated"]]
        for n, rows in ladder.groupby("n"):
            c = rows.sort_values("steps").iloc[-1]
            factor = math.prod(range(2 * n - 3, 0, -2))
            assert f"alpha_c (2n-3)!! = {c['alpha_c'] * factor:.4g} (T = {c['steps']})" in text, text
