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

    /**
     * alpha_c by bisection on [lo, hi] to within tol, given whether retrieval from m0 = 1 succeeds at a load (retrieves at lo, fails at hi).
     *
     * <p>If it already fails at lo: (n, NaN, NaN, lo). If it still retrieves at hi: (n, NaN, hi, NaN).
     */
    public static Capacity bisect(int n, DoublePredicate retrievesAtLoad, double lo, double hi, double tol) {
        BasinBoundary.checkBracket(lo, hi, tol);
        if (!retrievesAtLoad.test(lo)) {
            return new Capacity(n, Double.NaN, Double.NaN, lo);
        }
        if (retrievesAtLoad.test(hi)) {
            return new Capacity(n, Double.NaN, hi, Double.NaN);
        }
        // Failure is the "true" side here, so bisect the negated predicate.
        double[] bracket = BasinBoundary.bisectFailureToSuccess(retrievesAtLoad.negate(), lo, hi, tol);
        return new Capacity(n, (bracket[0] + bracket[1]) / 2, bracket[0], bracket[1]);
    }
}
