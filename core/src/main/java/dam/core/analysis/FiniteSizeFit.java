package dam.core.analysis;

import dam.core.Require;
import java.util.Arrays;

/**
 * A finite-size extrapolation y(N) = y_inf + a N^(-b) of estimates y_i at sizes N_i with standard errors sigma_i,
 * by weighted least squares (weights 1 / sigma_i^2) at a fixed exponent b, with the exponent checked by a fit in
 * which b is free.
 *
 * <p>At fixed b the model is linear in (y_inf, a): the normal equations give both and their covariance. chi2 is the
 * weighted sum of squared residuals with dof = sizes - 2; the 95% interval of y_inf is y_inf +- z se(y_inf)
 * scaled by max(1, sqrt(chi2 / dof)) (the Birge ratio: where the points scatter more than their errors say, the
 * errors are taken as too small by that factor, Particle Data Group, "Introduction", section 5.2.2). The free-exponent
 * fit minimises chi2 over b in [{@value #EXPONENT_MIN}, {@value #EXPONENT_MAX}] (golden-section search after a grid
 * scan); its 95% profile interval is the range of b with chi2(b) - chi2_min &lt;= 3.84 (scanned on the grid), which
 * needs at least four sizes (dof &gt;= 1).
 *
 * @param sizes        the sizes N_i used
 * @param values       the estimates y_i
 * @param sigmas       their standard errors
 * @param exponent     the fixed exponent b of the fit
 * @param limit        y_inf
 * @param limitLower   lower end of its 95% interval
 * @param limitUpper   upper end of its 95% interval
 * @param slope        a
 * @param chi2         weighted sum of squared residuals
 * @param dof          sizes - 2
 * @param residuals    (y_i - fit_i) / sigma_i
 * @param freeExponent b minimising chi2 when free; NaN with fewer than four sizes
 * @param freeLower    lower end of its 95% profile interval (the search bound if chi2 stays below the cut)
 * @param freeUpper    upper end of its 95% profile interval
 */
