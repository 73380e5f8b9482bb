package dam.core.analysis;

import java.util.function.DoublePredicate;

/**
 * The basin boundary m0_c: the initial overlap at which the retrieval probability crosses 1/2.
 *
 * @param m0c    the estimate, NaN if the success fraction never crosses 1/2 on the scanned range
 * @param lower  lower end of its interval (95% for simulation, the final bisection bracket for theory)
 * @param upper  upper end of its interval
 * @param method how it was obtained: "logistic", "interpolation" or "bisection"
 */
public record BasinBoundary(double m0c, double lower, double upper, String method) {

    /**
     * m0_c from simulated success counts on a grid of m0 (ascending): a logistic fit where it is
     * well defined, monotone interpolation otherwise, with a 95% interval from a seeded bootstrap.
     */
    public static BasinBoundary fromSuccesses(double[] m0, int[] successes, int[] trials, long seed) {
        throw new UnsupportedOperationException("BasinBoundary.fromSuccesses: not implemented yet");
    }

    /**
     * m0_c by bisection on [lo, hi] to within tol, given whether the theory retrieves from a given m0
     * (monotone: retrieves at hi, fails at lo); NaN if it retrieves at lo or fails at hi.
     */
    public static BasinBoundary bisect(DoublePredicate retrievesFrom, double lo, double hi, double tol) {
        throw new UnsupportedOperationException("BasinBoundary.bisect: not implemented yet");
    }
}
