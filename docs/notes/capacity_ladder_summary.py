"""Prints the capacity/ table of a phase-diagram output as the Markdown table of docs/notes/capacity-ladder.md.

Usage: .venv/bin/python docs/notes/capacity_ladder_summary.py OUTPUT_DIR
Reads only committed files (the readers' contract, docs/tables.md).
"""
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq


def committed(output: Path, table: str):
    listed = {f for r in (output / "_progress").glob("*.json") for f in json.loads(r.read_text())["files"]
              if f.startswith(table + "/") and f.endswith(".parquet")}
    return [output / f for f in sorted(listed)]


def fmt(x, digits=4):
    return "-" if x is None else f"{x:.{digits}f}"


def main(output: Path):
    rows = [r for f in committed(output, "capacity") for r in pq.read_table(f).to_pylist()]
    rows.sort(key=lambda r: (r["n"], r["extrapolated"], r["steps"] or 0))
    print("| n | T | alpha_c | bracket (union over seeds) | se | M x seeds | violations | fit |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["extrapolated"]:
            fit = f"alpha_inf + {r['slope']:.3g} T^-{r['exponent']:.2f}, chi2/dof = {r['chi2']:.2f}/{r['dof']}"
            print(f"| {r['n']} | inf | **{fmt(r['alpha_c'])}** | 95%: ({fmt(r['alpha_c_lo'])}, {fmt(r['alpha_c_hi'])}) | - "
                  f"| {r['paths']} x {r['seeds']} | - | {fit} |")
        else:
            print(f"| {r['n']} | {r['steps']} | {fmt(r['alpha_c'])} | [{fmt(r['alpha_c_lo'])}, {fmt(r['alpha_c_hi'])}] "
                  f"| {fmt(r['alpha_c_se'])} | {r['paths']} x {r['seeds']} | {r['violations']} | |")
    phase = [r for f in committed(output, "phase_diagram") for r in pq.read_table(f).to_pylist()]
    phase = [r for r in phase if r["source"] == "theory"]
    phase.sort(key=lambda r: (r["n"], r["alpha"], r["steps"]))
    print()
    print("| n | alpha | T | m0_c | bracket |")
    print("|---|---|---|---|---|")
    for r in phase:
        print(f"| {r['n']} | {r['alpha']:.5g} | {r['steps']} | {fmt(r['m0c'], 3)} | [{fmt(r['m0c_lo'], 3)}, {fmt(r['m0c_hi'], 3)}] |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
