package dam.core.analysis;

import java.util.Arrays;

/**
 * The crossing point c of a rising success curve, P(c) = 1/2, with its 95% interval, from counts per pattern set at
 * points x where every pattern set ran at one point only (the sets of different points are independent, as
 * {@link BoundarySearch} plans them; trials of one set may be correlated).
 *
 * <p>Where successes and failures overlap, c is the centre of the maximum-likelihood logistic curve
 * P(x) = 1 / (1 + exp(-(x - c) / s)) and the interval is Fieller's for the ratio c = -a / b of the linear predictor
 * a + b x, with the cluster-robust (sandwich) covariance of (a, b) over pattern sets: the set of c at which the
 * predictor's value a + b c is not significantly different from 0, with the small-sample factor K / (K - 1) on the
 * covariance for K pattern sets, at Student's t with the smaller of K - 1 and the slope's degrees of freedom
 * b^2 / (2 Var b) (Satterthwaite's: the interval's width scales with the fitted 1 / b, so a poorly known slope makes
 * the width a noisy estimate; an adaptive design that concentrates near c knows the slope least, and a rule that stops
 * once the width is small would otherwise stop preferentially when the slope came out too steep). The sandwich makes the interval honest
 * when trials of a set are correlated (no binomial variance is assumed), and Fieller's set, unlike the delta method,
 * stays right when the slope is poorly known (it opens up to the whole line when b is not significant). Where the
 * data are separated (every failure at or below every success, the logistic maximum at infinite slope), c lies
 * between the highest point without a success and the lowest point without a failure; that bracket is its interval
 * when each end carries at least {@value #BRACKET_SETS} pattern sets (if P were 1/2 or more at a point, all its
 * K sets failing has probability at most 2^-K &lt;= 1/64, and likewise at the other end). Otherwise there is no
 * interval (lower = -inf, upper = +inf).
 *
 * <p>Every function is evaluated with {@link StrictMath}, so the estimate is the same bit for bit on every JVM: the
 * planner's choices depend on it.
 *
 * @param centre the estimate of c; NaN where none (no crossing seen: all successes or all failures)
 * @param lower  lower end of the 95% interval, -inf where there is none
 * @param upper  upper end of the 95% interval, +inf where there is none
 * @param scale  the fitted logistic scale s (NaN unless the method is {@link #LOGISTIC})
 * @param df     the degrees of freedom of the interval's t quantile (NaN unless the method is {@link #LOGISTIC})
 * @param method {@link #LOGISTIC}, {@link #BRACKET}, {@link #INTERPOLATION} (centre only: overlapping data without a
 *               rising logistic maximum) or {@link #NONE}
 * @param sets   the number K of pattern sets behind it
 * @param trials the number of trials behind it
 */
