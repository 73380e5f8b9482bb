package dam.core.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * A lower-triangular factor L of a growing covariance matrix Sigma = L L^T, extended by one row per
 * time step, that tolerates rank deficiency.
 *
 * <p>When a new row adds (almost) nothing that the earlier rows do not already explain - its pivot
 * squared is below {@code relativeTolerance} times its variance - the pivot is set to zero. That
 * column is then zero in every later row: the direction carries no new noise, and no response can be
 * attributed to it. This is what happens when the effective process freezes (C(t, t-1) = 1) and a
 * plain Cholesky would divide by zero.
 */
final class IncrementalCholesky {

    private final double relativeTolerance;
    private final List<double[]> rows = new ArrayList<>();

    /** An empty factor whose pivots are zeroed below relativeTolerance times the row's variance. */
    IncrementalCholesky(double relativeTolerance) {
        this.relativeTolerance = relativeTolerance;
    }

    /** Number of rows so far. */
    int size() {
        return rows.size();
    }

    /** Appends row t = size() given Sigma(t, s) for s = 0..t, and returns L(t, s) for s = 0..t. */
    double[] addRow(double[] covariance) {
        int t = rows.size();
        if (covariance.length != t + 1) {
            throw new IllegalArgumentException("covariance: expected " + (t + 1) + " entries, got " + covariance.length);
        }
        double[] row = new double[t + 1];
        for (int u = 0; u < t; u++) {
            double[] earlier = rows.get(u);
            double pivot = earlier[u];
            if (pivot == 0) {
                continue;
            }
            double sum = covariance[u];
            for (int k = 0; k < u; k++) {
                sum -= row[k] * earlier[k];
            }
            row[u] = sum / pivot;
        }
        double residual = covariance[t];
        for (int k = 0; k < t; k++) {
            residual -= row[k] * row[k];
        }
        row[t] = residual > relativeTolerance * covariance[t] ? Math.sqrt(residual) : 0;
        rows.add(row);
        return row;
    }

    /** L(t, u) for u &lt;= t. */
    double get(int t, int u) {
        return rows.get(t)[u];
    }

    /** Whether column u has a zero pivot (no new noise at time u). */
    boolean degenerate(int u) {
        return rows.get(u)[u] == 0;
    }

    /**
     * Solves x L = y for the row vector x over all current rows (back substitution, last time first):
     * x(u) = (y(u) - sum_{s &gt; u} x(s) L(s, u)) / L(u, u), and x(u) = 0 in a degenerate column.
     */
    double[] solveLeft(double[] y) {
        int size = rows.size();
        if (y.length != size) {
            throw new IllegalArgumentException("y: expected " + size + " entries, got " + y.length);
        }
        double[] x = new double[size];
        for (int u = size - 1; u >= 0; u--) {
            double pivot = rows.get(u)[u];
            if (pivot == 0) {
                continue;
            }
            double sum = y[u];
            for (int s = u + 1; s < size; s++) {
                sum -= x[s] * rows.get(s)[u];
            }
            x[u] = sum / pivot;
        }
        return x;
    }
}
