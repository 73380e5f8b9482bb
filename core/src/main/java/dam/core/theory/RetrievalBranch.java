package dam.core.theory;

/**
 * The branch of stationary retrieval states of one noise kernel P (model and n) at one temperature, parameterised by
 * the overlap m (docs/physics.md, "Stationary states"). On the branch the static field of the effective neuron is
 * u = m^(n-1) + s z, z standard normal, and
 *
 * <pre>
 *   m   = E tanh(beta u)          (temperature 0: E sgn u = erf(m^(n-1) / (sqrt(2) s))),
 *   q   = E tanh^2(beta u),       chi = beta (1 - q)   (temperature 0: q = 1, chi = 2 x density of u at 0),
 *   s^2 = alpha P(q)              (n &gt;= 3),
 *   s^2 = alpha q / (1 - chi)^2   (n = 2, the response fed back into the noise).
 * </pre>
 *
 * Given m, the first line fixes s (E tanh(beta (a + s z)) falls monotonically in s for a &gt; 0), the next two q and
 * chi, and the last alpha(m) explicitly. The branch is therefore a graph over m, and the saddle-node where the
 * retrieval solution disappears is the maximum of alpha(m): alpha_c and m at alpha_c solve d alpha / d m = 0 (found by
 * Brent's method, no scan in alpha). The stable (retrieval) part is m above the fold, up to the alpha -&gt; 0 end
 * m = tanh(beta m^(n-1)).
 */
final class RetrievalBranch {

    /** Samples along the branch that locate the fold's bracket before Brent's method refines it. */
    private static final int SAMPLES = 24;
    private static final double SQRT_TWO = Math.sqrt(2);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

    /**
     * A stationary state on the branch: overlap m, static noise standard deviation s, Edwards-Anderson q,
     * susceptibility chi and the load alpha at which it is stationary (0 at the alpha -&gt; 0 end; negative where the
     * branch has no physical state: n = 2 with chi &gt;= 1).
     */
    record Point(double m, double s, double q, double chi, double alpha) {
    }

    private final NoiseKernel kernel;
    private final int n;
    private final double beta;
    /** The overlap at alpha -&gt; 0, the largest root of m = tanh(beta m^(n-1)) (1 at temperature 0). */
    private final double top;
    /** The overlap where the branch starts at alpha = 0 on its unstable side (0, or the smaller root for n &gt;= 3). */
    private final double bottom;
    /** The selection threshold at temperature 0: +1 where u &gt; -threshold Gamma. */
    private final double threshold;

    /** The branch of kernel P at temperature &gt;= 0, which must lie below {@link #retrievalTemperature(int)}. */
    RetrievalBranch(NoiseKernel kernel, double temperature) {
        this(kernel, temperature, 0);
    }

