"""Checks notebooks/figure1.zpln: a valid Zeppelin 0.11 note with the paragraphs it promises, and (where
Java is installed) runs its paragraphs in order on a local Spark session against a sweep output, with a
stand-in for Zeppelin's `z` that records what the note shows.
"""
import ast
import json

import matplotlib
import pytest

import dam_tables

matplotlib.use("Agg")
import matplotlib.image as mimage  # noqa: E402

from conftest import NOTEBOOKS  # noqa: E402

NOTE = NOTEBOOKS / "figure1.zpln"


def load_note():
    return json.loads(NOTE.read_text())


def interpreter(paragraph):
    return paragraph["text"].split("\n", 1)[0].strip()


def body(paragraph):
    return paragraph["text"].split("\n", 1)[1] if "\n" in paragraph["text"] else ""


def sql_statements(text):
    """The statements of a %spark.sql paragraph, split on ';' as Zeppelin does, comments dropped."""
    code = "\n".join(line.split("--", 1)[0] for line in text.splitlines())
    return [s for s in code.split(";") if s.strip()]


def test_note_is_a_zeppelin_note_with_unique_paragraph_ids():
    note = load_note()
    for field in ("paragraphs", "name", "id", "config", "info"):
        assert field in note, f"{field}: missing from the note"
    assert note["name"] and note["id"]
    ids = [p["id"] for p in note["paragraphs"]]
    assert len(ids) == len(set(ids)) >= 5
    for p in note["paragraphs"]:
        assert {"text", "config", "settings"} <= p.keys()
        assert "results" not in p, f"{p['id']}: results are committed; clear them"


def test_note_uses_spark_sql_and_pyspark_with_non_empty_paragraphs():
    paragraphs = load_note()["paragraphs"]
    kinds = [interpreter(p) for p in paragraphs]
    assert "%spark.sql" in kinds and "%spark.pyspark" in kinds
    assert "%spark.conf" not in kinds
    # The tables read right at Spark's default settings: the note must not need a session-wide switch.
    assert "caseSensitive" not in "\n".join(p["text"] for p in paragraphs)
    for p in paragraphs:
        assert interpreter(p).startswith("%"), f"{p['id']}: no interpreter line"
        assert body(p).strip(), f"{p['id']}: empty paragraph"


def test_first_paragraph_sets_the_output_path_variable_and_imports_the_reader():
    first = load_note()["paragraphs"][0]
    assert interpreter(first) == "%spark.pyspark"
    assigned = {t.id for node in ast.parse(body(first)).body if isinstance(node, ast.Assign) for t in node.targets}
    assert "OUTPUT" in assigned
    assert "import dam_tables" in body(first) and "pip install -e" in body(first), "says how to install it"


def test_the_note_reads_through_dam_tables_and_implements_no_contract_of_its_own():
    """The readers' contract lives in python/dam_tables only: the note never lists _progress/ itself."""
    text = "\n".join(p["text"] for p in load_note()["paragraphs"])
    code = "\n".join(line.split("#", 1)[0] for p in load_note()["paragraphs"] if interpreter(p) == "%spark.pyspark"
                     for line in body(p).splitlines())
    assert "_progress" not in code and "_overwriting" not in code, "the note lists no records itself"
    assert "dam_tables.read_spark(" in text and "dam_tables.load_convention(" in text
    for p in load_note()["paragraphs"]:
        if interpreter(p) == "%spark.pyspark":
            defined = {node.name for node in ast.walk(ast.parse(body(p))) if isinstance(node, ast.FunctionDef)}
            assert not defined & {"committed_files", "read_table", "load_factor", "exact_first_step"}, p["id"]


def test_note_references_the_trials_theory_and_grid_tables():
    paragraphs = load_note()["paragraphs"]
    text = "\n".join(p["text"] for p in paragraphs)
    for table in ("trials", "theory", "grid"):
        assert f'"{table}"' in text, f"{table}: never registered or read"
    sql = "\n".join(body(p) for p in paragraphs if interpreter(p) == "%spark.sql")
    for table in ("FROM grid", "FROM trials", "JOIN theory"):
        assert table in sql
    # a grid point is (model, n, neurons, temperature, alpha, m0): the join and the groups keep the models apart
    assert "s.model = t.model" in sql and "s.temperature = t.temperature" in sql
    assert sql.count("GROUP BY model, n, neurons, temperature, alpha, m0") == 2


def test_pyspark_paragraphs_are_valid_python():
    for p in load_note()["paragraphs"]:
        if interpreter(p) == "%spark.pyspark":
            compile(body(p), p["id"], "exec")


