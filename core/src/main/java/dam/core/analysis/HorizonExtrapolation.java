package dam.core.analysis;

import java.util.Arrays;

/**
 * The T -&gt; infinity limit of a threshold measured on a ladder of horizons: y(T) = y_inf + a T^(-b) with b free,
 * by weighted least squares (weights 1 / sigma_i^2), and a 95% profile interval of y_inf (docs/physics.md
 * section 7).
 *
 * <p>At fixed (y_inf, b) the model is linear in a, and at fixed b linear in (y_inf, a), so the fit scans b over
 * [{@value FiniteSizeFit#EXPONENT_MIN}, {@value FiniteSizeFit#EXPONENT_MAX}] in steps of 0.005 and solves the
 * rest in closed form. The profile chi2(y_inf) is the minimum over (a, b) at fixed y_inf; the interval is the
 * range where it stays within 3.84 s^2 of the minimum, s = max(1, sqrt(chi2_min / dof)) with dof = horizons - 3:
 * where the points scatter more than their errors say, the errors are taken as too small by the Birge ratio s
 * (as in {@link FiniteSizeFit}).
 *
 * <p>y_inf is restricted to [floor, ceiling] (a threshold m0 lies in [0, 1], a capacity is &gt;= 0): the fit minimises
 * chi2 over that range, so where the unconstrained optimum lies outside, y_inf is the bound itself, exactly
 * ({@code atBound} true). Since chi2 is a convex quadratic in (y_inf, a) at fixed b, the constrained optimum at each b
 * is the unconstrained one clamped to the range with a refitted; a fit whose optimum is inside the range is the
 * unconstrained fit, bit for bit. The interval is searched within the range too: an end the data do not bound within
 * {@value #SEARCH_SPANS} data ranges is NaN, and an end is the bound itself where the profile stays within the cut
 * out to it. dof stays horizons - 3 on a bound (the conservative choice).
 *
 * @param steps     the horizons T_i used
 * @param values    the thresholds y_i
 * @param sigmas    their standard errors
 * @param limit     y_inf
 * @param lower     lower end of its 95% profile interval
 * @param upper     upper end of its 95% profile interval (NaN if unbounded)
 * @param slope     a
 * @param exponent  b
 * @param chi2      weighted sum of squared residuals at the best fit
 * @param dof       horizons - 3
 * @param residuals (y_i - fit_i) / sigma_i
 * @param atBound   whether the limit sits on the floor or the ceiling (the unconstrained optimum lies outside)
 */
