package dam.core.theory;

import dam.core.Require;
import java.math.BigInteger;

/**
 * The noise kernel of the seed paper's Lemma 1: P(c) = E[x^l y^l] for standard Gaussians x, y with
 * correlation c, l = n - 1, written as P(c) = sum_{k=0..l} A(l,k) c^k with
 * A(l,k) = binom(l,k)^2 k! B(l-k)^2 and B(m) = (m-1)!! for even m, 0 for odd m.
 *
 * <p>Coefficients are exact integers; evaluation is in double. Examples: n = 3 gives 1 + 2c^2,
 * n = 4 gives 9c + 6c^3, n = 5 gives 9 + 72c^2 + 24c^4.
 */
public final class Moments implements NoiseKernel {

    private final int n;
    private final BigInteger[] exact;
    private final double[] coefficients;

    /** The kernel of interaction order n &gt;= 2. */
    public Moments(int n) {
        Require.atLeast("n", n, 2);
        this.n = n;
        int l = n - 1;
        exact = new BigInteger[l + 1];
        coefficients = new double[l + 1];
        for (int k = 0; k <= l; k++) {
            BigInteger binom = binomial(l, k);
            BigInteger b = pairings(l - k);
            exact[k] = binom.pow(2).multiply(factorial(k)).multiply(b.pow(2));
            coefficients[k] = exact[k].doubleValue();
        }
    }

    /** The interaction order n. */
    @Override
    public int order() {
        return n;
    }

    /** The polynomial degree l = n - 1. */
    public int degree() {
        return n - 1;
    }

    /** The exact coefficient A(l, k) of c^k, for 0 &lt;= k &lt;= l. */
    public BigInteger coefficient(int k) {
        if (k < 0 || k > degree()) {
            throw new IllegalArgumentException("k: must lie in [0, " + degree() + "], got " + k);
        }
        return exact[k];
    }

    /** P(c). */
    @Override
    public double value(double c) {
        double sum = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            sum = sum * c + coefficients[k];
        }
        return sum;
    }

    /** P'(c), the derivative in c. */
    @Override
    public double derivative(double c) {
        double sum = 0;
        for (int k = coefficients.length - 1; k >= 1; k--) {
            sum = sum * c + k * coefficients[k];
        }
        return sum;
    }

    /** m!! (the product m (m-2) (m-4) ... down to 1 or 2), with 0!! = (-1)!! = 1. */
    public static BigInteger doubleFactorial(int m) {
        Require.atLeast("m", m, -1);
        BigInteger result = BigInteger.ONE;
        for (int j = m; j > 1; j -= 2) {
            result = result.multiply(BigInteger.valueOf(j));
        }
        return result;
    }

    /** B(m): the number of perfect matchings of m points, (m-1)!! for even m and 0 for odd m. */
    private static BigInteger pairings(int m) {
        return m % 2 == 0 ? doubleFactorial(m - 1) : BigInteger.ZERO;
    }

    private static BigInteger factorial(int k) {
        BigInteger result = BigInteger.ONE;
        for (int j = 2; j <= k; j++) {
            result = result.multiply(BigInteger.valueOf(j));
        }
        return result;
    }

    private static BigInteger binomial(int l, int k) {
        BigInteger result = BigInteger.ONE;
        for (int j = 0; j < k; j++) {
            result = result.multiply(BigInteger.valueOf(l - j)).divide(BigInteger.valueOf(j + 1));
        }
        return result;
    }
}