    /**
     * The temperature-0 branch of frozen states in which a neuron is +1 exactly where its static field u exceeds
     * -threshold x Gamma (threshold 0: the sign of u, the equilibrium selection; 1: every neuron of the band at +1).
     * Its response is the static one of that rule, chi = 2 x the density of u at -threshold x Gamma, Gamma held fixed.
     * A diagnostic of how the selection moves the capacity (docs/notes/stationary.md), not a prediction: the threshold
     * the dynamics uses is measured, not derived.
     */
    RetrievalBranch(NoiseKernel kernel, double temperature, double threshold) {
        if (threshold != 0 && temperature != 0) {
            throw new IllegalArgumentException("threshold: a selection threshold needs temperature 0, got " + temperature);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: must lie in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
        this.kernel = kernel;
        this.n = kernel.order();
        this.beta = temperature == 0 ? Double.POSITIVE_INFINITY : 1 / temperature;
        double peak = n == 2 ? 0 : Brent.maximum(m -> smallLoadTemperature(n, m), 0, 1, 1e-14);
        if (temperature == 0) {
            top = 1;
            bottom = threshold == 0 ? 0 : divergence(n, kernel, threshold);
        } else {
            if (temperature >= retrievalTemperature(n)) {
                throw new IllegalArgumentException("temperature: must lie below " + retrievalTemperature(n)
                        + " for a retrieval state at n = " + n + ", got " + temperature);
            }
            double below = Math.nextDown(1.0);
            top = smallLoadTemperature(n, below) >= temperature ? 1
                    : Brent.root(m -> smallLoadTemperature(n, m) - temperature, Math.max(peak, 1e-300), below, 1e-16);
            bottom = n == 2 ? 0 : Brent.root(m -> smallLoadTemperature(n, m) - temperature, 1e-300, peak, 1e-16);
        }
    }

    /**
     * With a selection threshold kappa &gt; 0 at temperature 0, the overlap below which the branch has no regular state:
     * where the coefficient x - kappa k exp(-x^2 / 2) of s in the threshold condition vanishes (x = sqrt 2 erfinv m,
     * k = sqrt(2 / pi) P'(1) / P(1), or sqrt(2 / pi) at n = 2), so that the noise s diverges.
     */
    private static double divergence(int n, NoiseKernel kernel, double threshold) {
        double k = SQRT_TWO_OVER_PI * (n == 2 ? 1 : kernel.derivative(1) / kernel.value(1));
        double x = Brent.root(y -> y - threshold * k * Math.exp(-0.5 * y * y), 0, 1 + threshold * k, 1e-16);
        return Gaussian.erf(x / SQRT_TWO);
    }

    /**
     * The highest temperature at which a retrieval state exists as alpha -&gt; 0, where m = tanh(m^(n-1) / temperature):
     * 1 for n = 2 (a continuous transition), else the maximum over m of m^(n-1) / atanh(m) (a saddle-node).
     */
    static double retrievalTemperature(int n) {
        if (n == 2) {
            return 1;
        }
        double peak = Brent.maximum(m -> smallLoadTemperature(n, m), 0, 1, 1e-14);
        return smallLoadTemperature(n, peak);
    }

    /** The temperature at which m solves m = tanh(m^(n-1) / temperature): m^(n-1) / atanh(m). */
    private static double smallLoadTemperature(int n, double m) {
        if (m <= 0) {
            return n == 2 ? 1 : 0;
        }
        return Math.pow(m, n - 1) / atanh(m);
    }

    private static double atanh(double m) {
        return 0.5 * Math.log1p(2 * m / (1 - m));
    }

    /** The overlap at the alpha -&gt; 0 end of the branch. */
    double top() {
        return top;
    }

    /** The stationary state on the branch with overlap m in (bottom, top]. */
    Point at(double m) {
        if (m <= 0) {
            return new Point(m, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double a = Math.pow(m, n - 1);
        double s;
        double q;
        double chi;
        if (Double.isInfinite(beta)) {
            if (m >= 1) {
                return new Point(m, 0, 1, 0, 0);
            }
            // m = erf(x / sqrt 2) with x = (a + threshold Gamma) / s; chi = c / s, c = sqrt(2 / pi) exp(-x^2 / 2);
            // with Gamma = alpha P'(1) chi, alpha = s^2 / P(1) (n >= 3) or Gamma = c (s - c), alpha = s^2 (1 - chi)^2
            // (n = 2), the threshold condition x s = a + threshold Gamma is linear in s
            double x = SQRT_TWO * inverseErf(m);
            double c = SQRT_TWO_OVER_PI * Math.exp(-0.5 * x * x);
            s = n == 2 ? (a - threshold * c * c) / (x - threshold * c)
                    : a / (x - threshold * kernel.derivative(1) * c / kernel.value(1));
            if (!(s > 0) || Double.isInfinite(s)) {
                return new Point(m, s, 1, Double.NaN, -1);
            }
            q = 1;
            chi = c / s;
        } else {
            s = noiseForOverlap(a, m);
            double soft = ThermalAverage.sechSquared(beta, a, s);
            q = 1 - soft;
            chi = beta * soft;
        }
        double alpha;
        if (n == 2) {
            alpha = chi < 1 ? s * s * (1 - chi) * (1 - chi) / q : -1;
        } else {
            alpha = s * s / kernel.value(q);
        }
        return new Point(m, s, q, chi, alpha);
    }

    /**
     * The saddle-node: the first maximum of alpha(m) met walking down the branch from its alpha -&gt; 0 end at m = top (the
     * retrieval branch's end; with a selection threshold the branch can rise again at small m, where no retrieval
     * state is continuous with m = 1), or null if the branch has no state at any load or never turns down.
     */
    Point fold() {
        double[] grid = new double[SAMPLES + 2];
        double[] alpha = new double[SAMPLES + 2];
        grid[0] = bottom;
        grid[SAMPLES + 1] = top;
        alpha[SAMPLES + 1] = 0;
        int peak = 0;
        for (int i = SAMPLES; i >= 1; i--) {
            grid[i] = bottom + (top - bottom) * i / (SAMPLES + 1);
            alpha[i] = at(grid[i]).alpha();
            if (alpha[i] < alpha[i + 1] || alpha[i] < 0) {
                peak = i + 1;
                break;
            }
        }
        // peak == 0: alpha(m) rose all the way down, into the small-m region where a selection threshold makes the
        // noise diverge; no fold is continuous with m = 1 (the equilibrium selection always turns down before)
        if (peak == 0 || peak > SAMPLES || !(alpha[peak] > 0)) {
            return null;
        }
        double m = Brent.maximum(x -> at(x).alpha(), grid[peak - 1], grid[peak + 1], 1e-15);
        return at(m);
    }

    /** The retrieval (stable, largest-m) state at load alpha &gt; 0, or null if alpha is above the fold. */
    Point atLoad(double alpha) {
        // walk down from the alpha -> 0 end: alpha(m) rises to the fold, so the first sample at or above alpha
        // brackets the root with its upper neighbour; only a load above every sample needs the fold itself
        double previous = top;
        for (int i = SAMPLES; i >= 1; i--) {
            double m = bottom + (top - bottom) * i / (SAMPLES + 1);
            double value = at(m).alpha();
            if (value >= alpha) {
                return at(Brent.root(x -> at(x).alpha() - alpha, m, previous, 1e-16));
            }
            if (value < 0 || (i < SAMPLES && value < at(previous).alpha())) {
                break; // past the fold, or out of the physical branch
            }
            previous = m;
        }
        Point fold = fold();
        if (fold == null || alpha > fold.alpha()) {
            return null;
        }
        double m = Brent.root(x -> at(x).alpha() - alpha, fold.m(), top, 1e-16);
        return at(m);
    }

    /**
     * The s &gt;= 0 at which E tanh(beta (a + s z)) = m (0 where tanh(beta a) &lt;= m: the alpha -&gt; 0 end), by Newton's
     * method kept inside a bracket that bisection shrinks where a step would leave it. The function falls
     * monotonically in s, from tanh(beta a) at s = 0 towards 0.
     */
    private double noiseForOverlap(double a, double m) {
        if (Math.tanh(beta * a) <= m) {
            return 0;
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        // start from the temperature-0 value, the noise at which E sgn(a + s z) = m
        double s = a / (SQRT_TWO * inverseErf(m));
        for (int iteration = 0; iteration < 200; iteration++) {
            double[] f = ThermalAverage.overlapAndSlope(beta, a, s);
            double excess = f[0] - m;
            double step = f[1] < 0 ? -excess / f[1] : Double.NaN;
            if (excess == 0 || Math.abs(step) <= 1e-15 * s) {
                return s;
            }
            if (excess > 0) {
                lo = s;
            } else {
                hi = s;
            }
            double next = s + step;
            if (!(next > lo && next < hi)) {
                next = Double.isInfinite(hi) ? 2 * s : 0.5 * (lo + hi);
            }
            if (hi - lo <= 1e-15 * hi) {
                return next;
            }
            s = next;
        }
        return s;
    }

    /** y &gt;= 0 with erf(y) = m for m in [0, 1), from erfc(y) = 1 - m (exact for m near 1, where erfc is accurate). */
    static double inverseErf(double m) {
        double tail = 1 - m;
        double hi = 1;
        while (Gaussian.erfc(hi) > tail) {
            hi *= 2;
        }
        return Brent.root(y -> Gaussian.erfc(y) - tail, 0, hi, 1e-17);
    }
}
