package dam.core.theory;

/**
 * The branch of stationary retrieval states of one noise kernel P (model and n) at one temperature, parameterised by
 * the overlap m (docs/physics.md, "Stationary states"). On the branch the static field of the effective neuron is
 * u = m^(n-1) + s z, z standard normal. At temperature 0 (the frozen state, equilibrium selection) and, at temperature
 * &gt; 0, for n &gt;= 3 (parallel Glauber dynamics, the tangent closure):
 *
 * <pre>
 *   m   = E tanh(beta u)          (temperature 0: E sgn u = erf(m^(n-1) / (sqrt(2) s))),
 *   q   = E tanh^2(beta u),       chi = beta (1 - q)   (temperature 0: q = 1, chi = 2 x density of u at 0),
 *   s^2 = alpha (P(1) - (1 - q) P'(q))   (n &gt;= 3; P(1) at temperature 0),
 *   s^2 = alpha / (1 - chi)^2            (n = 2 at temperature 0, the response fed back into the noise).
 * </pre>
 *
 * For n = 2 at temperature &gt; 0 the parallel dynamics has detailed balance and its stationary state pairs consecutive
 * spins (sigma, tau) in the fields beta u with a coupling k (Little's model, {@link #pairPoint}). The equilibrium
 * closure of sequential dynamics ({@link Closure#EQUILIBRIUM}: s^2 = alpha P(q) for n &gt;= 3, Amit, Gutfreund and
 * Sompolinsky's s^2 = alpha q / (1 - chi)^2 for n = 2) is kept for comparison.
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
    record Point(double m, double s, double q, double chi, double alpha, double c) {

        /** A point whose one-step correlation C(t, t-1) is q (every closure but the pair one at n = 2). */
        Point(double m, double s, double q, double chi, double alpha) {
            this(m, s, q, chi, alpha, q);
        }
    }

    /** Which stationary state a branch describes at temperature &gt; 0 (both are the frozen state at temperature 0). */
    enum Closure {
        /** The stationary state of parallel Glauber dynamics, the engine's dynamics: Little's pairs at n = 2, the tangent closure at n &gt;= 3. */
        PARALLEL,
        /** The replica-symmetric equilibrium of sequential dynamics: spins in the static field of variance alpha P(q) (AGS at n = 2). */
        EQUILIBRIUM
    }

    private final NoiseKernel kernel;
    private final Closure closure;
    private final int n;
    private final double beta;
    /** The overlap at alpha -&gt; 0, the largest root of m = tanh(beta m^(n-1)) (1 at temperature 0). */
    private final double top;
    /** The overlap where the branch starts at alpha = 0 on its unstable side (0, or the smaller root for n &gt;= 3). */
    private final double bottom;
    /** The selection threshold at temperature 0: +1 where u &gt; -threshold Gamma. */
    private final double threshold;

    /**
     * The branch of parallel dynamics of kernel P at temperature &gt;= 0, which must lie below
     * {@link #retrievalTemperature(int)}.
     */
    RetrievalBranch(NoiseKernel kernel, double temperature) {
        this(kernel, temperature, 0, Closure.PARALLEL);
    }

    /** The branch of the given closure at temperature &gt;= 0, below {@link #retrievalTemperature(int)}. */
    RetrievalBranch(NoiseKernel kernel, double temperature, Closure closure) {
        this(kernel, temperature, 0, closure);
    }

    /**
     * The temperature-0 branch of frozen states in which a neuron is +1 exactly where its static field u exceeds
     * -threshold x Gamma (threshold 0: the sign of u, the equilibrium selection; 1: every neuron of the band at +1).
     * Its response is the static one of that rule, chi = 2 x the density of u at -threshold x Gamma, Gamma held fixed.
     * A diagnostic of how the selection moves the capacity (docs/notes/stationary.md), not a prediction: the threshold
     * the dynamics uses is measured, not derived.
     */
    RetrievalBranch(NoiseKernel kernel, double temperature, double threshold) {
        this(kernel, temperature, threshold, Closure.PARALLEL);
    }

    private RetrievalBranch(NoiseKernel kernel, double temperature, double threshold, Closure closure) {
        if (threshold != 0 && temperature != 0) {
            throw new IllegalArgumentException("threshold: a selection threshold needs temperature 0, got " + temperature);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: must lie in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
        this.kernel = kernel;
        this.closure = closure;
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

    /**
     * The variance per unit load of the static field at n &gt;= 3 and temperature &gt; 0, at Edwards-Anderson parameter q:
     * P(q) in equilibrium; for parallel dynamics P(1) - (1 - q) P'(q), the static part P(q) plus the part of the
     * fast noise that the retarded self-interaction does not cancel, P(1) - P(q) - (1 - q) P'(q) (docs/physics.md).
     */
    private double staticNoise(double q) {
        return closure == Closure.EQUILIBRIUM ? kernel.value(q) : kernel.value(1) - (1 - q) * kernel.derivative(q);
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
        } else if (n == 2 && closure == Closure.PARALLEL) {
            return pairPoint(m);
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
            alpha = s * s / staticNoise(q);
        }
        return new Point(m, s, q, chi, alpha);
    }

    /**
     * n = 2 at temperature &gt; 0, the stationary state of parallel dynamics (docs/physics.md, "Stationary states"): the
     * pair of consecutive spins in the fields beta (m + s z) with coupling k, where s^2 = alpha q / (1 - chi)^2,
     * chi = beta (1 + c - 2 q) and k = (alpha beta / 2) (chi / (1 - chi) - y / (1 + y)), y = beta (1 - c). Given m, each k
     * fixes s (the overlap equation), then q, c and chi, and alpha from the noise; the k that reproduces itself is found
     * by Newton's method on (s, k), or, where that fails, as the root of one residual bracketed from k = 0 (where the
     * required coupling is positive) upwards.
     */
    private Point pairPoint(double m) {
        double[] low = pairResidual(m, 0);
        Point fast = pairNewton(m, low[0], -low[5]);
        return fast != null ? fast : pairBracketed(m, low);
    }

    /**
     * The pair state at overlap m by Newton's method on (s, k) together, from the noise s0 of the uncoupled pair and
     * the coupling k0 it requires (a Jacobian by forward differences), or null if it does not converge to a physical
     * state in 30 steps; an order of magnitude faster than the bracketed solve, which is the fallback.
     */
    private Point pairNewton(double m, double s0, double k0) {
        if (!(s0 > 0) || !(k0 > 0)) {
            return null;
        }
        double s = s0;
        double k = k0;
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] f = pairEquations(m, s, k);
            if (f == null) {
                return null;
            }
            double hs = 1e-7 * s;
            double hk = 1e-7 * k;
            double[] fs = pairEquations(m, s + hs, k);
            double[] fk = pairEquations(m, s, k + hk);
            if (fs == null || fk == null) {
                return null;
            }
            double a11 = (fs[0] - f[0]) / hs;
            double a12 = (fk[0] - f[0]) / hk;
            double a21 = (fs[1] - f[1]) / hs;
            double a22 = (fk[1] - f[1]) / hk;
            double det = a11 * a22 - a12 * a21;
            double ds = -(a22 * f[0] - a12 * f[1]) / det;
            double dk = -(a11 * f[1] - a21 * f[0]) / det;
            if (!(s + ds > 0) || !(k + dk > 0)) {
                return null;
            }
            s += ds;
            k += dk;
            if (Math.abs(ds) <= 1e-12 * s && Math.abs(dk) <= 1e-12 * k) {
                double[] r = pairEquations(m, s, k);
                return r == null ? null : new Point(m, s, r[2], r[4], r[5], r[3]);
            }
        }
        return null;
    }

    /**
     * The residuals of the pair state at overlap m, noise s and coupling k: {E sigma - m, k - required k, q, c, chi,
     * alpha}, or null where chi &gt;= 1.
     */
    private double[] pairEquations(double m, double s, double k) {
        double[] pair = ThermalAverage.pair(beta, m, s, k);
        double q = pair[1];
        double c = pair[2];
        double chi = beta * (1 + c - 2 * q);
        if (!(chi < 1)) {
            return null;
        }
        double alpha = s * s * (1 - chi) * (1 - chi) / q;
        double y = beta * (1 - c);
        double required = 0.5 * alpha * beta * (chi / (1 - chi) - y / (1 + y));
        return new double[] {pair[0] - m, k - required, q, c, chi, alpha};
    }

    /** The pair state at overlap m by a bracketed root of the coupling's residual (low: the residual at k = 0). */
    private Point pairBracketed(double m, double[] low) {
        if (!(low[5] < 0)) {
            return new Point(m, low[0], low[1], low[3], -1, low[2]);
        }
        double lo = 0;
        double hi = Math.max(-low[5], 1e-6);
        double[] high = pairResidual(m, hi);
        while (!(high[5] >= 0)) {
            if (Double.isNaN(high[5]) || hi > 1e6) {
                return new Point(m, high[0], high[1], high[3], -1, high[2]);
            }
            lo = hi;
            hi *= 2;
            high = pairResidual(m, hi);
        }
        double k = Brent.root(x -> pairResidual(m, x)[5], lo, hi, 1e-13 * hi);
        double[] r = pairResidual(m, k);
        return new Point(m, r[0], r[1], r[3], r[4], r[2]);
    }

    /**
     * For overlap m and pair coupling k at n = 2, with s solved from the overlap equation: {s, q, c, chi, alpha,
     * k - required k}; alpha = -1 and a NaN residual where chi &gt;= 1 (no physical state).
     */
    private double[] pairResidual(double m, double k) {
        double s = noiseForOverlap(m, m, k);
        double[] f = pairEquations(m, s, k);
        if (f == null) {
            double[] pair = ThermalAverage.pair(beta, m, s, k);
            return new double[] {s, pair[1], pair[2], beta * (1 + pair[2] - 2 * pair[1]), -1, Double.NaN};
        }
        return new double[] {s, f[2], f[3], f[4], f[5], f[1]};
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
        return noiseForOverlap(a, m, Double.NaN);
    }

    /**
     * As {@link #noiseForOverlap(double, double)} for the pair of consecutive spins with coupling k (NaN: a single
     * spin), whose mean sinh A / (cosh A + exp(-2 k)), A = 2 beta (a + s z), also falls monotonically in s.
     */
    private double noiseForOverlap(double a, double m, double k) {
        boolean single = Double.isNaN(k);
        double top = single ? Math.tanh(beta * a)
                : Math.tanh(2 * beta * a) / (1 + Math.exp(-2 * k) / Math.cosh(2 * beta * a));
        if (top <= m) {
            return 0;
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        // start from the temperature-0 value, the noise at which E sgn(a + s z) = m
        double s = a / (SQRT_TWO * inverseErf(m));
        for (int iteration = 0; iteration < 200; iteration++) {
            double[] f = single ? ThermalAverage.overlapAndSlope(beta, a, s) : ThermalAverage.pair(beta, a, s, k);
            double slope = single ? f[1] : f[3];
            double excess = f[0] - m;
            double step = slope < 0 ? -excess / slope : Double.NaN;
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
