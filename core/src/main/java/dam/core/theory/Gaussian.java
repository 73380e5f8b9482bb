package dam.core.theory;

/**
 * The standard Gaussian: density, distribution function and the error function, without external
 * libraries. erf is accurate to about 1e-15 absolute; erfc to about 1e-15 relative for x &gt;= 3 and
 * 1e-15 absolute below.
 */
public final class Gaussian {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
    /** Below this |x| the power series is used, above it the continued fraction for erfc. */
    private static final double SERIES_LIMIT = 3;
    /** erfc(6) = 2.2e-17 is below half an ulp of 1 (5.6e-17), so erf is +-1 in double from here on (a shortcut). */
    private static final double ERF_ROUNDS_TO_ONE = 6;
    /** erfc(x) &lt; 1e-300 beyond this, so erfc underflows to 0. */
    private static final double SATURATION = 27;

    private Gaussian() {
    }

    /** The error function erf(x) = (2 / sqrt(pi)) int_0^x exp(-u^2) du. */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double a = Math.abs(x);
        if (a >= ERF_ROUNDS_TO_ONE) {
            return x < 0 ? -1 : 1;
        }
        double value = a < SERIES_LIMIT ? series(a) : 1 - erfcTail(a);
        return x < 0 ? -value : value;
    }

    /** The complementary error function erfc(x) = 1 - erf(x). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= SERIES_LIMIT) {
            return erfcTail(x);
        }
        if (x > -SERIES_LIMIT) {
            return x >= 0 ? 1 - series(x) : 1 + series(-x);
        }
        return 2 - erfcTail(-x);
    }

    /** The standard normal density phi(x). */
    public static double density(double x) {
        return INV_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
    }

    /** The standard normal distribution function Phi(x) = P(Z &lt;= x). */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * erf(a) for 0 &lt;= a &lt; 3 from the series (2/sqrt(pi)) exp(-a^2) sum_k 2^k a^(2k+1) / (2k+1)!!,
     * whose terms are all positive, so nothing cancels.
     */
    private static double series(double a) {
        double term = a;
        double sum = a;
        double twoASquared = 2 * a * a;
        for (int k = 0; term > 1e-17 * sum; k++) {
            term *= twoASquared / (2 * k + 3);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
    }

    /**
     * erfc(a) for a &gt;= 3 from the continued fraction
     * erfc(a) = exp(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), by the modified Lentz method.
     */
    private static double erfcTail(double a) {
        if (a > SATURATION) {
            return 0;
        }
        double tiny = 1e-300;
        double f = a;
        double c = a;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double ak = 0.5 * k;
            d = a + ak * d;
            d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
            c = a + ak / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return INV_SQRT_PI * Math.exp(-a * a) / f;
    }
}
