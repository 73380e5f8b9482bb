package dam.core.sim;

import java.math.BigInteger;

/**
 * A polynomial with integer coefficients evaluated modulo 2^32, written b^e P(b^2) with e in {0, 1}: the field
 * coefficients a(b) and d(b) of F(x) = x^n (dam.core.model.Interaction) in the form the sequential sweep's int
 * lanes evaluate (Horner in b^2, one multiplication per coefficient).
 *
 * <p>By the binomial theorem, a(b) = ((b+2)^n - (b-2)^n) / 2 = sum over odd k of C(n,k) 2^k b^(n-k) and
 * d(b) = (2 b^n - (b+2)^n - (b-2)^n) / 2 = -sum over even k &gt;= 2 of C(n,k) 2^k b^(n-k) (n = 3: a = 6 b^2 + 8,
 * d = -12 b). Int arithmetic wraps, so a value is exact whenever the true value fits in an int.
 */
final class IntPolynomial {

    private final int[] coefficients; // of b^2, highest power first, each modulo 2^32
    private final boolean timesB;

    private IntPolynomial(int[] coefficients, boolean timesB) {
        this.coefficients = coefficients;
        this.timesB = timesB;
    }

    /** a(b) = ((b+2)^n - (b-2)^n) / 2 = sum over odd k of C(n,k) 2^k b^(n-k). */
    static IntPolynomial a(int n) {
        return of(n, 1, BigInteger.ONE);
    }

    /** d(b) = (2 b^n - (b+2)^n - (b-2)^n) / 2 = -sum over even k &gt;= 2 of C(n,k) 2^k b^(n-k). */
    static IntPolynomial d(int n) {
        return of(n, 2, BigInteger.ONE.negate());
    }

    /**
     * sign * sum over k = firstK, firstK + 2, .. &lt;= n of C(n,k) 2^k b^(n-k), as b^((n - firstK) mod 2) P(b^2)
     * (n &gt;= firstK). The odd k of (b+2)^n - (b-2)^n and the even k of (b+2)^n + (b-2)^n each appear twice,
     * which the halving in a and d cancels.
     */
    private static IntPolynomial of(int n, int firstK, BigInteger sign) {
        int[] c = new int[(n - firstK) / 2 + 1];
        BigInteger binomial = BigInteger.ONE; // C(n, k) built up as k runs from 0
        int at = 0;
        for (int k = 0; k <= n; k++) {
            if (k >= firstK && (k - firstK) % 2 == 0) {
                // power of b is n - k; highest first means k ascending
                c[at++] = binomial.shiftLeft(k).multiply(sign).intValue();
            }
            binomial = binomial.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        return new IntPolynomial(c, (n - firstK) % 2 == 1);
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
