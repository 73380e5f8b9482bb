package dam.jobs.config;

import dam.core.model.Interaction;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The range of the field before a run: whether the field of a retrieved state fits in 64-bit arithmetic.
 *
 * <p>The kernels prove, at every step, that the field bound sum_mu |a(b_mu)| + |sum_mu d(b_mu)| (core
 * FieldCoefficients) stays below 2^63, and stop with an error naming n and N otherwise. A state equal to
 * a stored pattern (overlap b = N with it, and b = N mod 2, the smallest possible, with the p - 1 others)
 * is what every retrieving trial reaches, so if its bound is 2^63 or more the run is bound to fail, and is
 * refused before Spark starts.
 */
public final class FieldRange {

    private FieldRange() {
    }

    /** log2 of the field bound of a state equal to one of p stored patterns of N neurons, at F(x) = x^n. */
    public static double log2RetrievedBound(int n, int N, double p) {
        // a(N) = ((N+2)^n - (N-2)^n) / 2 ~ 2 n N^(n-1): beyond 2^80 the exact value is irrelevant (and costly).
        double estimate = Math.log(2.0 * n) / Math.log(2) + (n - 1) * Math.log(N + 2.0) / Math.log(2);
        if (estimate > 80) {
            return estimate;
        }
        Interaction f = new Interaction(n);
        BigInteger others = new java.math.BigDecimal(Math.max(1, Math.rint(p))).toBigInteger().subtract(BigInteger.ONE);
        int b0 = N % 2;
        BigInteger sumAbsA = f.a(N).abs().add(f.a(b0).abs().multiply(others));
        BigInteger sumD = f.d(N).add(f.d(b0).multiply(others));
        BigInteger bound = sumAbsA.add(sumD.abs());
        return bound.signum() == 0 ? 0 : log2(bound);
    }

    private static double log2(BigInteger x) {
        int shift = Math.max(0, x.bitLength() - 60);
        return shift + Math.log(x.shiftRight(shift).doubleValue()) / Math.log(2);
    }

    /**
     * Checks that a retrieved state's field fits in a long at (n, N) with p patterns.
     *
     * @throws IllegalArgumentException with a one-line reason (naming n and neurons) otherwise
     */
    public static void check(int n, int N, double p) {
        double log2 = log2RetrievedBound(n, N, p);
        if (log2 >= 63) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "n = %d with neurons = %d overflows 64-bit arithmetic: the field of a state equal to a stored "
                            + "pattern reaches about 2^%.1f, beyond 2^63; lower n or neurons", n, N, log2));
        }
    }
}
