"""Read the Parquet tables of a dam output directory as the readers' contract says (docs/output.md, docs/tables.md).

- ``committed_files(output, table)``: the part files of OUTPUT/table that a record in OUTPUT/_progress lists (a
  directory without _progress/ holds tables written by other means and is read whole; one holding _overwriting has
  nothing committed), so a running or killed sweep's unfinished batch is never read.
- ``read_table(output, table)``: those files as a pandas DataFrame (None when nothing is committed), integer columns
  as pandas' nullable integers (exact where pandas' default would round a 64-bit value with a null beside it);
  ``read_spark(spark, output, table)`` the same as a Spark DataFrame, listed through Spark's Hadoop file system (any
  URI Spark reads: a local path, hdfs://, s3a://).
- ``load_convention(output)``: how the sweep's config wrote its loads (``sweep.load``): raw alpha, or the normalised
  alpha P(1) per model and order n, P(1) = (2n-3)!! for the dense model and (n-1)! for the p-body model.
- ``description(output)`` and ``describe(output)``: the sweep's _sweep.json, as a dict and in a few lines.

A directory written by another table schema than :data:`TABLE_SCHEMA` is refused with one line, never misread; a
table without the model and temperature columns (written by other means, without a description) holds the dense model
at temperature 0 and reads so.
"""
from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import dataclass
from decimal import Context, Decimal
from pathlib import Path

__all__ = [
    "TABLE_SCHEMA", "MODELS", "LoadConvention", "committed_files", "read_table", "read_spark", "load_convention",
    "description", "describe", "crosstalk_variance", "first_step", "figure_name", "condition_label", "key",
    "save_figure", "output_directory",
]

#: The table schema this reader understands (``table_schema`` in _sweep.json).
TABLE_SCHEMA = 5
#: The models of the ``model`` column, in the order the figures draw them.
MODELS = ("dense", "pbody")
DESCRIPTION = "_sweep.json"
#: What the model and temperature of a row are where its table has no such column (before the axes).
AXIS_DEFAULTS = {"model": "dense", "temperature": 0.0}


# ---------------------------------------------------------------- where the files are: local disk or Hadoop

class LocalFiles:
    """The file operations of the contract on a local (or mounted) file system."""

    def exists(self, path):
        return Path(path).exists()

    def is_dir(self, path):
        return Path(path).is_dir()

    def names(self, path):
        """The names in a directory; empty if it is not one."""
        p = Path(path)
        return sorted(c.name for c in p.iterdir()) if p.is_dir() else []

    def read_text(self, path):
        return Path(path).read_text()


class HadoopFiles:
    """The same operations through the Hadoop FileSystem of a Spark session: any URI Spark reads."""

    def __init__(self, spark):
        self._jvm = spark._jvm
        self._conf = spark._jsc.hadoopConfiguration()

    def _resolve(self, path):
        p = self._jvm.org.apache.hadoop.fs.Path(str(path))
        return p, p.getFileSystem(self._conf)

    def exists(self, path):
        p, fs = self._resolve(path)
        return fs.exists(p)

    def is_dir(self, path):
        p, fs = self._resolve(path)
        return fs.exists(p) and fs.getFileStatus(p).isDirectory()

    def names(self, path):
        p, fs = self._resolve(path)
        if not (fs.exists(p) and fs.getFileStatus(p).isDirectory()):
            return []
        return sorted(s.getPath().getName() for s in fs.listStatus(p))

    def read_text(self, path):
        p, fs = self._resolve(path)
        stream = fs.open(p)
        try:
            return self._jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
        finally:
            stream.close()


def _join(output, name):
    return f"{str(output).rstrip('/')}/{name}"


# ---------------------------------------------------------------- the contract

