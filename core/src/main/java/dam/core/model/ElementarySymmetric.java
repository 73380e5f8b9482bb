package dam.core.model;

import dam.core.Require;
import java.math.BigInteger;

/**
 * The p-body model's cavity polynomial: E(c) = e_{n-1}(x_1, .., x_{N-1}), the elementary symmetric polynomial of
 * degree n - 1 of the N - 1 cavity entries x_j = xi_j^mu sigma_j in {-1, +1}, which depends on their sum c alone.
 *
 * <p>Newton's identities k e_k = sum_{i=1}^k (-1)^(i-1) e_{k-i} p_i with the power sums p_i = c (odd i) and
 * N - 1 (even i) make e_k a polynomial in c; k! e_k has integer coefficients (induction: k! e_k =
 * sum_i (-1)^(i-1) [(k-1)! / (k-i)!] (k-i)! e_{k-i} p_i). n = 2: E = c; n = 3: E = (c^2 - (N-1)) / 2; n = 4:
 * E = (c^3 - (3N - 5) c) / 6. The identities hold for any number of variables, so the polynomial equals e_{n-1}
 * at every sum N - 1 entries can have (0 there when N - 1 &lt; n - 1). Its values at every c of the parity of N - 1
 * are integers: with u = (N - 1 + c) / 2 entries +1, e_k = sum_j C(u, j) C(N - 1 - u, k - j) (-1)^(k-j), binomials
 * of integers. Hence a(b) and d(b) are integers too: G(b+1) - G(b-1) = 2 e_{n-2} of N - 2 entries summing to b,
 * an even integer.
 */
public final class ElementarySymmetric implements CavityPolynomial {

    private final int n;
    private final int N;
    private final BigInteger[] numerators; // (n-1)! E(c), lowest power first
    private final BigInteger denominator;  // (n-1)!

    /** E(c) = e_{n-1} of N - 1 entries +-1 summing to c; n &gt;= 2, N &gt;= 2. */
    public ElementarySymmetric(int n, int N) {
        Require.atLeast("n", n, 2);
        Require.atLeast("N", N, 2);
        this.n = n;
        this.N = N;
        BigInteger M = BigInteger.valueOf(N - 1L);
        int k = n - 1;
        // P[j] = j! e_j as integer coefficient arrays of length k + 1, lowest power first.
        BigInteger[][] P = new BigInteger[k + 1][];
        P[0] = zeros(k + 1);
        P[0][0] = BigInteger.ONE;
        for (int j = 1; j <= k; j++) {
            BigInteger[] acc = zeros(k + 1);
            BigInteger falling = BigInteger.ONE; // (j-1)! / (j-i)!, for i = 1, 2, ..
            for (int i = 1; i <= j; i++) {
                if (i > 1) {
                    falling = falling.multiply(BigInteger.valueOf(j - i + 1));
                }
                BigInteger sign = i % 2 == 1 ? BigInteger.ONE : BigInteger.ONE.negate();
                BigInteger[] term = P[j - i];
                for (int power = 0; power <= k; power++) {
                    if (term[power].signum() == 0) {
                        continue;
                    }
                    BigInteger v = term[power].multiply(falling).multiply(sign);
                    if (i % 2 == 1) {
                        acc[power + 1] = acc[power + 1].add(v); // times p_i = c
                    } else {
                        acc[power] = acc[power].add(v.multiply(M)); // times p_i = N - 1
                    }
                }
            }
            P[j] = acc;
        }
        this.numerators = P[k];
        BigInteger f = BigInteger.ONE;
        for (int j = 2; j <= k; j++) {
            f = f.multiply(BigInteger.valueOf(j));
        }
        this.denominator = f;
    }

    private static BigInteger[] zeros(int length) {
        BigInteger[] out = new BigInteger[length];
        java.util.Arrays.fill(out, BigInteger.ZERO);
        return out;
    }

    @Override
    public int n() {
        return n;
    }

    /** The number of neurons N (the cavity holds N - 1 entries). */
    public int N() {
        return N;
    }

    /** E(c), exactly. @throws IllegalArgumentException naming c when c does not have the parity of N - 1 */
    @Override
    public BigInteger G(long c) {
        if (((c - (N - 1L)) & 1L) != 0) {
            throw new IllegalArgumentException("c: a cavity sum of N - 1 = " + (N - 1) + " entries +-1 has their parity, got " + c);
        }
        BigInteger x = BigInteger.valueOf(c);
        BigInteger acc = BigInteger.ZERO;
        for (int power = numerators.length - 1; power >= 0; power--) {
            acc = acc.multiply(x).add(numerators[power]);
        }
        BigInteger[] qr = acc.divideAndRemainder(denominator);
        if (qr[1].signum() != 0) {
            throw new IllegalStateException("E(" + c + ") is not an integer at n=" + n + ", N=" + N);
        }
        return qr[0];
    }

    /** E(c), an alias of {@link #G}. */
    public BigInteger E(long c) {
        return G(c);
    }

    @Override
    public BigInteger[] numerators() {
        return numerators.clone();
    }

    @Override
    public BigInteger denominator() {
        return denominator;
    }
}