class RecordingZeppelinContext:
    """The part of Zeppelin's `z` the note uses: put/get, and show() of a pandas table or of pyplot."""

    def __init__(self, figures_dir):
        self.store, self.tables, self.figures, self.figures_dir = {}, [], [], figures_dir
        self.titles = []  # per shown figure, its panels' titles

    def put(self, key, value):
        self.store[key] = value

    def get(self, key):
        return self.store[key]

    def show(self, obj, **kwargs):
        if getattr(obj, "__name__", "") == "matplotlib.pyplot":
            path = self.figures_dir / f"z_show_{len(self.figures)}.png"
            obj.savefig(path)
            self.figures.append(path)
            self.titles.append([ax.get_title() for ax in obj.gcf().axes])
        else:
            self.tables.append(obj)


def test_note_runs_paragraph_by_paragraph_on_local_spark(spark, sweep_output, tmp_path, monkeypatch):
    monkeypatch.setenv("DAM_OUTPUT", str(sweep_output))
    z = RecordingZeppelinContext(tmp_path)
    namespace = {"spark": spark, "sc": spark.sparkContext, "z": z}
    sql_rows = []
    for p in load_note()["paragraphs"]:
        kind = interpreter(p)
        if kind == "%spark.pyspark":
            exec(compile(body(p), p["id"], "exec"), namespace)
        elif kind == "%spark.sql":
            for statement in sql_statements(body(p)):
                sql_rows.append(spark.sql(statement).collect())

    assert z.get("dam_output") == str(sweep_output)
    assert spark.conf.get("spark.sql.caseSensitive") == "false", "the note ran at Spark's default settings"
    grid_points = spark.table("grid").count()
    assert [len(rows) for rows in sql_rows] == [grid_points] * len(sql_rows)
    # The SQL success fraction from the trials agrees with grid/, point by point (models and temperatures apart).
    point = lambda r: (r.model, r.n, r.neurons, r.temperature, r.alpha, r.m0)
    grid_sf = {point(r): r.success_fraction for r in sql_rows[0]}
    for r in sql_rows[1]:
        assert r.success_fraction == pytest.approx(grid_sf[point(r)], abs=1e-3)
    # Figure 1 and the convergence time: one figure per (model, n, neurons, temperature) each, with data drawn.
    conditions = spark.table("trials").select("model", "n", "neurons", "temperature").distinct().count()
    assert len(z.figures) == 2 * conditions
    for path in z.figures:
        image = mimage.imread(path)[..., :3]
        assert (image.max(axis=2) - image.min(axis=2) > 0.1).mean() > 0.005, f"{path.name}: no data drawn"
    (deviation,) = z.tables
    assert len(deviation) == grid_points
    for r in deviation.itertuples():
        assert r.exact_m1 == round(dam_tables.first_step(r.model, r.n, r.alpha, r.m0, r.temperature), 4)
    # The note rounds to 4 decimals; the theory's first step is exact up to its Monte Carlo error.
    paths = spark.table("theory").agg({"paths": "min"}).first()[0]
    tolerance = (5 / paths ** 0.5 if paths > 0 else 0) + 1e-4
    assert (deviation["theory_m1"] - deviation["exact_m1"]).abs().max() < tolerance


def test_note_titles_figure1_panels_with_normalised_loads_when_the_sweep_says_so(spark, output_view, tmp_path,
                                                                                  monkeypatch):
    """sweep.load = normalised in _sweep.json: Figure 1's panels say alpha P(1) of their model: alpha (2n-3)!! = alpha
    x (2n-3)!! (dense), alpha (n-1)! = alpha x (n-1)! (pbody)."""
    output = output_view(load="normalised")
    monkeypatch.setenv("DAM_OUTPUT", str(output))
    z = RecordingZeppelinContext(tmp_path)
    namespace = {"spark": spark, "sc": spark.sparkContext, "z": z}
    paragraphs = load_note()["paragraphs"]
    figure1 = next(p for p in paragraphs if p.get("title", "").startswith("Figure 1"))
    for p in [paragraphs[0], paragraphs[2], figure1]:
        exec(compile(body(p), p["id"], "exec"), namespace)
    assert namespace["LOAD"].name == "normalised"
    trials = spark.table("trials").select("model", "n", "neurons", "temperature", "alpha").distinct().toPandas()
    expected = []
    for (model, n, neurons, temperature), part in trials.groupby(["model", "n", "neurons", "temperature"]):
        symbol = {"dense": "alpha (2n-3)!!", "pbody": "alpha (n-1)!"}[model]
        factor = dam_tables.crosstalk_variance(model, n)
        expected.append([f"{symbol} = {a * factor:g}" for a in sorted(part["alpha"])])
    assert z.titles == expected
