package dam.core.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * The closure for n = 2, the Hopfield model (docs/physics.md section 5): with K = (1 - G)^(-1),
 * Cov(phi) = K C K^T and retarded coefficients alpha R(t, s), R = K G = K - 1.
 *
 * <p>K is lower triangular with unit diagonal, and its row t follows from G's row t and K's earlier
 * rows (K = 1 + G K), so it is kept and extended one row per call: O(t^2) per step.
 */
final class HopfieldClosure implements Closure {

    private final double alpha;
    /** Rows of K = (1 - G)^(-1), row t has entries s = 0..t. */
    private final List<double[]> inverse = new ArrayList<>();

    /** The closure at load alpha. */
    HopfieldClosure(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public double[] covarianceRow(int t, double[][] correlation, double[][] response) {
        double[] k = inverseRow(t, response);
        // v = K(t, .) C, then Cov(t, s) = v . K(s, .)
        // (row by row of C, so that the inner loop runs along a stored row)
        double[] v = new double[t + 1];
        for (int a = 0; a <= t; a++) {
            double ka = k[a];
            if (ka == 0) {
                continue;
            }
            double[] ca = correlation[a];
            for (int b = 0; b <= t; b++) {
                v[b] += ka * ca[b];
            }
        }
        double[] row = new double[t + 1];
        for (int s = 0; s <= t; s++) {
            double[] ks = inverse.get(s);
            double sum = 0;
            for (int b = 0; b <= s; b++) {
                sum += v[b] * ks[b];
            }
            row[s] = sum;
        }
        return row;
    }

    @Override
    public double[] retardedRow(int t, double[][] correlation, double[][] response) {
        double[] k = inverseRow(t, response);
        double[] row = new double[t];
        for (int s = 0; s < t; s++) {
            row[s] = alpha * k[s];
        }
        return row;
    }

    /** K's row t, computed on first request: K(t, s) = delta(t, s) + sum_{s &lt;= a &lt; t} G(t, a) K(a, s). */
    private double[] inverseRow(int t, double[][] response) {
        if (t < inverse.size()) {
            return inverse.get(t);
        }
        if (t != inverse.size()) {
            throw new IllegalStateException("rows must be requested in time order: asked " + t + ", have " + inverse.size());
        }
        double[] row = new double[t + 1];
        row[t] = 1;
        for (int a = 0; a < t; a++) {
            double g = response[t][a];
            if (g == 0) {
                continue;
            }
            double[] ka = inverse.get(a);
            for (int s = 0; s <= a; s++) {
                row[s] += g * ka[s];
            }
        }
        inverse.add(row);
        return row;
    }
}
