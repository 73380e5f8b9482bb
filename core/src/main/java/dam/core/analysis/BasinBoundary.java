package dam.core.analysis;

import dam.core.Require;
import dam.core.rng.Rng;
import java.util.Optional;
import java.util.function.DoublePredicate;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The basin boundary m0_c: the initial overlap at which the retrieval probability crosses 1/2.
 *
 * @param m0c    the estimate, NaN if the success fraction never crosses 1/2 on the scanned range
 * @param lower  lower end of its interval (95% for simulation, the final bisection bracket for theory)
 * @param upper  upper end of its interval
 * @param method how it was obtained: "logistic", "interpolation" or "bisection"
 */
public record BasinBoundary(double m0c, double lower, double upper, String method) {

    /** Bootstrap replicates behind the 95% interval of {@link #fromSuccesses}. */
    public static final int BOOTSTRAP_REPLICATES = 1000;

    public static final String LOGISTIC = "logistic";
    public static final String INTERPOLATION = "interpolation";
    public static final String BISECTION = "bisection";

    /**
     * m0_c from simulated success counts on a grid of m0 (ascending): a logistic fit where it is
     * well defined, monotone interpolation otherwise, with a 95% interval from a seeded bootstrap.
     *
     * <p>The logistic fit is used when successes and failures overlap (so its maximum-likelihood
     * estimate is finite), it rises, and its centre lies on the scanned range. Otherwise m0_c is where
     * the isotonic (non-decreasing) regression of the fractions, linearly interpolated, crosses 1/2;
     * NaN if it never does. The interval is the 2.5% and 97.5% percentiles of the estimate over
     * {@value #BOOTSTRAP_REPLICATES} parametric bootstrap replicates (counts redrawn from the fitted
     * probabilities and estimated by the same rule), clipped to the scanned range; for interpolation it
     * always covers the grid cell holding the crossing, since where the crossing lies inside that cell
     * is not measured. The bootstrap treats the trials as independent: right for one trial per pattern set,
     * too narrow where trials share pattern sets (then use {@link #fromPatternSets}, as the sweep does).
     */
    public static BasinBoundary fromSuccesses(double[] m0, int[] successes, int[] trials, long seed) {
        validate(m0, successes, trials);
        Estimate estimate = estimate(m0, successes, trials);
        if (!Double.isFinite(estimate.m0c)) {
            return new BasinBoundary(Double.NaN, Double.NaN, Double.NaN, estimate.method);
        }
        double[] probabilities = estimate.fit
                .map(fit -> logisticProbabilities(fit, m0))
                .orElseGet(() -> smoothedIsotonic(m0, successes, trials));
        return withInterval(m0, estimate, bootstrap(m0, trials, probabilities, seed));
    }

    /**
     * m0_c from counts per pattern set on a grid of m0 (ascending), with a 95% interval that respects the
     * clustering of trials on pattern sets. The estimate is that of {@link #fromSuccesses} on the summed counts.
     * The interval comes from {@value ClusterBootstrap#REPLICATES} replicates of the bootstrap over pattern sets
     * ({@link ClusterBootstrap}): its 2.5% and 97.5% percentiles, clipped to the scanned range, give the distances
     * below and above the estimate, which are widened by {@link ClusterBootstrap#smallSampleFactor} for K pattern sets (1.87 at
     * K = 4, 1.22 at K = 10, 1.10 at K = 20: percentile intervals from few clusters are too narrow) and clipped again;
     * for interpolation the grid cell of the crossing is added as in {@link #fromSuccesses}. With one pattern set
     * the interval is the whole scanned range.
     *
     * @param setsShared true when every m0 ran on the same K pattern sets (the m0 scan of one load, common random
     *                   numbers): a replicate draws the set indices once and uses them at every m0, so that the
     *                   replicates keep the correlation between the m0 values; false when each point has sets of its
     *                   own (independent across points), which are then resampled point by point
     */
    public static BasinBoundary fromPatternSets(double[] m0, SetCounts[] counts, boolean setsShared, long seed) {
        if (counts.length != m0.length) {
            throw new IllegalArgumentException("counts: need one per m0 (" + m0.length + "), got " + counts.length);
        }
        int[] successes = new int[m0.length];
        int[] trials = new int[m0.length];
        for (int i = 0; i < m0.length; i++) {
            successes[i] = counts[i].totalSuccesses();
            trials[i] = counts[i].totalTrials();
            if (setsShared && counts[i].sets() != counts[0].sets()) {
                throw new IllegalArgumentException("counts: shared pattern sets need the same number of sets at every m0, got "
                        + counts[0].sets() + " at m0 = " + m0[0] + " and " + counts[i].sets() + " at m0 = " + m0[i]);
            }
        }
        validate(m0, successes, trials);
        Estimate estimate = estimate(m0, successes, trials);
        if (!Double.isFinite(estimate.m0c)) {
            return new BasinBoundary(Double.NaN, Double.NaN, Double.NaN, estimate.method);
        }
        int sets = Integer.MAX_VALUE;
        for (SetCounts c : counts) {
            sets = Math.min(sets, c.sets());
        }
        double first = m0[0];
        double last = m0[m0.length - 1];
        if (sets < 2) {
            // One pattern set says nothing about how far another set would move the boundary.
            return new BasinBoundary(estimate.m0c, first, last, estimate.method);
        }
        double[] replicates = clusterBootstrap(m0, counts, setsShared, seed);
        double widen = ClusterBootstrap.smallSampleFactor(sets);
        double below = Math.max(0, estimate.m0c - clip(Quantiles.of(replicates, 0.025), first, last));
        double above = Math.max(0, clip(Quantiles.of(replicates, 0.975), first, last) - estimate.m0c);
        double lower = clip(estimate.m0c - widen * below, first, last);
        double upper = clip(estimate.m0c + widen * above, first, last);
        if (estimate.method.equals(INTERPOLATION)) {
            lower = Math.min(lower, estimate.cellLower);
            upper = Math.max(upper, estimate.cellUpper);
        }
        return new BasinBoundary(estimate.m0c, lower, upper, estimate.method);
    }

