package dam.core.model;

import dam.core.Require;

/**
 * Krotov's dense associative memory with F(x) = x^n: N neurons, p patterns, an update order.
 *
 * <p>The load alpha is the canonical parameter: p = round(alpha * N^(n-1)) (docs/physics.md section 2).
 *
 * @param n      interaction order, F(x) = x^n, n &gt;= 2 (n = 2 is the Hopfield model)
 * @param N      number of neurons, N &gt;= 2
 * @param p      number of stored patterns, p &gt;= 1
 * @param update parallel or sequential dynamics
 */
public record Model(int n, int N, int p, UpdateOrder update) {

    /** Largest pattern matrix the simulator accepts, in bits (2^34 bits = 2 GiB); beyond this a run cannot fit in memory. */
    public static final long MAX_PATTERN_BITS = 1L << 34;

    public Model {
        Require.atLeast("n", n, 2);
        Require.atLeast("N", N, 2);
        Require.atLeast("p", p, 1);
        if ((long) p * N > MAX_PATTERN_BITS) {
            throw new IllegalArgumentException("alpha: p x N = " + ((long) p * N)
                    + " pattern bits exceeds the limit of " + MAX_PATTERN_BITS + " (too many patterns to fit in memory)");
        }
        if (update == null) {
            throw new IllegalArgumentException("update: must be parallel or sequential");
        }
    }

    /** The model at load alpha: p = round(alpha * N^(n-1)); fails with a message naming alpha if p is out of range. */
    public static Model atLoad(int n, int N, double alpha, UpdateOrder update) {
        return new Model(n, N, patternCount(n, N, alpha), update);
    }

    /** p = round(alpha * N^(n-1)), checked to be a positive int that fits the memory limit. */
    public static int patternCount(int n, int N, double alpha) {
        Require.positiveFinite("alpha", alpha);
        Require.atLeast("n", n, 2);
        Require.atLeast("N", N, 2);
        double p = Math.rint(alpha * Math.pow(N, n - 1));
        if (p < 1) {
            throw new IllegalArgumentException("alpha: p = round(alpha N^(n-1)) = 0 patterns at n=" + n + ", N=" + N);
        }
        if (p * N > MAX_PATTERN_BITS || p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "alpha: p = %.0f patterns of N=%d bits exceeds the memory limit of %d bits", p, N, MAX_PATTERN_BITS));
        }
        return (int) p;
    }

    /** The realised load p / N^(n-1), which differs from the requested alpha by rounding of p. */
    public double alpha() {
        return p / Math.pow(N, n - 1);
    }

    /** Bytes the bit-packed pattern matrix takes (both layouts the fast kernel keeps). */
    public long patternBytes() {
        return 2L * p * ((N + 63) / 64) * 8;
    }
}
