package dam.core.sim;

import dam.core.model.CavityPolynomial;
import dam.core.model.Interaction;
import dam.core.model.MemoryModel;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The range of the field before a run: whether the field of a retrieved state fits in 64-bit arithmetic.
 *
 * <p>The kernels prove, at every step, that the field bound sum_mu |a(b_mu)| + |sum_mu d(b_mu)| (core
 * FieldCoefficients, for the model's coefficients) stays below 2^63, and stop with an error naming n and N
 * otherwise. A state equal to a stored pattern (overlap b = N with it) is what every retrieving trial reaches,
 * so if its bound is 2^63 or more the run is bound to fail, and is refused before Spark starts. For the other
 * p - 1 patterns the bound takes the smallest |a(b)| any overlap can give: b = N mod 2 for the dense model, where
 * |a| grows with |b|; for the p-body model, whose a(b) changes sign near |b| = sqrt(N), the minimum over all b
 * (and the d terms, whose signs differ from pattern to pattern there, are left out): a lower bound, so a refused
 * run is certain to fail.
 */
public final class FieldRange {

    private FieldRange() {
    }

    /** log2 of the lower field bound of a state equal to one of p stored patterns of N neurons, for the model. */
    public static double log2RetrievedBound(MemoryModel model, int n, int N, double p) {
        double log2Of2 = Math.log(2);
        // dense a(N) = ((N+2)^n - (N-2)^n) / 2 ~ 2 n N^(n-1); p-body a(N) ~ N^(n-1) / (n-1)!: beyond 2^80 the
        // exact value is irrelevant (and costly).
        double estimate = model == MemoryModel.DENSE
                ? Math.log(2.0 * n) / log2Of2 + (n - 1) * Math.log(N + 2.0) / log2Of2
                : (n - 1) * Math.log(N + 2.0) / log2Of2 - logFactorial(n - 1) / log2Of2;
        if (estimate > 80) {
            return estimate;
        }
        BigInteger others = new java.math.BigDecimal(Math.max(1, Math.rint(p))).toBigInteger().subtract(BigInteger.ONE);
        BigInteger bound;
        if (model == MemoryModel.DENSE) {
            Interaction f = new Interaction(n);
            int b0 = N % 2;
            BigInteger sumAbsA = f.a(N).abs().add(f.a(b0).abs().multiply(others));
            BigInteger sumD = f.d(N).add(f.d(b0).multiply(others));
            bound = sumAbsA.add(sumD.abs());
        } else {
            CavityPolynomial g = CavityPolynomial.of(model, n, N);
            BigInteger smallest = null;
            for (long b = -N; b <= N; b += 2) {
                BigInteger abs = g.a(b).abs();
                smallest = smallest == null || abs.compareTo(smallest) < 0 ? abs : smallest;
            }
            bound = g.a(N).abs().add(smallest.multiply(others));
        }
        return bound.signum() == 0 ? 0 : log2(bound);
    }

    private static double logFactorial(int k) {
        double r = 0;
        for (int j = 2; j <= k; j++) {
            r += Math.log(j);
        }
        return r;
    }

    private static double log2(BigInteger x) {
        int shift = Math.max(0, x.bitLength() - 60);
        return shift + Math.log(x.shiftRight(shift).doubleValue()) / Math.log(2);
    }

    /**
     * Checks that a retrieved state's field fits in a long for the model at (n, N) with p patterns.
     *
     * @throws IllegalArgumentException with a one-line reason (naming n, neurons and, for the p-body model, the model)
     *                                  otherwise
     */
    public static void check(MemoryModel model, int n, int N, double p) {
        double log2 = log2RetrievedBound(model, n, N, p);
        if (log2 >= 63) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "n = %d with neurons = %d overflows 64-bit arithmetic%s: the field of a state equal to a stored "
                            + "pattern reaches about 2^%.1f, beyond 2^63; lower n or neurons", n, N,
                    model == MemoryModel.DENSE ? "" : " (model " + model.key() + ")", log2));
        }
    }
}
