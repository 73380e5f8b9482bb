package dam.core.analysis;

import java.util.function.DoublePredicate;

/**
 * The storage capacity alpha_c(n): the largest load from which retrieval starting at m0 = 1 succeeds.
 *
 * @param n      interaction order
 * @param alphaC the estimate (midpoint of the final bracket)
 * @param lower  largest load seen to retrieve
 * @param upper  smallest load seen to fail
 */
public record Capacity(int n, double alphaC, double lower, double upper) {

    /** alpha_c by bisection on [lo, hi] to within tol, given whether retrieval from m0 = 1 succeeds at a load (retrieves at lo, fails at hi). */
    public static Capacity bisect(int n, DoublePredicate retrievesAtLoad, double lo, double hi, double tol) {
        throw new UnsupportedOperationException("Capacity.bisect: not implemented yet");
    }
}