def committed_files(output, table, files=None):
    """The Parquet files of OUTPUT/table that a record under OUTPUT/_progress lists, sorted, as paths under output.

    Without _progress/ (tables written by other means) every part file of the directory; with _overwriting (an
    interrupted --overwrite) none. ``files`` is the file system (LocalFiles by default, HadoopFiles for Spark)."""
    files = files or LocalFiles()
    if files.exists(_join(output, "_overwriting")):
        return []
    progress = _join(output, "_progress")
    if not files.is_dir(progress):
        return [_join(output, f"{table}/{name}") for name in files.names(_join(output, table))
                if name.endswith(".parquet") and not name.startswith((".", "_"))]
    listed = set()
    for name in files.names(progress):
        if name.endswith(".json") and not name.startswith("."):
            record = json.loads(files.read_text(_join(progress, name)))
            listed.update(f for f in record.get("files", []) if f.startswith(table + "/") and f.endswith(".parquet"))
    return [_join(output, f) for f in sorted(listed)]


def _listed(output, table, files, attempts=5):
    """committed_files, listed again where a record vanished or changed under the listing (a derived table rewritten,
    an --overwrite started): records are replaced atomically, so a second listing sees the new state."""
    for attempt in range(attempts):
        try:
            return committed_files(output, table, files)
        except (FileNotFoundError, json.JSONDecodeError):
            if attempt == attempts - 1:
                raise


def read_table(output, table, columns=None):
    """The committed rows of OUTPUT/table as a pandas DataFrame (columns: all, or those named), or None when the table
    has no committed file. A table without model or temperature columns gets them (dense, 0)."""
    import pyarrow.dataset as pads

    check_schema(output)
    for attempt in range(5):
        paths = _listed(output, table, LocalFiles())
        if not paths:
            return None
        try:
            dataset = pads.dataset(paths, format="parquet")
            present = dataset.schema.names
            wanted = present if columns is None else [c for c in columns if c in present]
            frame = dataset.to_table(columns=wanted).to_pandas(types_mapper=_exact_integers)
            break
        except FileNotFoundError:
            # A derived table was rewritten between the listing and the read (its old files deleted): list again.
            if attempt == 4 or all(Path(p).exists() for p in paths):
                raise
    for column, value in _axis_defaults(table).items():
        if column not in present and (columns is None or column in columns):
            frame[column] = value
    return frame


def _exact_integers(arrow_type):
    """pandas' nullable integer dtype for Parquet's integers: pandas' default turns an integer column holding a null
    into float64, which rounds a 64-bit seed (thermal_seed is null at temperature 0) to 53 bits."""
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return pd.api.types.pandas_dtype(str(arrow_type).replace("int", "Int").replace("uInt", "UInt"))
    return None


def read_spark(spark, output, table):
    """The committed rows of OUTPUT/table as a Spark DataFrame (files listed through Spark's Hadoop file system, so
    any URI Spark reads), or None when the table has no committed file. A table without model or temperature columns
    gets them (dense, 0)."""
    from pyspark.sql import functions as F

    files = HadoopFiles(spark)
    check_schema(output, files)
    paths = _listed(output, table, files)
    if not paths:
        return None
    frame = spark.read.parquet(*paths)
    for column, value in _axis_defaults(table).items():
        if column not in frame.columns:
            frame = frame.withColumn(column, F.lit(value))
    return frame


def _axis_defaults(table):
    """The axis columns a table of another writer may lack, with the values its rows have: every table has a model,
    all but critical_temperature/ (whose rows are temperatures) a temperature."""
    return {c: v for c, v in AXIS_DEFAULTS.items() if not (table == "critical_temperature" and c == "temperature")}


# ---------------------------------------------------------------- the sweep's description

def description(output, files=None):
    """The sweep's _sweep.json as a dict; empty when the directory has none (tables written by other means)."""
    files = files or LocalFiles()
    path = _join(output, DESCRIPTION)
    return json.loads(files.read_text(path)) if files.exists(path) else {}


