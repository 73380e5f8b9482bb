package dam.core.analysis;

import dam.core.Require;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A success fraction from trials that share pattern sets, with a 95% interval that respects the clustering.
 *
 * <p>Method (a Wilson score interval at the effective sample size with a degrees-of-freedom correction, after Korn
 * and Graubard, Survey Methodology 24 (1998) 193): with n trials on K sets and p = k / n,
 * <ul>
 *   <li>v = K / (K - 1) sum_j (k_j - p n_j)^2 / n^2, the variance of p estimated from the sets ({@link ClusterMean});</li>
 *   <li>the design effect deff = v / (p (1 - p) / n), clamped to [1, n / K]: at 1 the sets are as good as
 *       independent trials, at n / K each set counts as one sample (n_eff = K). deff = 1 when p is 0 or 1 (no
 *       trial differs from another, so there is no clustering to measure), and deff = n when K = 1 with 0 &lt; p &lt; 1
 *       (one set: nothing tells how far another set would move p, so the set counts as one sample);</li>
 *   <li>n_eff = n / deff, and the interval is Wilson's at (p, n_eff) with the normal quantile replaced by Student's
 *       t with K - 1 degrees of freedom (the variance rests on K sets; the normal quantile for K = 1).</li>
 * </ul>
 * With one trial per set (K = n) this is the Wilson interval with t_{n-1} in place of z. The calibration test
 * (ClusteredCoverageTest) measures its coverage on simulated data.
 *
 * @param successes    k
 * @param trials       n
 * @param sets         K
 * @param designEffect deff, in [1, n / K] (or n for K = 1)
 * @param lower        lower end of the 95% interval
 * @param upper        upper end of the 95% interval
 */
public record ClusteredProportion(int successes, int trials, int sets, double designEffect, double lower, double upper) {

    /** The observed fraction k / n. */
    public double fraction() {
        return (double) successes / trials;
    }

    /** The effective sample size n_eff = n / deff: as many independent trials would give the same variance. */
    public double effectiveTrials() {
        return trials / designEffect;
    }

    /** The fraction of the counts with its design effect and clustered 95% interval. */
    public static ClusteredProportion of(SetCounts counts) {
        int k = counts.totalSuccesses();
        int n = counts.totalTrials();
        int sets = counts.sets();
        double deff = designEffect(counts);
        double quantile = sets >= 2 ? studentQuantile95(sets - 1) : ProportionInterval.Z95;
        double[] interval = wilson((double) k / n, n / deff, quantile);
        return new ClusteredProportion(k, n, sets, deff, interval[0], interval[1]);
    }

    /** The design effect of the success fraction, as defined in the class comment. */
    public static double designEffect(SetCounts counts) {
        int k = counts.totalSuccesses();
        int n = counts.totalTrials();
        int sets = counts.sets();
        if (k == 0 || k == n) {
            return 1;
        }
        if (sets < 2) {
            return n;
        }
        double[] sums = new double[sets];
        double[] sizes = new double[sets];
        for (int j = 0; j < sets; j++) {
            sums[j] = counts.successes(j);
            sizes[j] = counts.trials(j);
        }
        double se = ClusterMean.of(sums, sizes).standardError();
        double p = (double) k / n;
        double ratio = se * se / (p * (1 - p) / n);
        return Math.max(1, Math.min((double) n / sets, ratio));
    }

    /** The 97.5% quantile of Student's t with df degrees of freedom (df &gt;= 1). */
    public static double studentQuantile95(int df) {
        Require.atLeast("df", df, 1);
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /** The Wilson score interval of fraction p from a (possibly fractional) sample size n at quantile z. */
    static double[] wilson(double p, double n, double z) {
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