    /** The boundary with the percentile interval of the replicates, clipped, widened to the cell for interpolation. */
    private static BasinBoundary withInterval(double[] m0, Estimate estimate, double[] replicates) {
        double first = m0[0];
        double last = m0[m0.length - 1];
        double lower = clip(Quantiles.of(replicates, 0.025), first, last);
        double upper = clip(Quantiles.of(replicates, 0.975), first, last);
        if (estimate.method.equals(INTERPOLATION)) {
            lower = Math.min(lower, estimate.cellLower);
            upper = Math.max(upper, estimate.cellUpper);
        }
        return new BasinBoundary(estimate.m0c, lower, upper, estimate.method);
    }

    /** Estimates of m0c over cluster-bootstrap replicates, +-inf where no crossing, NaN dropped. */
    private static double[] clusterBootstrap(double[] m0, SetCounts[] counts, boolean setsShared, long seed) {
        int points = m0.length;
        UniformRandomProvider rng = Rng.create(seed);
        double[] estimates = new double[ClusterBootstrap.REPLICATES];
        int kept = 0;
        int[] successes = new int[points];
        int[] trials = new int[points];
        int[] drawn = new int[counts[0].sets()];
        for (int r = 0; r < ClusterBootstrap.REPLICATES; r++) {
            java.util.Arrays.fill(successes, 0);
            java.util.Arrays.fill(trials, 0);
            if (setsShared) {
                for (int k = 0; k < drawn.length; k++) {
                    drawn[k] = rng.nextInt(drawn.length);
                }
            }
            for (int i = 0; i < points; i++) {
                SetCounts c = counts[i];
                for (int k = 0; k < c.sets(); k++) {
                    int j = setsShared ? drawn[k] : rng.nextInt(c.sets());
                    successes[i] += c.successes(j);
                    trials[i] += c.trials(j);
                }
            }
            double m0c = estimate(m0, successes, trials).m0c;
            if (!Double.isNaN(m0c)) {
                estimates[kept++] = m0c;
            }
        }
        return java.util.Arrays.copyOf(estimates, kept);
    }

    /**
     * m0_c by bisection on [lo, hi] to within tol, given whether the theory retrieves from a given m0
     * (monotone: retrieves at hi, fails at lo); NaN if it retrieves at lo or fails at hi.
     *
     * <p>The result is the midpoint of the final bracket [lower, upper]. If it retrieves at lo the
     * boundary is at or below lo: (NaN, NaN, lo). If it fails at hi there is none up to hi: (NaN, hi, NaN).
     */
    public static BasinBoundary bisect(DoublePredicate retrievesFrom, double lo, double hi, double tol) {
        checkBracket(lo, hi, tol);
        if (retrievesFrom.test(lo)) {
            return new BasinBoundary(Double.NaN, Double.NaN, lo, BISECTION);
        }
        if (!retrievesFrom.test(hi)) {
            return new BasinBoundary(Double.NaN, hi, Double.NaN, BISECTION);
        }
        double[] bracket = bisectFailureToSuccess(retrievesFrom, lo, hi, tol);
        return new BasinBoundary((bracket[0] + bracket[1]) / 2, bracket[0], bracket[1], BISECTION);
    }

