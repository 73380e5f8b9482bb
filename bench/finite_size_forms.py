"""The N -> infinity limit of every finite_size/ row in two forms, y_inf + a N^-1/2 (the table's) and y_inf + a/N.

finite_size/ fits y(N) = y_inf + a N^-1/2; its free exponent column says whether the data prefer another one, but
three or four sizes rarely pin it down, and then the form is the main systematic uncertainty of the limit
(docs/results.md). This script refits the table's own estimates with both exponents, by the table's rules (weights
from the 95% intervals, sigma = width / 3.92; an estimate is used only inside an interval of positive width; the
limit's 95% interval scaled up by sqrt(chi2/dof) where that exceeds 1), and prints each limit beside the theory.
The theory's value is itself the middle of a bisection bracket (phase_diagram/'s m0c_lo, m0c_hi: basin-tol wide;
capacity/'s alpha_c_lo, alpha_c_hi): a limit that misses the value is said to overlap the bracket where its interval
reaches into it.

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


def theory_bracket(output, r):
    """The bisection bracket (lo, hi) behind the theory value of finite_size/ row r, or None."""
    if r["quantity"] == "m0c":
        t = dam_tables.read_table(output, "phase_diagram")
        t = t[(t["source"] == "theory") & (t["model"] == r["model"]) & (t["n"] == r["n"])
              & np.isclose(t["temperature"], r["temperature"]) & np.isclose(t["alpha"], r["alpha"])
              & (t["steps"] == r["steps"])]
        lo, hi = "m0c_lo", "m0c_hi"
    else:
        t = dam_tables.read_table(output, "capacity")
        t = t[(t["method"] == "ladder") & (t["model"] == r["model"]) & (t["n"] == r["n"])
              & np.isclose(t["temperature"], r["temperature"]) & (t["steps"] == r["steps"])]
        lo, hi = "alpha_c_lo", "alpha_c_hi"
    return (float(t.iloc[0][lo]), float(t.iloc[0][hi])) if len(t) == 1 else None


def verdict(theory, bracket, lower, upper):
    """Whether the limit's interval [lower, upper] contains the theory, or how far it misses it and its bracket."""
    if theory is None or not np.isfinite(theory):
        return ""
    if lower <= theory <= upper:
        return " contains"
    miss = f" misses by {min(abs(theory - lower), abs(theory - upper)):.4f}"
    if bracket is None:
        return miss
    overlaps = lower <= bracket[1] and bracket[0] <= upper
    return miss + (", overlaps" if overlaps else ", beyond") + f" the theory's bracket [{bracket[0]:.4f}, {bracket[1]:.4f}]"


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
            bracket = None if theory is None or not np.isfinite(theory) else theory_bracket(output, r)
            parts = []
            for exponent in (0.5, 1.0):
                limit, lower, upper, chi2, dof = fit(n_[use], y[use], (hi - lo)[use] / (2 * Z95), exponent)
                parts.append(f"N^-{exponent:g}: {limit:.4f} ({lower:.4f}, {upper:.4f}) chi2 {chi2:.2f}/{dof}"
                             + verdict(theory, bracket, lower, upper))
            where = "" if r["alpha"] is None or not np.isfinite(r["alpha"]) else f" alpha {r['alpha']:.4g}"
            t = "none" if theory is None or not np.isfinite(theory) else f"{theory:.4f}"
            print(f"  {r['model']} n={r['n']} temperature={r['temperature']:g} {r['quantity']}{where}: theory {t}; "
                  + "; ".join(parts))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: finite_size_forms.py OUTPUT_DIRECTORY [OUTPUT_DIRECTORY ...]")
    main(sys.argv[1:])
