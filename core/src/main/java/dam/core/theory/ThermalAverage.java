package dam.core.theory;

/**
 * Averages of a spin in a Gaussian field at inverse temperature beta: for z standard normal,
 * {@code E tanh(beta (a + s z))} and {@code E sech^2(beta (a + s z))}, the overlap and the (scaled) susceptibility of
 * a Glauber spin whose field is a + s z. Beta may be infinite (temperature 0): then tanh is the sign and the second
 * average is replaced by the density of the field at 0 (see {@link #density}).
 *
 * <p>Quadrature: composite 8-point Gauss-Legendre on [-10, 10] (the Gaussian weight beyond is below 1e-22), with
 * panels of length at most 1 and extra break points at z0 +- w 2^k, k = -2..6, around the zero z0 = -a/s of the
 * field, w = 1 / (beta s) the width of the tanh step; every panel then sees a smooth integrand, whatever beta. Error
 * below 1e-13 (tests compare with the closed forms at beta = infinity and with a fine trapezoid rule).
 */
final class ThermalAverage {

    /** The Gaussian weight beyond |z| = 10 is below 1e-22. */
    private static final double Z_MAX = 10;
    private static final int ORDER = 8;
    private static final double[] NODES = new double[ORDER];
    private static final double[] WEIGHTS = new double[ORDER];
    private static final double INV_SQRT_TWO = 1 / Math.sqrt(2);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

