"""docs/tables.md documents every column of every table a sweep writes, in that table's own section."""
import re

import pyarrow.dataset as pads
import pytest

import dam_tables
from conftest import REPO, TABLES


def documented_columns(table):
    """The column names in the first cell of the rows of the column table under '## table/' in docs/tables.md."""
    text = (REPO / "docs" / "tables.md").read_text()
    match = re.search(rf"^## {table}/ .*?(?=^## )", text, re.S | re.M)
    assert match, f"docs/tables.md: no section '## {table}/'"
    names = set()
    for line in match.group(0).splitlines():
        if line.startswith("| ") and not line.startswith("| column "):
            names.update(n.strip() for n in line.split("|")[1].split(","))
    return names


@pytest.mark.parametrize("table", TABLES)
def test_every_column_of_the_table_is_documented_in_its_section(sweep_output, table):
    files = dam_tables.committed_files(sweep_output, table)
    if not files:
        pytest.skip(f"{table}/: not in this sweep output")
    columns = pads.dataset(files, format="parquet").schema.names
    missing = [c for c in columns if c not in documented_columns(table)]
    assert not missing, f"docs/tables.md, section {table}/: columns {missing} are not described"