def check_schema(output, files=None):
    """Refuses, in one line, a directory whose description names another table schema than this reader's."""
    found = description(output, files)
    if found and found.get("table_schema", 1) != TABLE_SCHEMA:
        raise ValueError(f"{output}: holds tables of schema version {found.get('table_schema', 1)}, and dam_tables "
                         f"reads version {TABLE_SCHEMA} (docs/tables.md): rerun its sweep with --overwrite, or into a "
                         f"new directory")


def describe(output, files=None):
    """The sweep in a few lines: its axes, trials and steps, load convention, version and runs."""
    found = description(output, files)
    if not found:
        return f"{output}: no {DESCRIPTION} (tables written by other means)"
    sweep = found.get("sweep", {})
    axes = ", ".join(f"{k} {sweep[k]}" for k in ("model", "n", "neurons", "temperature", "alpha", "m0") if k in sweep)
    lines = [f"{output}: table schema {found.get('table_schema', 1)}, dam {found.get('version', '?')}, "
             f"runs {', '.join(found.get('runs', [])) or '?'}",
             f"grid: {axes}" + (f"; by n: {sweep['by-n']}" if sweep.get("by-n") else ""),
             f"trials {sweep.get('trials')} ({sweep.get('states-per-pattern-set')} per pattern set), "
             f"steps {sweep.get('steps')}, {sweep.get('update')} dynamics, {sweep.get('init')} initial states, "
             f"seed {sweep.get('seed')}",
             f"loads: {load_convention(output, files).meaning()}"]
    return "\n".join(lines)


# ---------------------------------------------------------------- loads

def crosstalk_variance(model, n):
    """P(1) of the model at order n: (2n-3)!! for the dense model, (n-1)! for the p-body model."""
    if n < 2:
        raise ValueError(f"n: must be >= 2, got {n}")
    if model == "dense":
        return math.prod(range(2 * n - 3, 0, -2))
    if model == "pbody":
        return math.factorial(n - 1)
    raise ValueError(f"model: must be dense or pbody, got {model!r}")


FACTOR_SYMBOL = {"dense": "(2n-3)!!", "pbody": "(n-1)!"}


@dataclass(frozen=True)
class LoadConvention:
    """How loads are written: ``raw`` (alpha = p / N^(n-1)) or ``normalised`` (alpha P(1) of each model and n, the
    load at which the first-step signal-to-noise ratio is the same for every n and both models). The tables always
    hold the raw alpha; a figure draws ``from_raw``."""

    name: str

    def __post_init__(self):
        if self.name not in ("raw", "normalised"):
            raise ValueError(f"sweep.load: must be raw or normalised, got {self.name!r}")

    @property
    def normalised(self):
        return self.name == "normalised"

    def factor(self, model, n):
        """P(1) of the model at order n for normalised loads, 1 for raw ones."""
        return crosstalk_variance(model, n) if self.normalised else 1

    def from_raw(self, model, n, alpha):
        """The load in this convention of raw load alpha."""
        return alpha * self.factor(model, n)

    def to_raw(self, model, n, load):
        """The raw alpha of a load written in this convention, divided in decimal as dam does (the dense model's
        normalised 0.3 at n = 3 is the double 0.1 that a raw config gives)."""
        if not self.normalised:
            return load
        return float(Context(prec=16).divide(Decimal(repr(float(load))), Decimal(crosstalk_variance(model, n))))

    def symbol(self, model):
        """A load's symbol in legends: alpha, alpha (2n-3)!! or alpha (n-1)!."""
        return f"alpha {FACTOR_SYMBOL[model]}" if self.normalised else "alpha"

    def capacity_symbol(self, model):
        return f"alpha_c {FACTOR_SYMBOL[model]}" if self.normalised else "alpha_c"

    def label(self, model, n, alpha):
        """A raw load as a legend writes it: "alpha (2n-3)!! = 0.3"."""
        return f"{self.symbol(model)} = {self.from_raw(model, n, alpha):g}"

    def axis_title(self, n, model=None):
        """A load axis for one model at order n, or (model None) for both models at once."""
        if not self.normalised:
            return "alpha (raw load, p = alpha N^(n-1))"
        if model is not None:
            return f"alpha {FACTOR_SYMBOL[model]} = {crosstalk_variance(model, n)} alpha (normalised load)"
        return (f"alpha P(1) (normalised load: dense {crosstalk_variance('dense', n)} alpha, "
                f"pbody {crosstalk_variance('pbody', n)} alpha)")

    def meaning(self, model=None):
        """What the loads are, for a title: of one model, or (model None) of both."""
        if not self.normalised:
            return "raw load alpha = p / N^(n-1)"
        if model is not None:
            return f"normalised load alpha {FACTOR_SYMBOL[model]}, alpha = p / N^(n-1)"
        return "normalised load alpha P(1) (dense: alpha (2n-3)!!, pbody: alpha (n-1)!), alpha = p / N^(n-1)"


