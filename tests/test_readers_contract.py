"""The notebooks follow the readers' contract (docs/tables.md): they read only the table files that a record in
OUTPUT/_progress lists, never those of a batch that a running or killed sweep has not committed; a directory
without _progress/ (tables written by other means) is read whole, and an interrupted --overwrite has nothing.
"""
import ast
import json
import shutil

import nbformat
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from conftest import NOTEBOOKS
from fixtures.sweep import write_sweep


def notebook_readers(name, output):
    """committed_files and read_table as the notebook defines them, bound to OUTPUT = output."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and "def read_table(" in c.source)
    functions = [node for node in ast.parse(cell).body
                 if isinstance(node, ast.FunctionDef) and node.name in ("committed_files", "read_table")]
    assert len(functions) == 2, f"{name}: committed_files and read_table must be defined in one cell"
    namespace = {"OUTPUT": output, "json": json, "pads": pads}
    exec(compile(ast.Module(body=functions, type_ignores=[]), name, "exec"), namespace)
    return namespace["committed_files"], namespace["read_table"]


@pytest.mark.parametrize("name", ["figure1.ipynb", "phase_diagram.ipynb"])
def test_notebooks_read_only_committed_files(name, tmp_path):
    out = write_sweep(tmp_path / "sweep", tables=("trials", "grid"))
    committed_files, read_table = notebook_readers(name, out)
    everything = read_table("trials")
    assert everything is not None and set(everything["n"]) == {2, 3}, "without _progress/ the table is read whole"

    # A sweep's ledger commits the n = 2 files only; n = 3's are what a killed batch left behind. The tables are
    # flat (n is a column of every file), so which files hold n = 2 is read from the files themselves.
    listed = [str(p.relative_to(out)) for p in sorted((out / "trials").glob("*.parquet"))
              if set(pq.read_table(p, columns=["n"]).column("n").to_pylist()) == {2}]
    assert listed, "the fixture has a part file of n = 2"
    (out / "_progress").mkdir()
    (out / "_progress" / "batch-00000-1.json").write_text(json.dumps({"points": [], "theory": [], "files": listed}))
    shutil.copy(out / listed[0], out / "trials" / "part-99999-killed.parquet")
    assert committed_files("trials") == [str(out / f) for f in listed]
    committed = read_table("trials")
    assert set(committed["n"]) == {2}
    assert len(committed) == (everything["n"] == 2).sum(), "the killed batch's copy is not read"
    assert read_table("grid") is None, "grid/ has no committed file"

    (out / "_overwriting").write_text("")
    assert read_table("trials") is None, "an interrupted --overwrite has nothing committed"
