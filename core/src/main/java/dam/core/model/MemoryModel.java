package dam.core.model;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Which associative memory of order n the network is (docs/physics.md sections 1 and 9): Krotov and Hopfield's dense
 * memory with F(x) = x^n, or the p-body memory without diagonal terms.
 *
 * <p>The two differ in the field of neuron i, with x_j = xi_j^mu sigma_j and c = sum_{j != i} x_j:
 * <ul>
 *   <li>{@link #DENSE}: h_i = sum_mu [F(xi_i^mu + c) - F(-xi_i^mu + c)], F(x) = x^n;</li>
 *   <li>{@link #PBODY}: h_i = sum_mu xi_i^mu e_{n-1}(x_j : j != i), e_k the elementary symmetric polynomial, a
 *       polynomial E(c) of the cavity sum alone for entries +-1.</li>
 * </ul>
 * For n = 2 the two are the same dynamics (the Hopfield model without self-coupling). Both fields are integers;
 * {@link #fieldUnit} converts them to the intensive field in which a condensed pattern at overlap m contributes
 * the signal m^(n-1), the field that finite-temperature dynamics and the theory use.
 */
public enum MemoryModel {
    /** Krotov and Hopfield's dense associative memory, F(x) = x^n (diagonal terms included). */
    DENSE,
    /** The p-body memory of Gardner and of Abbott and Arian: n-body couplings between distinct neurons only. */
    PBODY;

    /** The lower-case name used in configs, CLI options and Parquet columns ("dense", "pbody"). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config or CLI value ("dense" or "pbody"), case-insensitively. */
    public static MemoryModel parse(String s) {
        for (MemoryModel m : values()) {
            if (m.key().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected dense or pbody, got '" + s + "'");
    }

    /**
     * The unit of this model's integer field at order n and N neurons: h / unit carries the signal m^(n-1) of a
     * condensed pattern at overlap m (as N grows). Dense: 2 n N^(n-1) (F(c+1) - F(c-1) ~ 2 n c^(n-1)); p-body:
     * N^(n-1) / (n-1)! (e_{n-1} ~ c^(n-1) / (n-1)!). For n = 2 both give the textbook J_ij = xi_i xi_j / N up to
     * the dense field's factor 4 = 2n, which the unit absorbs.
     */
    public double fieldUnit(int n, int N) {
        double power = Math.pow(N, n - 1);
        return this == DENSE ? 2.0 * n * power : power / factorial(n - 1).doubleValue();
    }

    /**
     * P(1), the variance of one stored pattern's crosstalk in units of the signal, for N to infinity: (2n-3)!! for
     * the dense model (Lemma 1 of the seed paper), (n-1)! for the p-body model. alpha P(1) is the normalised load:
     * the first-step signal-to-noise ratio is m0^(n-1) / sqrt(alpha P(1)) in both models.
     */
    public BigInteger crosstalkVariance(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n: must be >= 2, got " + n);
        }
        if (this == PBODY) {
            return factorial(n - 1);
        }
        BigInteger r = BigInteger.ONE;
        for (int j = 2 * n - 3; j > 1; j -= 2) {
            r = r.multiply(BigInteger.valueOf(j));
        }
        return r;
    }

    private static BigInteger factorial(int k) {
        BigInteger r = BigInteger.ONE;
        for (int j = 2; j <= k; j++) {
            r = r.multiply(BigInteger.valueOf(j));
        }
        return r;
    }
}