public record HorizonExtrapolation(int[] steps, double[] values, double[] sigmas, double limit, double lower,
                                   double upper, double slope, double exponent, double chi2, int dof,
                                   double[] residuals, boolean atBound) {

    /** How many data ranges beyond the data the interval's ends are searched. */
    static final int SEARCH_SPANS = 20;
    private static final double EXPONENT_STEP = 0.005;

    /**
     * The fit of values with standard errors on the horizons, limit restricted to [floor, ceiling] (infinite bounds
     * allowed); needs four or more horizons, sigmas &gt; 0, floor &lt;= ceiling.
     */
    public static HorizonExtrapolation fit(int[] steps, double[] values, double[] sigmas, double floor, double ceiling) {
        if (!(floor <= ceiling)) {
            throw new IllegalArgumentException("floor, ceiling: need floor <= ceiling, got " + floor + ", " + ceiling);
        }
        if (steps.length != values.length || steps.length != sigmas.length) {
            throw new IllegalArgumentException("steps, values, sigmas: need one of each per horizon, got "
                    + steps.length + ", " + values.length + ", " + sigmas.length);
        }
        if (steps.length < 4) {
            throw new IllegalArgumentException("steps: need at least 4 horizons for a fit with a free exponent and a chi2 check, got "
                    + steps.length);
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 1 || !Double.isFinite(values[i]) || !(sigmas[i] > 0) || !Double.isFinite(sigmas[i])) {
                throw new IllegalArgumentException("need T >= 1, a finite value and a finite sigma > 0, got T = "
                        + steps[i] + ", value " + values[i] + ", sigma " + sigmas[i]);
            }
        }
        double bestChi2 = Double.POSITIVE_INFINITY;
        double bestB = Double.NaN;
        double bestLimit = Double.NaN;
        double bestSlope = Double.NaN;
        for (double b : exponents()) {
            double[] x = powers(steps, b);
            // weighted linear regression of y on x: y = limit + slope x
            double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i = 0; i < x.length; i++) {
                double w = 1 / (sigmas[i] * sigmas[i]);
                sw += w;
                sx += w * x[i];
                sy += w * values[i];
                sxx += w * x[i] * x[i];
                sxy += w * x[i] * values[i];
            }
            double det = sw * sxx - sx * sx;
            double slope = (sw * sxy - sx * sy) / det;
            double limit = (sy - slope * sx) / sw;
            if (limit < floor || limit > ceiling) {
                limit = limit < floor ? floor : ceiling;
                slope = slopeAt(x, values, sigmas, limit);
            }
            double chi2 = chi2(x, values, sigmas, limit, slope);
            if (chi2 < bestChi2) {
                bestChi2 = chi2;
                bestB = b;
                bestLimit = limit;
                bestSlope = slope;
            }
        }
        int dof = steps.length - 3;
        double cut = FiniteSizeFit.PROFILE_CUT * Math.max(1, bestChi2 / dof);
        double range = Arrays.stream(values).max().getAsDouble() - Arrays.stream(values).min().getAsDouble();
        double span = Math.max(range, Arrays.stream(sigmas).max().getAsDouble());
        double lower = end(steps, values, sigmas, bestLimit, bestChi2 + cut, -span, floor);
        double upper = end(steps, values, sigmas, bestLimit, bestChi2 + cut, span, ceiling);
        double[] x = powers(steps, bestB);
        double[] residuals = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            residuals[i] = (values[i] - bestLimit - bestSlope * x[i]) / sigmas[i];
        }
        return new HorizonExtrapolation(steps.clone(), values.clone(), sigmas.clone(), bestLimit, lower, upper, bestSlope,
                bestB, bestChi2, dof, residuals, bestLimit == floor || bestLimit == ceiling);
    }

    /** The fitted threshold at horizon T. */
    public double at(double T) {
        return limit + slope * Math.pow(T, -exponent);
    }

    /** The profile chi2 at a fixed limit: the minimum over (a, b). */
    static double profile(int[] steps, double[] values, double[] sigmas, double limit) {
        double best = Double.POSITIVE_INFINITY;
        for (double b : exponents()) {
            double[] x = powers(steps, b);
            best = Math.min(best, chi2(x, values, sigmas, limit, slopeAt(x, values, sigmas, limit)));
        }
        return best;
    }

    /** The slope a minimising chi2 at a fixed limit and fixed powers x_i = T_i^-b. */
    private static double slopeAt(double[] x, double[] values, double[] sigmas, double limit) {
        double num = 0, den = 0;
        for (int i = 0; i < x.length; i++) {
            double w = 1 / (sigmas[i] * sigmas[i]);
            num += w * (values[i] - limit) * x[i];
            den += w * x[i] * x[i];
        }
        return num / den;
    }

    /**
     * Where the profile crosses level on the side of step (negative: below the best limit), searched out to
     * {@value #SEARCH_SPANS} |step| and not past bound; bound itself if still within the level there, NaN if
     * unbounded.
     */
    private static double end(int[] steps, double[] values, double[] sigmas, double best, double level, double step,
                              double bound) {
        double inside = best;
        double outside = Double.NaN;
        for (int k = 1; k <= SEARCH_SPANS; k++) {
            double y = best + k * step;
            if (step < 0 ? y <= bound : y >= bound) {
                if (profile(steps, values, sigmas, bound) <= level) {
                    return bound;
                }
                outside = bound;
                break;
            }
            if (profile(steps, values, sigmas, y) > level) {
                outside = y;
                break;
            }
            inside = y;
        }
        if (Double.isNaN(outside)) {
            return Double.NaN;
        }
        for (int it = 0; it < 50 && Math.abs(outside - inside) > 1e-7 * Math.max(1e-12, Math.abs(best)); it++) {
            double mid = (inside + outside) / 2;
            if (profile(steps, values, sigmas, mid) > level) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        return (inside + outside) / 2;
    }

    private static double[] exponents() {
        int count = (int) Math.round((FiniteSizeFit.EXPONENT_MAX - FiniteSizeFit.EXPONENT_MIN) / EXPONENT_STEP);
        double[] b = new double[count + 1];
        for (int g = 0; g <= count; g++) {
            b[g] = FiniteSizeFit.EXPONENT_MIN + g * EXPONENT_STEP;
        }
        return b;
    }

    private static double[] powers(int[] steps, double b) {
        double[] x = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            x[i] = Math.pow(steps[i], -b);
        }
        return x;
    }

    private static double chi2(double[] x, double[] values, double[] sigmas, double limit, double slope) {
        double chi2 = 0;
        for (int i = 0; i < x.length; i++) {
            double r = (values[i] - limit - slope * x[i]) / sigmas[i];
            chi2 += r * r;
        }
        return chi2;
    }
}