    static {
        // Gauss-Legendre on [-1, 1]: nodes are the roots of P_8, by Newton from Chebyshev guesses
        for (int i = 0; i < ORDER; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (ORDER + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= ORDER; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = ORDER * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            NODES[i] = x;
            WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    private ThermalAverage() {
    }

    /** E tanh(beta (a + s z)), s &gt;= 0; beta infinite gives E sgn(a + s z) = erf(a / (sqrt(2) s)). */
    static double overlap(double beta, double a, double s) {
        if (s == 0) {
            return Double.isInfinite(beta) ? Math.signum(a) : Math.tanh(beta * a);
        }
        if (Double.isInfinite(beta)) {
            return Gaussian.erf(a / s * INV_SQRT_TWO);
        }
        return gaussianAverage(breakPoints(-a / s, 1 / (beta * s)), 1,
                (z, w, sum) -> sum[0] += w * Math.tanh(beta * (a + s * z)))[0];
    }

    /**
     * For finite beta and s &gt; 0: {E tanh(beta (a + s z)), its derivative in s, E beta z sech^2(beta (a + s z))}, in one
     * pass over the quadrature points.
     */
    static double[] overlapAndSlope(double beta, double a, double s) {
        double[] sums = gaussianAverage(breakPoints(-a / s, 1 / (beta * s)), 2, (z, w, sum) -> {
            double x = beta * (a + s * z);
            sum[0] += w * Math.tanh(x);
            sum[1] += w * z * sech2(x);
        });
        return new double[] {sums[0], beta * sums[1]};
    }

    /**
     * For finite beta, s &gt;= 0 and a pair coupling k: the averages over z of a pair of spins (sigma, tau) with weight
     * exp(beta (a + s z) (sigma + tau) + k sigma tau), the single-site problem of parallel dynamics at n = 2
     * (docs/physics.md, "Stationary states"): {E &lt;sigma&gt;, E &lt;sigma&gt;^2, E &lt;sigma tau&gt;, d E &lt;sigma&gt; / d s}. With A = 2 beta
     * (a + s z) and b = exp(-2 k), &lt;sigma&gt; = sinh A / (cosh A + b) and &lt;sigma tau&gt; = (cosh A - b) / (cosh A + b); k = 0
     * gives independent spins, &lt;sigma&gt; = tanh(beta (a + s z)).
     */
    static double[] pair(double beta, double a, double s, double k) {
        double b = Math.exp(-2 * k);
        if (s == 0) {
            double x = 2 * beta * a;
            double d = 1 + b / Math.cosh(x);
            double spin = Math.tanh(x) / d;
            return new double[] {spin, spin * spin, (1 - b / Math.cosh(x)) / d, 0};
        }
        double[] sums = gaussianAverage(breakPoints(-a / s, 1 / (2 * beta * s)), 4, (z, w, sum) -> {
            double x = 2 * beta * (a + s * z);
            // divided through by cosh A, so that nothing overflows for large |A|
            double sech = 1 / Math.cosh(x);
            double d = 1 + b * sech;
            double spin = Math.tanh(x) / d;
            sum[0] += w * spin;
            sum[1] += w * spin * spin;
            sum[2] += w * (1 - b * sech) / d;
            sum[3] += w * z * sech * (sech + b) / (d * d);
        });
        return new double[] {sums[0], sums[1], sums[2], 2 * beta * sums[3]};
    }

    /** E sech^2(beta (a + s z)) for finite beta and s &gt;= 0: 1 - q, with q = E tanh^2. */
    static double sechSquared(double beta, double a, double s) {
        if (Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta: must be finite for sech^2, got infinity (use density)");
        }
        if (s == 0) {
            return sech2(beta * a);
        }
        return gaussianAverage(breakPoints(-a / s, 1 / (beta * s)), 1,
                (z, w, sum) -> sum[0] += w * sech2(beta * (a + s * z)))[0];
    }

    /**
     * 2 x the density of a + s z at 0, sqrt(2 / pi) exp(-a^2 / (2 s^2)) / s: the limit of beta E sech^2(beta (a + s z))
     * as beta grows, i.e. d E sgn(a + s z) / da, the susceptibility at temperature 0.
     */
    static double density(double a, double s) {
        if (s == 0) {
            return 0;
        }
        double x = a / s;
        return SQRT_TWO_OVER_PI * Math.exp(-0.5 * x * x) / s;
    }

    /** An integrand of several components at z: adds w f_c(z) to sum[c], w the quadrature weight at z. */
    @FunctionalInterface
    private interface Integrand {
        void add(double z, double w, double[] sum);
    }

    /**
     * The integrals of the integrand's components against the standard Gaussian density, by the Gauss-Legendre rule
     * on each panel between consecutive break points; a panel's sum is complete before it is added to the total. The
     * one quadrature loop of this class.
     */
    private static double[] gaussianAverage(double[] breaks, int components, Integrand f) {
        double[] total = new double[components];
        double[] panel = new double[components];
        for (int k = 0; k + 1 < breaks.length; k++) {
            double lo = breaks[k];
            double hi = breaks[k + 1];
            if (hi <= lo) {
                continue;
            }
            double half = 0.5 * (hi - lo);
            double mid = 0.5 * (hi + lo);
            java.util.Arrays.fill(panel, 0);
            for (int i = 0; i < ORDER; i++) {
                double z = mid + half * NODES[i];
                f.add(z, WEIGHTS[i] * Gaussian.density(z), panel);
            }
            for (int c = 0; c < components; c++) {
                total[c] += half * panel[c];
            }
        }
        return total;
    }

    /** The sorted break points: the integers in [-10, 10] and z0 +- w 2^k, k = -2..6, that fall inside. */
    private static double[] breakPoints(double z0, double w) {
        double[] points = new double[2 * (int) Z_MAX + 1 + 2 * 9 + 1];
        int count = 0;
        for (int j = -(int) Z_MAX; j <= (int) Z_MAX; j++) {
            points[count++] = j;
        }
        if (z0 > -Z_MAX && z0 < Z_MAX) {
            points[count++] = z0;
        }
        for (int k = -2; k <= 6; k++) {
            double d = w * Math.scalb(1.0, k);
            for (double p : new double[] {z0 - d, z0 + d}) {
                if (p > -Z_MAX && p < Z_MAX) {
                    points[count++] = p;
                }
            }
        }
        double[] sorted = java.util.Arrays.copyOf(points, count);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** sech^2(x) = 4 e^(-2|x|) / (1 + e^(-2|x|))^2, without cancellation for large |x|. */
    private static double sech2(double x) {
        double e = Math.exp(-2 * Math.abs(x));
        return 4 * e / ((1 + e) * (1 + e));
    }
}
