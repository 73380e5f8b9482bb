package dam.core.model;

import java.math.BigInteger;

/**
 * A memory model's field as a polynomial of the cavity sum (docs/physics.md section 1): neuron i receives
 * h_i = sum_mu xi_i^mu G(c_i^mu) with c_i^mu = sum_{j != i} xi_j^mu sigma_j, G a polynomial of degree n - 1 with
 * the parity of n - 1 (G(-c) = (-1)^(n-1) G(c)): D(c) = F(c+1) - F(c-1) for the dense model ({@link Interaction}),
 * E(c) = e_{n-1} for the p-body model ({@link ElementarySymmetric}).
 *
 * <p>With the full overlap b = c + xi_i sigma_i and s = xi_i sigma_i in {-1, +1}, G(b - s) = a(b) + s d(b), so
 * h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu) with a(b) = (G(b-1) + G(b+1)) / 2 and
 * d(b) = (G(b-1) - G(b+1)) / 2: the one-pass form every kernel computes. a has the parity of n - 1 and d that of
 * n, so |a| and |d| are even functions of b, and a(-b) = a(b) for odd n.
 */
public interface CavityPolynomial {

    /** The interaction order n (G has degree n - 1). */
    int n();

    /** G(c), exactly, at a cavity sum c of the model's parity (that of N - 1). */
    BigInteger G(long c);

    /** a(b) = (G(b-1) + G(b+1)) / 2, exactly, at an overlap b of the parity of N (an integer there). */
    default BigInteger a(long b) {
        return G(b - 1).add(G(b + 1)).shiftRight(1);
    }

    /** d(b) = (G(b-1) - G(b+1)) / 2, exactly, at an overlap b of the parity of N (an integer there). */
    default BigInteger d(long b) {
        return G(b - 1).subtract(G(b + 1)).shiftRight(1);
    }

    /** The coefficients of G over {@link #denominator()}, lowest power first: G(c) = sum_k g[k] c^k / denominator. */
    BigInteger[] numerators();

    /** The common denominator of G's coefficients (1 where they are integers). */
    BigInteger denominator();

    /** The cavity polynomial of the model at order n and N neurons: D(c) (dense) or E(c) (p-body). */
    static CavityPolynomial of(MemoryModel model, int n, int N) {
        if (model == null) {
            throw new IllegalArgumentException("model: must be dense or pbody");
        }
        return model == MemoryModel.DENSE ? new Interaction(n) : new ElementarySymmetric(n, N);
    }
}