public record BoundaryEstimate(double centre, double lower, double upper, double scale, double df, String method,
                               int sets, int trials) {

    public static final String LOGISTIC = "logistic";
    public static final String BRACKET = "bracket";
    public static final String INTERPOLATION = "interpolation";
    public static final String NONE = "none";

    /** Pattern sets an end of a bracket needs before the bracket is an interval: 2^-6 &lt; 2.5%. */
    public static final int BRACKET_SETS = 6;

    /** Whether the interval is finite. */
    public boolean hasInterval() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** upper - lower (+inf without an interval). */
    public double width() {
        return upper - lower;
    }

    /**
     * The estimate from counts per pattern set at points x (strictly ascending); counts[i] holds the sets that ran
     * at x[i], none of which ran at any other point.
     */
    public static BoundaryEstimate of(double[] x, SetCounts[] counts) {
        validate(x, counts);
        int points = x.length;
        int[] successes = new int[points];
        int[] trials = new int[points];
        int sets = 0;
        int total = 0;
        for (int i = 0; i < points; i++) {
            successes[i] = counts[i].totalSuccesses();
            trials[i] = counts[i].totalTrials();
            sets += counts[i].sets();
            total += trials[i];
        }
        if (!LogisticFit.overlaps(x, successes, trials)) {
            return bracket(x, counts, successes, trials, sets, total);
        }
        double[] fit = LogisticLikelihood.STRICT.maximum(x, successes, trials);
        if (fit == null) {
            return new BoundaryEstimate(interpolatedCrossing(x, successes, trials), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, INTERPOLATION, sets, total);
        }
        double c = fit[0];
        double b = fit[1];
        double[] interval = fieller(x, counts, c, b, sets);
        return new BoundaryEstimate(c, interval[0], interval[1], 1 / b, interval[2], LOGISTIC, sets, total);
    }

    /** Separated data: the bracket between the highest point without a success and the lowest without a failure. */
    private static BoundaryEstimate bracket(double[] x, SetCounts[] counts, int[] successes, int[] trials, int sets,
                                            int total) {
        int below = -1; // highest point with no success
        int above = -1; // lowest point with no failure
        int mixed = -1; // the one point with both, if any (separated data allow at most one)
        for (int i = 0; i < x.length; i++) {
            if (successes[i] == 0) {
                below = i;
            } else if (successes[i] == trials[i]) {
                if (above < 0) {
                    above = i;
                }
            } else {
                mixed = i;
            }
        }
        if (below < 0 || above < 0 || below > above) {
            // All successes or all failures (or a lone mixed point at an end): no crossing seen.
            double centre = mixed >= 0 ? x[mixed] : Double.NaN;
            return new BoundaryEstimate(centre, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN,
                    NONE, sets, total);
        }
        double centre = mixed >= 0 ? x[mixed] : (x[below] + x[above]) / 2;
        boolean supported = counts[below].sets() >= BRACKET_SETS && counts[above].sets() >= BRACKET_SETS;
        return new BoundaryEstimate(centre, supported ? x[below] : Double.NEGATIVE_INFINITY,
                supported ? x[above] : Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, BRACKET, sets, total);
    }

    /**
     * Fieller's 95% interval for c = -a / b with the cluster-robust covariance of (a, b), the predictor centred at c
     * (a = 0 there), and the degrees of freedom of its t: {lower, upper, df}; (-inf, +inf) when the slope is not
     * significant or there are fewer than two sets.
     */
    private static double[] fieller(double[] x, SetCounts[] counts, double c, double b, int sets) {
        double[] none = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN};
        if (sets < 2) {
            return none;
        }
        // Bread H = sum n p (1 - p) (1, d)(1, d)^T and meat M = sum over sets g g^T, g = (k - n p)(1, d), d = x - c.
        double h00 = 0, h01 = 0, h11 = 0, m00 = 0, m01 = 0, m11 = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - c;
            double p = sigmoid(b * d);
            double w = counts[i].totalTrials() * p * (1 - p);
            h00 += w;
            h01 += w * d;
            h11 += w * d * d;
            for (int j = 0; j < counts[i].sets(); j++) {
                double r = counts[i].successes(j) - counts[i].trials(j) * p;
                m00 += r * r;
                m01 += r * r * d;
                m11 += r * r * d * d;
            }
        }
        double det = h00 * h11 - h01 * h01;
        if (!(det > 0)) {
            return none;
        }
        // V = H^-1 M H^-1 K / (K - 1), with H^-1 = (h11, -h01; -h01, h00) / det.
        double i00 = h11 / det, i01 = -h01 / det, i11 = h00 / det;
        double a00 = i00 * m00 + i01 * m01, a01 = i00 * m01 + i01 * m11;
        double a10 = i01 * m00 + i11 * m01, a11 = i01 * m01 + i11 * m11;
        double small = sets / (sets - 1.0);
        double vaa = (a00 * i00 + a01 * i01) * small;
        double vab = (a00 * i01 + a01 * i11) * small;
        double vbb = (a10 * i01 + a11 * i11) * small;
        // The width is proportional to the fitted scale 1/b, itself uncertain: its relative variance Vbb / b^2 gives
        // the variance of the width's square 4 Vbb / b^2, worth 1 / (2 Vbb / b^2) degrees of freedom (Satterthwaite).
        double df = StrictMath.min(sets - 1, b * b / (2 * vbb));
        double t = studentQuantile975(df);
        double t2 = t * t;
        // (a + b delta)^2 <= t^2 (Vaa + 2 delta Vab + delta^2 Vbb) with a = 0, delta = c' - c.
        double quadratic = b * b - t2 * vbb;
        if (!(quadratic > 0)) {
            return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, df};
        }
        double half = t2 * vab;
        double root = StrictMath.sqrt(half * half + quadratic * t2 * vaa);
        return new double[] {c + (half - root) / quadratic, c + (half + root) / quadratic, df};
    }

    /**
     * The 97.5% quantile of Student's t with df degrees of freedom (real, &gt;= 1; +inf below 1), in StrictMath: exact
     * at df = 1 and 2, linear in 1/df between the exact values at 1, 2 and 3 (on the wide side), the Cornish-Fisher
     * expansion to 1/df^4 from df = 3 on (4e-3 narrow at df = 3, within 1e-4 from df = 6).
     */
    static double studentQuantile975(double df) {
        if (!(df >= 1)) {
            return Double.POSITIVE_INFINITY;
        }
        double t1 = 12.706204736174707;
        double t2 = 4.302652729749464;
        double t3 = 3.182446305284263;
        if (df < 2) {
            return t2 + (t1 - t2) * (1 / df - 0.5) / 0.5;
        }
        if (df < 3) {
            return t3 + (t2 - t3) * (1 / df - 1 / 3.0) / (0.5 - 1 / 3.0);
        }
        double z = 1.959963984540054;
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
    }

    /** Where the linearly interpolated isotonic (non-decreasing) fit of the fractions crosses 1/2; NaN if never. */
    private static double interpolatedCrossing(double[] x, int[] successes, int[] trials) {
        double[] fraction = new double[x.length];
        double[] weight = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            fraction[i] = (double) successes[i] / trials[i];
            weight[i] = trials[i];
        }
        double[] iso = IsotonicRegression.fit(fraction, weight);
        for (int i = 1; i < x.length; i++) {
            if (iso[i - 1] < 0.5 && iso[i] >= 0.5) {
                return x[i - 1] + (0.5 - iso[i - 1]) * (x[i] - x[i - 1]) / (iso[i] - iso[i - 1]);
            }
        }
        return Double.NaN;
    }

    /** 1 / (1 + e^-eta) in StrictMath. */
    static double sigmoid(double eta) {
        return LogisticLikelihood.STRICT.sigmoid(eta);
    }

    private static void validate(double[] x, SetCounts[] counts) {
        if (x.length == 0 || counts.length != x.length) {
            throw new IllegalArgumentException("counts: need one per point and at least one point, got " + counts.length
                    + " for " + x.length + " points");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || (i > 0 && !(x[i] > x[i - 1]))) {
                throw new IllegalArgumentException("x: must be finite and strictly ascending, got " + x[i] + " at index " + i
                        + " of " + Arrays.toString(x));
            }
            if (counts[i] == null) {
                throw new IllegalArgumentException("counts: missing at x = " + x[i]);
            }
        }
    }
}
