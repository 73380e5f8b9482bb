package dam.core.theory;

import dam.core.model.MemoryModel;
import java.util.Objects;

/**
 * The solved effective single-neuron process of one (model, n, alpha, temperature, m0) over T steps.
 *
 * @param model       which memory of order n (the noise kernel P of the effective process)
 * @param n           interaction order
 * @param alpha       load, p = alpha N^(n-1)
 * @param temperature 1/beta of the parallel Glauber update, 0 for sign dynamics
 * @param m0          initial overlap
 * @param overlap     m(t), t = 0..T (length T + 1)
 * @param correlation C(t,s), t, s = 0..T ((T+1) x (T+1), symmetric, C(t,t) = 1)
 * @param response    G(t,s) = d m(t) / d theta(s), t, s = 0..T (strictly lower triangular)
 * @param paths       number M of sampled paths
 * @param seed        the seed the paths were drawn from
 */
public record TheoryResult(MemoryModel model, int n, double alpha, double temperature, double m0, double[] overlap,
                           double[][] correlation, double[][] response, int paths, long seed) {

    /** Requires a model and a temperature &gt;= 0 (finite). */
    public TheoryResult {
        Objects.requireNonNull(model, "model");
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be >= 0 and finite, got " + temperature);
        }
    }

    /** A solution of the dense model at temperature 0 (sign dynamics), as before the model and temperature axes. */
    public TheoryResult(int n, double alpha, double m0, double[] overlap, double[][] correlation, double[][] response,
                        int paths, long seed) {
        this(MemoryModel.DENSE, n, alpha, 0, m0, overlap, correlation, response, paths, seed);
    }

    /** Number of steps T solved. */
    public int steps() {
        return overlap.length - 1;
    }

    /** C(t, t-1) for t = 1..T (element t-1), the one-step autocorrelation. */
    public double[] previousCorrelation() {
        double[] c = new double[steps()];
        for (int t = 1; t <= steps(); t++) {
            c[t - 1] = correlation[t][t - 1];
        }
        return c;
    }

    /** The flip fraction f(t) = (1 - C(t+1, t)) / 2 for t = 0..T-1, the theory's counterpart of the simulation's. */
    public double[] flips() {
        double[] f = new double[steps()];
        for (int t = 0; t < steps(); t++) {
            f[t] = (1 - correlation[t + 1][t]) / 2;
        }
        return f;
    }

    /** m(T), the overlap after the last step. */
    public double finalOverlap() {
        return overlap[overlap.length - 1];
    }
}