public record FiniteSizeFit(int[] sizes, double[] values, double[] sigmas, double exponent, double limit,
                            double limitLower, double limitUpper, double slope, double chi2, int dof,
                            double[] residuals, double freeExponent, double freeLower, double freeUpper) {

    /** Smallest exponent the free fit considers. */
    public static final double EXPONENT_MIN = 0.05;
    /** Largest exponent the free fit considers. */
    public static final double EXPONENT_MAX = 3.0;
    /** chi2 rise that bounds a 95% profile interval of one parameter. */
    static final double PROFILE_CUT = 3.841458820694124;

    private static final int GRID = 296; // steps of 0.01 over [0.05, 3]

    /** The fit at exponent b of values with standard errors at the sizes; needs at least three sizes, sigmas &gt; 0. */
    public static FiniteSizeFit fit(int[] sizes, double[] values, double[] sigmas, double exponent) {
        if (sizes.length != values.length || sizes.length != sigmas.length) {
            throw new IllegalArgumentException("sizes, values, sigmas: need one of each per size, got "
                    + sizes.length + ", " + values.length + ", " + sigmas.length);
        }
        if (sizes.length < 3) {
            throw new IllegalArgumentException("sizes: need at least 3 for a fit with a chi2 check, got " + sizes.length);
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || !Double.isFinite(values[i]) || !(sigmas[i] > 0) || !Double.isFinite(sigmas[i])) {
                throw new IllegalArgumentException("need N >= 1, a finite value and a finite sigma > 0, got N = "
                        + sizes[i] + ", value " + values[i] + ", sigma " + sigmas[i]);
            }
        }
        Require.positiveFinite("exponent", exponent);
        Linear at = linear(sizes, values, sigmas, exponent);
        int dof = sizes.length - 2;
        double scale = Math.max(1, Math.sqrt(at.chi2 / dof));
        double half = ProportionInterval.Z95 * at.seLimit * scale;
        double[] residuals = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            residuals[i] = (values[i] - at.limit - at.slope * Math.pow(sizes[i], -exponent)) / sigmas[i];
        }
        double free = Double.NaN;
        double freeLower = Double.NaN;
        double freeUpper = Double.NaN;
        if (sizes.length >= 4) {
            double[] chi2 = new double[GRID + 1];
            int best = 0;
            for (int g = 0; g <= GRID; g++) {
                chi2[g] = linear(sizes, values, sigmas, gridExponent(g)).chi2;
                if (chi2[g] < chi2[best]) {
                    best = g;
                }
            }
            free = goldenSection(sizes, values, sigmas, gridExponent(Math.max(0, best - 1)), gridExponent(Math.min(GRID, best + 1)));
            double min = Math.min(chi2[best], linear(sizes, values, sigmas, free).chi2);
            int lo = best;
            while (lo > 0 && chi2[lo - 1] - min <= PROFILE_CUT) {
                lo--;
            }
            int hi = best;
            while (hi < GRID && chi2[hi + 1] - min <= PROFILE_CUT) {
                hi++;
            }
            freeLower = Math.min(free, gridExponent(lo));
            freeUpper = Math.max(free, gridExponent(hi));
        }
        return new FiniteSizeFit(sizes.clone(), values.clone(), sigmas.clone(), exponent, at.limit, at.limit - half,
                at.limit + half, at.slope, at.chi2, dof, residuals, free, freeLower, freeUpper);
    }

    /** The fitted y at size N. */
    public double at(double N) {
        return limit + slope * Math.pow(N, -exponent);
    }

    /** The form as text: "y_inf + a N^-1/2" at exponent 0.5, else e.g. "y_inf + a N^-1" or "y_inf + a N^-0.75". */
    public String form() {
        String b = exponent == 0.5 ? "1/2"
                : exponent == Math.rint(exponent) ? String.valueOf((long) exponent) : String.valueOf(exponent);
        return "y_inf + a N^-" + b;
    }

    private static double gridExponent(int g) {
        return EXPONENT_MIN + (EXPONENT_MAX - EXPONENT_MIN) * g / GRID;
    }

    /** The weighted linear fit y = c + a x with x = N^-b. */
    private record Linear(double limit, double slope, double seLimit, double chi2) {
    }

    private static Linear linear(int[] sizes, double[] values, double[] sigmas, double b) {
        double s = 0, sx = 0, sxx = 0, sy = 0, sxy = 0;
        for (int i = 0; i < sizes.length; i++) {
            double w = 1 / (sigmas[i] * sigmas[i]);
            double x = Math.pow(sizes[i], -b);
            s += w;
            sx += w * x;
            sxx += w * x * x;
            sy += w * values[i];
            sxy += w * x * values[i];
        }
        double det = s * sxx - sx * sx;
        double slope = (s * sxy - sx * sy) / det;
        double limit = (sxx * sy - sx * sxy) / det;
        double chi2 = 0;
        for (int i = 0; i < sizes.length; i++) {
            double r = (values[i] - limit - slope * Math.pow(sizes[i], -b)) / sigmas[i];
            chi2 += r * r;
        }
        return new Linear(limit, slope, Math.sqrt(sxx / det), chi2);
    }

    /** The b in [lo, hi] minimising chi2 (golden-section search, to 1e-6). */
    private static double goldenSection(int[] sizes, double[] values, double[] sigmas, double lo, double hi) {
        double g = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        while (b - a > 1e-6) {
            if (linear(sizes, values, sigmas, c).chi2 < linear(sizes, values, sigmas, d).chi2) {
                b = d;
            } else {
                a = c;
            }
            c = b - g * (b - a);
            d = a + g * (b - a);
        }
        return (a + b) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FiniteSizeFit f && Arrays.equals(sizes, f.sizes) && Arrays.equals(values, f.values)
                && Arrays.equals(sigmas, f.sigmas) && exponent == f.exponent;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "FiniteSizeFit[%s: limit %.4f (%.4f, %.4f), a = %.4f, chi2/dof = %.2f/%d, "
                + "free b = %.2f (%.2f, %.2f), N = %s]", form(), limit, limitLower, limitUpper, slope, chi2, dof,
                freeExponent, freeLower, freeUpper, Arrays.toString(sizes));
    }
}