def load_convention(output, files=None):
    """The convention of the sweep's config (``sweep.load`` in _sweep.json); raw where it does not say."""
    return LoadConvention(description(output, files).get("sweep", {}).get("load", "raw"))


# ---------------------------------------------------------------- what the notebooks share

def first_step(model, n, alpha, m0, temperature=0.0):
    """The exact first step m(1) of the theory: erf(m0^(n-1) / sqrt(2 alpha P(1))) at temperature 0, and
    E_z tanh((m0^(n-1) + sqrt(alpha P(1)) z) / temperature) above it (z standard normal; Gauss-Hermite, 80 nodes)."""
    signal = m0 ** (n - 1)
    noise = math.sqrt(alpha * crosstalk_variance(model, n))
    if temperature == 0:
        return math.erf(signal / (math.sqrt(2) * noise))
    import numpy as np

    z, w = _normal_nodes()
    return float(np.dot(w, np.tanh((signal + noise * z) / temperature)))


@functools.lru_cache(maxsize=1)
def _normal_nodes():
    """Nodes and weights of the 80-point Gauss-Hermite rule for the standard normal (weights summing to 1)."""
    import numpy as np

    z, w = np.polynomial.hermite_e.hermegauss(80)
    return z, w / math.sqrt(2 * math.pi)


def number(x):
    """A number as dam's figures write it (jobs report.Panels.number): an integer without a point, else 4
    significant digits without trailing zeros, scientific (d.ddde-05) outside [1e-4, 1e4) as Java's %.4g."""
    x = float(x)
    if x == int(x) and abs(x) < 1e9:
        return "%d" % x
    text = "%.4g" % x
    if "e" in text:
        return "%.3e" % x
    return text


def figure_name(stem, model="dense", temperature=0.0):
    """The file name of a figure per model and temperature, as dam's report names its own: stem.png for the dense
    model at temperature 0, stem_pbody.png, stem_temperature0.2.png, stem_pbody_temperature0.2.png."""
    return (stem + ("" if model == "dense" else f"_{model}")
            + ("" if temperature == 0 else f"_temperature{number(temperature)}") + ".png")


def condition_label(model, temperature):
    """"dense model, temperature 0": how a title names the model and temperature of what it shows."""
    return f"{model} model, temperature {number(temperature)}"


def key(*values):
    """A dictionary key for parameter values read back from Parquet: doubles rounded to 12 places, strings kept."""
    return tuple(v if isinstance(v, str) else round(float(v), 12) for v in values)


def save_figure(fig, directory, name):
    """Saves a matplotlib figure as directory/name (110 dpi, tight), prints and returns the path."""
    path = Path(directory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    print("wrote", path)
    return path


def output_directory(default="../out/demo"):
    """The output directory a notebook reads: $DAM_OUTPUT, else default (relative to the working directory),
    which must exist."""
    path = Path(os.environ.get("DAM_OUTPUT", default)).expanduser().resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"DAM_OUTPUT: no sweep output at {path} (run a sweep first, or set DAM_OUTPUT)")
    return path