    /** Checks lo &lt; hi and tol &gt; 0, all finite. */
    static void checkBracket(double lo, double hi, double tol) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("lo, hi: need finite lo < hi, got [" + lo + ", " + hi + "]");
        }
        Require.positiveFinite("tol", tol);
    }

    /** Shrinks [lo, hi] (predicate false at lo, true at hi) to width &lt;= tol keeping that property. */
    static double[] bisectFailureToSuccess(DoublePredicate predicate, double lo, double hi, double tol) {
        while (hi - lo > tol) {
            double mid = (lo + hi) / 2;
            if (predicate.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new double[] {lo, hi};
    }

    /** A point estimate: m0c is -inf (+inf) when the fraction is above (below) 1/2 on the whole range. */
    private record Estimate(double m0c, String method, Optional<LogisticFit> fit, double cellLower, double cellUpper) {
    }

    private static Estimate estimate(double[] m0, int[] successes, int[] trials) {
        Estimate interpolated = interpolate(m0, successes, trials);
        if (!Double.isFinite(interpolated.m0c)) {
            return interpolated;
        }
        Optional<LogisticFit> fit = LogisticFit.maximumLikelihood(m0, successes, trials);
        if (fit.isPresent() && fit.get().centre() >= m0[0] && fit.get().centre() <= m0[m0.length - 1]) {
            return new Estimate(fit.get().centre(), LOGISTIC, fit, Double.NaN, Double.NaN);
        }
        return interpolated;
    }

    /** Where the linearly interpolated isotonic regression of the fractions crosses 1/2. */
    private static Estimate interpolate(double[] m0, int[] successes, int[] trials) {
        double[] iso = isotonicFractions(successes, trials);
        int below = -1; // last index strictly below 1/2
        int above = -1; // first index strictly above 1/2
        for (int i = 0; i < iso.length; i++) {
            if (iso[i] < 0.5) {
                below = i;
            }
            if (iso[i] > 0.5 && above < 0) {
                above = i;
            }
        }
        if (below < 0 || above < 0) {
            // Never crosses: all at or above 1/2 means the boundary is below the range (or undetermined).
            double side = below < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            if (below < 0 && above < 0) {
                side = Double.NaN;
            }
            return new Estimate(side, INTERPOLATION, Optional.empty(), Double.NaN, Double.NaN);
        }
        double m0c;
        if (above == below + 1) {
            m0c = m0[below] + (0.5 - iso[below]) * (m0[above] - m0[below]) / (iso[above] - iso[below]);
        } else {
            // A run of points exactly at 1/2: take the middle of the run.
            m0c = (m0[below + 1] + m0[above - 1]) / 2;
        }
        return new Estimate(m0c, INTERPOLATION, Optional.empty(), m0[below], m0[above]);
    }

    private static double[] isotonicFractions(int[] successes, int[] trials) {
        double[] fraction = new double[successes.length];
        double[] weight = new double[successes.length];
        for (int i = 0; i < fraction.length; i++) {
            fraction[i] = (double) successes[i] / trials[i];
            weight[i] = trials[i];
        }
        return IsotonicRegression.fit(fraction, weight);
    }

    private static double[] logisticProbabilities(LogisticFit fit, double[] m0) {
        double[] p = new double[m0.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = fit.probability(m0[i]);
        }
        return p;
    }

    /**
     * Isotonic fractions pulled towards 1/2 by half a pseudo-trial each way, so that a grid point seen
     * at 0% or 100% can still vary in the bootstrap.
     */
    private static double[] smoothedIsotonic(double[] m0, int[] successes, int[] trials) {
        double[] iso = isotonicFractions(successes, trials);
        double[] p = new double[iso.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (iso[i] * trials[i] + 0.5) / (trials[i] + 1);
        }
        return p;
    }

    /** Estimates of m0c from counts redrawn from the given probabilities, +-inf where no crossing, NaN dropped. */
    private static double[] bootstrap(double[] m0, int[] trials, double[] probabilities, long seed) {
        UniformRandomProvider rng = Rng.create(seed);
        BinomialSampler[] samplers = new BinomialSampler[m0.length];
        for (int i = 0; i < m0.length; i++) {
            samplers[i] = new BinomialSampler(rng, trials[i], probabilities[i]);
        }
        double[] estimates = new double[BOOTSTRAP_REPLICATES];
        int kept = 0;
        int[] drawn = new int[m0.length];
        for (int r = 0; r < BOOTSTRAP_REPLICATES; r++) {
            for (int i = 0; i < m0.length; i++) {
                drawn[i] = samplers[i].sample();
            }
            double m0c = estimate(m0, drawn, trials).m0c;
            if (!Double.isNaN(m0c)) {
                estimates[kept++] = m0c;
            }
        }
        return java.util.Arrays.copyOf(estimates, kept);
    }

    private static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static void validate(double[] m0, int[] successes, int[] trials) {
        if (m0.length == 0) {
            throw new IllegalArgumentException("m0: need at least one grid point");
        }
        if (successes.length != m0.length || trials.length != m0.length) {
            throw new IllegalArgumentException("successes, trials: need one per m0 (" + m0.length + "), got "
                    + successes.length + " and " + trials.length);
        }
        for (int i = 0; i < m0.length; i++) {
            if (!Double.isFinite(m0[i]) || (i > 0 && !(m0[i] > m0[i - 1]))) {
                throw new IllegalArgumentException("m0: must be finite and strictly ascending, got " + m0[i] + " at index " + i);
            }
            if (trials[i] <= 0 || successes[i] < 0 || successes[i] > trials[i]) {
                throw new IllegalArgumentException("successes: need 0 <= successes <= trials and trials > 0, got "
                        + successes[i] + "/" + trials[i] + " at m0 = " + m0[i]);
            }
        }
    }
}
