package dam.core.model;

import dam.core.Require;
import java.math.BigInteger;

/**
 * The interaction F(x) = x^n and the integer coefficients of the field it produces (docs/physics.md section 1).
 *
 * <p>With D(c) = F(c+1) - F(c-1) and the full overlap b = sum_j xi_j sigma_j (self included), the field of
 * neuron i is h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu), where
 * a(b) = (D(b-1) + D(b+1)) / 2 = ((b+2)^n - (b-2)^n) / 2 and d(b) = (D(b-1) - D(b+1)) / 2
 * = (2 b^n - (b+2)^n - (b-2)^n) / 2. Both are integers because (b+2)^n and (b-2)^n have the same parity.
 * The identity follows from D(b - s) = a(b) + s d(b) for s = xi_i sigma_i in {-1, +1}: D is the dense model's
 * {@link CavityPolynomial}.
 */
public final class Interaction implements CavityPolynomial {

    private final int n;

    /** The interaction F(x) = x^n; n must be at least 2. */
    public Interaction(int n) {
        Require.atLeast("n", n, 2);
        this.n = n;
    }

    /** The interaction order n. */
    @Override
    public int n() {
        return n;
    }

    /** F(x) = x^n, exactly. */
    public BigInteger F(long x) {
        return BigInteger.valueOf(x).pow(n);
    }

    /** D(c) = F(c+1) - F(c-1), exactly: the energy change of one neuron at cavity overlap c. */
    public BigInteger D(long c) {
        return F(c + 1).subtract(F(c - 1));
    }

    /** The cavity polynomial G = D. */
    @Override
    public BigInteger G(long c) {
        return D(c);
    }

    /** a(b) = (D(b-1) + D(b+1)) / 2 = ((b+2)^n - (b-2)^n) / 2, exactly. */
    @Override
    public BigInteger a(long b) {
        return F(b + 2).subtract(F(b - 2)).shiftRight(1);
    }

    /** d(b) = (D(b-1) - D(b+1)) / 2 = (2 b^n - (b+2)^n - (b-2)^n) / 2, exactly. */
    @Override
    public BigInteger d(long b) {
        return F(b).shiftLeft(1).subtract(F(b + 2)).subtract(F(b - 2)).shiftRight(1);
    }

    /** D(c) = (c+1)^n - (c-1)^n = sum over k with n - k odd of 2 C(n, k) c^k: integer coefficients, lowest first. */
    @Override
    public BigInteger[] numerators() {
        BigInteger[] g = new BigInteger[n];
        BigInteger binomial = BigInteger.ONE; // C(n, k)
        for (int k = 0; k < n; k++) {
            g[k] = (n - k) % 2 == 1 ? binomial.shiftLeft(1) : BigInteger.ZERO;
            binomial = binomial.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        return g;
    }

    /** 1: D has integer coefficients. */
    @Override
    public BigInteger denominator() {
        return BigInteger.ONE;
    }
}
