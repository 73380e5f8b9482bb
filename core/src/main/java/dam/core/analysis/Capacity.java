package dam.core.analysis;

import dam.core.Require;
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

    /** Most doublings or halvings tried while bracketing alpha_c in {@link #search}. */
    static final int MAX_BRACKET_STEPS = 60;

    /**
     * alpha_c without a known bracket: from {@code start} the load is doubled while retrieval succeeds
     * (or halved while it fails) until a factor-2 bracket [a, 2a] is found, which is then bisected to
     * within {@code relativeTol * a}. Loads range over orders of magnitude across n, hence the relative
     * tolerance. NaN (with the side known, as in {@link #bisect}) if no bracket is found in
     * {@value #MAX_BRACKET_STEPS} steps.
     */
    public static Capacity search(int n, DoublePredicate retrievesAtLoad, double start, double relativeTol) {
        Require.positiveFinite("start", start);
        if (!(relativeTol > 0 && relativeTol < 1)) {
            throw new IllegalArgumentException("relativeTol: must lie in (0, 1), got " + relativeTol);
        }
        double lo = start;
        double hi = start;
        if (retrievesAtLoad.test(start)) {
            for (int i = 0; i < MAX_BRACKET_STEPS && retrievesAtLoad.test(hi * 2); i++) {
                hi *= 2;
            }
            lo = hi;
            hi = lo * 2;
            if (retrievesAtLoad.test(hi)) {
                return new Capacity(n, Double.NaN, hi, Double.NaN);
            }
        } else {
            for (int i = 0; i < MAX_BRACKET_STEPS && !retrievesAtLoad.test(lo / 2); i++) {
                lo /= 2;
            }
            hi = lo;
            lo = hi / 2;
            if (!retrievesAtLoad.test(lo)) {
                return new Capacity(n, Double.NaN, Double.NaN, lo);
            }
        }
        double[] bracket = BasinBoundary.bisectFailureToSuccess(retrievesAtLoad.negate(), lo, hi, relativeTol * lo);
        return new Capacity(n, (bracket[0] + bracket[1]) / 2, bracket[0], bracket[1]);
    }
}
