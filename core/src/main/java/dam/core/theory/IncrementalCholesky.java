package dam.core.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * A lower-triangular factor L of a growing positive semi-definite covariance matrix Sigma = L L^T,
 * extended by one row per time step, that tolerates exact rank deficiency.
 *
 * <p>When a new row adds nothing that the earlier rows do not already explain - its pivot squared
 * (the innovation variance) is at most {@code relativeTolerance} times its variance - the pivot is
 * set to zero. That column is then zero in every later row: the direction carries no new noise, and
 * no response can be attributed to it. This is what happens when every sampled path of the effective
 * process repeats an earlier state, and a plain Cholesky would divide by zero.
 */
final class IncrementalCholesky {

    private final double relativeTolerance;
    private final List<double[]> rows = new ArrayList<>();
    private final List<Double> innovations = new ArrayList<>();

    /** An empty factor whose pivots are zeroed at or below relativeTolerance times the row's variance. */
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
        innovations.add(covariance[t] > 0 ? residual / covariance[t] : 0);
        row[t] = residual > relativeTolerance * covariance[t] ? Math.sqrt(residual) : 0;
        rows.add(row);
        return row;
    }

    /**
     * The innovation variance of row t relative to its variance, before any zeroing: in [0, 1] for a
     * positive semi-definite Sigma up to round-off, negative where Sigma is not.
     */
    double innovation(int t) {
        return innovations.get(t);
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
        return backSubstitute(y.clone(), new double[size], size - 1);
    }

    /**
     * Solves x L = y as {@link #solveLeft(double[])} for every entry but the last, whose value x(last) = last is given
     * (y's last entry is not read): the equations u &lt; last then read
     * sum_{u &lt;= s &lt; last} x(s) L(s, u) = y(u) - last L(last, u), and hold even where the last pivot is zero.
     */
    double[] solveLeft(double[] y, double last) {
        int size = rows.size();
        if (y.length != size) {
            throw new IllegalArgumentException("y: expected " + size + " entries, got " + y.length);
        }
        double[] rest = y.clone();
        double[] x = new double[size];
        x[size - 1] = last;
        double[] row = rows.get(size - 1);
        for (int u = 0; u < size - 1; u++) {
            rest[u] -= last * row[u];
        }
        return backSubstitute(rest, x, size - 2);
    }

    /** Back substitution for x(s), s = from..0, given rest = y minus the contributions of the x(s) above from. */
    private double[] backSubstitute(double[] rest, double[] x, int from) {
        // Row by row, so that the inner loop runs along one stored row of L.
        for (int s = from; s >= 0; s--) {
            double[] row = rows.get(s);
            if (row[s] == 0) {
                continue;
            }
            double xs = rest[s] / row[s];
            x[s] = xs;
            for (int u = 0; u < s; u++) {
                rest[u] -= xs * row[u];
            }
        }
        return x;
    }
}
