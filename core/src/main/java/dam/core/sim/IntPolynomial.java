package dam.core.sim;

import dam.core.model.CavityPolynomial;
import dam.core.model.Interaction;
import java.math.BigInteger;

/**
 * A polynomial with integer coefficients evaluated modulo 2^32, written b^e P(b^2) with e in {0, 1}: the field
 * coefficients a(b) and d(b) of a model's {@link CavityPolynomial}, times a common integer scale, in the form the
 * sequential sweep's int lanes evaluate (Horner in b^2, one multiplication per coefficient).
 *
 * <p>With G(c) = sum_k g_k c^k / q, the binomial theorem gives a(b) = (G(b-1) + G(b+1)) / 2 = sum_j b^j
 * sum_{k - j even} g_k C(k, j) / q and d(b) = (G(b-1) - G(b+1)) / 2 = -sum_j b^j sum_{k - j odd} g_k C(k, j) / q;
 * a has the parity of n - 1 and d that of n, hence the form b^e P(b^2). The dense model's D has integer
 * coefficients (scale 1: n = 3, a = 6 b^2 + 8, d = -12 b); the p-body model's E(c) = e_{n-1} has the denominator
 * (n-1)!, so its int lanes hold scale a(b) and scale d(b) with the smallest scale that clears it (n = 3: 2a = b^2 +
 * 2 - N, 2d = -2b; n = 4: 6a = b^3 - (3N - 8) b, 6d = -3 b^2 + 3N - 6) and compute scale h_i. Int arithmetic
 * wraps, so a value is exact whenever the true scaled value fits in an int.
 */
final class IntPolynomial {

    /**
     * The pair (scale a, scale d) of one cavity polynomial, scale being the smallest positive integer that makes both
     * integer polynomials.
     */
    record Pair(IntPolynomial a, IntPolynomial d, int scale) {
    }

    private final int[] coefficients; // of b^2, highest power first, each modulo 2^32
    private final boolean timesB;

    private IntPolynomial(int[] coefficients, boolean timesB) {
        this.coefficients = coefficients;
        this.timesB = timesB;
    }

    /** The dense model's a(b) = ((b+2)^n - (b-2)^n) / 2 = sum over odd k of C(n,k) 2^k b^(n-k). */
    static IntPolynomial a(int n) {
        return of(new Interaction(n)).a();
    }

    /** The dense model's d(b) = (2 b^n - (b+2)^n - (b-2)^n) / 2 = -sum over even k &gt;= 2 of C(n,k) 2^k b^(n-k). */
    static IntPolynomial d(int n) {
        return of(new Interaction(n)).d();
    }

    /**
     * scale a(b) and scale d(b) of the cavity polynomial g, as integer polynomials.
     *
     * @throws ArithmeticException when the scale exceeds an int (orders far beyond those a long field can hold)
     */
    static Pair of(CavityPolynomial g) {
        BigInteger[] num = g.numerators();
        int degree = num.length - 1;
        BigInteger[] alpha = new BigInteger[degree + 1];  // numerators of a, power j
        BigInteger[] delta = new BigInteger[degree + 1];  // numerators of d, power j
        java.util.Arrays.fill(alpha, BigInteger.ZERO);
        java.util.Arrays.fill(delta, BigInteger.ZERO);
        for (int k = 0; k <= degree; k++) {
            BigInteger binomial = BigInteger.ONE; // C(k, j)
            for (int j = 0; j <= k; j++) {
                BigInteger term = num[k].multiply(binomial);
                if ((k - j) % 2 == 0) {
                    alpha[j] = alpha[j].add(term);
                } else {
                    delta[j] = delta[j].subtract(term);
                }
                binomial = binomial.multiply(BigInteger.valueOf(k - j)).divide(BigInteger.valueOf(j + 1));
            }
        }
        BigInteger common = g.denominator();
        for (int j = 0; j <= degree; j++) {
            common = common.gcd(alpha[j]).gcd(delta[j]);
        }
        int scale = g.denominator().divide(common).intValueExact();
        return new Pair(inB(alpha, common, degree), inB(delta, common, degree - 1), scale);
    }

    /**
     * The polynomial sum_j c[j] b^j / divisor of the given degree as b^e P(b^2), e = degree mod 2.
     *
     * @throws IllegalStateException when a power of the other parity has a nonzero coefficient
     */
    private static IntPolynomial inB(BigInteger[] c, BigInteger divisor, int degree) {
        int[] out = new int[degree / 2 + 1];
        for (int j = 0; j < c.length; j++) {
            if (c[j].signum() != 0 && (j > degree || (degree - j) % 2 != 0)) {
                throw new IllegalStateException("the field coefficient of degree " + degree + " has a term b^" + j);
            }
        }
        for (int at = 0; at < out.length; at++) {
            out[at] = c[degree - 2 * at].divide(divisor).intValue(); // highest power first, modulo 2^32
        }
        return new IntPolynomial(out, degree % 2 == 1);
    }

    /** The coefficients of b^2, highest power first (not copied: callers must not modify them). */
    int[] coefficients() {
        return coefficients;
    }

    /** True if the polynomial is b times a polynomial in b^2. */
    boolean timesB() {
        return timesB;
    }

    /**
     * True if the polynomial is slope t + intercept with t = b or t = b^2 (n = 2 and n = 3: a(b) = 4b, d = -4;
     * a(b) = 6b^2 + 8, d(b) = -12b), which the vector lanes evaluate with one multiplication.
     */
    boolean linear() {
        return coefficients.length == 1 || (coefficients.length == 2 && !timesB);
    }

    /** For a {@link #linear} polynomial: the slope. */
    int slope() {
        return coefficients.length == 1 ? (timesB ? coefficients[0] : 0) : coefficients[0];
    }

    /** For a {@link #linear} polynomial: the intercept. */
    int intercept() {
        return coefficients.length == 1 ? (timesB ? 0 : coefficients[0]) : coefficients[1];
    }

    /** For a {@link #linear} polynomial: true if t = b^2, false if t = b. */
    boolean inSquare() {
        return coefficients.length == 2;
    }

    /** The value at b modulo 2^32. */
    int at(int b) {
        int y = b * b;
        int acc = coefficients[0];
        for (int k = 1; k < coefficients.length; k++) {
            acc = acc * y + coefficients[k];
        }
        return timesB ? acc * b : acc;
    }
}
