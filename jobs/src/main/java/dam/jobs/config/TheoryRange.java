package dam.jobs.config;

import dam.core.model.MemoryModel;
import dam.core.theory.NoiseKernel;
import java.util.Locale;

/**
 * The range of the theory solver's numbers before a solve: the noise kernel P of order n (its value and slope at
 * C = 1) must be finite doubles, and the crosstalk variance alpha P(1) must leave the single-precision path fields
 * (core EffectiveProcessSolver) finite. Beyond that the answer would be NaN or an overflow printed as numbers.
 */
public final class TheoryRange {

    /**
     * Largest crosstalk variance alpha P(1) solved: a noise standard deviation of 1e15 against a signal of at most 1,
     * far past any retrieval, and 23 orders of magnitude inside the float range of the path fields.
     */
    public static final double MAX_CROSSTALK = 1e30;

    /** The largest n whose kernel has finite P(1) and P'(1) in double (151 for the dense model). */
    public static final int MAX_N = largestFiniteOrder();

    private TheoryRange() {
    }

    private static int largestFiniteOrder() {
        int n = 2;
        while (finite(n + 1)) {
            n++;
        }
        return n;
    }

    private static boolean finite(int n) {
        NoiseKernel p = NoiseKernel.of(MemoryModel.DENSE, n);
        return Double.isFinite(p.value(1)) && Double.isFinite(p.derivative(1));
    }

    /**
     * Checks n (before any kernel is built, so that an absurd n costs nothing).
     *
     * @throws IllegalArgumentException with a one-line reason otherwise
     */
    public static void checkOrder(int n) {
        if (n > MAX_N) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "must be at most %d, got %d: beyond it the "
                    + "noise kernel's P(1) = (2n-3)!! or its slope overflows a double", MAX_N, n));
        }
    }

    /**
     * Checks the raw load alpha of the model at order n (n already checked); given is alpha as the user wrote it, in
     * convention.
     *
     * @throws IllegalArgumentException with a one-line reason otherwise
     */
    public static void checkLoad(MemoryModel model, int n, double alpha, double given, LoadConvention convention) {
        double p1 = NoiseKernel.of(model, n).value(1);
        double crosstalk = alpha * p1;
        if (!(crosstalk <= MAX_CROSSTALK * (1 + 1e-12))) { // the tolerance lets a normalised load of exactly the bound through
            double largest = MAX_CROSSTALK / p1;
            throw new IllegalArgumentException(String.format(Locale.ROOT, "must be at most %.4g at n = %d (%s), got %s: "
                    + "the crosstalk variance alpha P(1) = alpha %s would exceed %.0e, where the solver's "
                    + "numbers leave their range and retrieval is long impossible", convention.fromRaw(model, n, largest), n,
                    convention.key(), given, LoadConvention.factorSymbol(model), MAX_CROSSTALK));
        }
    }
}
