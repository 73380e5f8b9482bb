"""The N -> infinity limit of every finite_size/ row in two forms, y_inf + a N^-1/2 (the table's) and y_inf + a/N.

finite_size/ fits y(N) = y_inf + a N^-1/2; its free exponent column says whether the data prefer another one, but
three or four sizes rarely pin it down, and then the form is the main systematic uncertainty of the limit
(docs/results.md). This script refits the table's own estimates with both exponents, by the table's rules (weights
from the 95% intervals, sigma = width / 3.92; an estimate is used only inside an interval of positive width; the
limit's 95% interval scaled up by sqrt(chi2/dof) where that exceeds 1), and prints each limit beside the theory.

Usage: .venv/bin/python bench/finite_size_forms.py OUTPUT_DIRECTORY [OUTPUT_DIRECTORY ...]
"""
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
import dam_tables  # noqa: E402

Z95 = 1.959963984540054


def fit(neurons, values, sigmas, exponent):
    """Weighted least squares of values = y_inf + a N^-exponent: (y_inf, lower, upper, chi2, dof)."""
    x = np.vstack([np.ones_like(neurons), neurons ** -exponent]).T
    w = 1 / sigmas ** 2
    cov = np.linalg.inv(x.T @ (x * w[:, None]))
    beta = cov @ x.T @ (w * values)
    chi2 = float((((values - x @ beta) / sigmas) ** 2).sum())
    dof = len(values) - 2
    se = math.sqrt(cov[0, 0]) * (max(1.0, math.sqrt(chi2 / dof)) if dof > 0 else 1.0)
    return beta[0], beta[0] - Z95 * se, beta[0] + Z95 * se, chi2, dof


def main(outputs):
    for output in outputs:
        table = dam_tables.read_table(output, "finite_size")
        print(f"{output}:")
        for _, r in table.sort_values(["model", "n", "temperature", "quantity", "alpha"]).iterrows():
            n_ = np.array(r["neurons"], dtype=float)
            y = np.array(r["estimates"], dtype=float)
            lo = np.array(r["estimates_lo"], dtype=float)
            hi = np.array(r["estimates_hi"], dtype=float)
            use = np.isfinite(y) & np.isfinite(lo) & np.isfinite(hi) & (hi > lo) & (lo <= y) & (y <= hi)
            if use.sum() < 3:
                continue
            theory = r["theory"]
            parts = []
            for exponent in (0.5, 1.0):
                limit, lower, upper, chi2, dof = fit(n_[use], y[use], (hi - lo)[use] / (2 * Z95), exponent)
                inside = "" if theory is None or not np.isfinite(theory) else (
                    " contains" if lower <= theory <= upper else f" misses by {min(abs(theory - lower), abs(theory - upper)):.4f}")
                parts.append(f"N^-{exponent:g}: {limit:.4f} ({lower:.4f}, {upper:.4f}) chi2 {chi2:.2f}/{dof}{inside}")
            where = "" if r["alpha"] is None or not np.isfinite(r["alpha"]) else f" alpha {r['alpha']:.4g}"
            t = "none" if theory is None or not np.isfinite(theory) else f"{theory:.4f}"
            print(f"  {r['model']} n={r['n']} temperature={r['temperature']:g} {r['quantity']}{where}: theory {t}; "
                  + "; ".join(parts))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: finite_size_forms.py OUTPUT_DIRECTORY [OUTPUT_DIRECTORY ...]")
    main(sys.argv[1:])
