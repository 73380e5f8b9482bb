package dam.core.analysis;

import dam.core.Require;
import dam.core.rng.Rng;
import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The bootstrap over pattern sets: each replicate draws K of the K sets uniformly with replacement, and every
 * trial of a drawn set comes along. Trials that share a pattern set are correlated, so the sets are the units
 * that can be resampled as independent (Davison and Hinkley, Bootstrap Methods and their Application, 1997,
 * section 3.8, resampling the top level of a hierarchy). A replicate is given as multiplicities: how often each
 * set was drawn. The draws are a pure function of (K, replicates, seed).
 */
public final class ClusterBootstrap {

    /** Replicates behind every cluster-bootstrap interval of the engine. */
    public static final int REPLICATES = 1000;

    private ClusterBootstrap() {
    }

    /** multiplicities[r][j]: how often set j is drawn in replicate r (each row sums to sets). */
    public static int[][] multiplicities(int sets, int replicates, long seed) {
        Require.atLeast("sets", sets, 1);
        Require.atLeast("replicates", replicates, 1);
        UniformRandomProvider rng = Rng.create(seed);
        int[][] w = new int[replicates][sets];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < sets; i++) {
                w[r][rng.nextInt(sets)]++;
            }
        }
        return w;
    }

    /**
     * sqrt(K / (K - 1)) t_{K-1} / z, the factor by which the engine widens a percentile interval from K sets (1.87
     * at K = 4, 1.22 at K = 10, 1.10 at K = 20, towards 1): the bootstrap over K sets underestimates the variance of
     * a mean by the factor (K - 1) / K, and a spread estimated from K sets carries only K - 1 degrees of freedom
     * (Student's t in place of the normal z). Both are the usual small-sample corrections for few clusters; the
     * calibration test (ClusteredCoverageTest) shows plain percentile intervals undercover without them.
     */
    public static double smallSampleFactor(int sets) {
        Require.atLeast("sets", sets, 2);
        return Math.sqrt(sets / (sets - 1.0)) * ClusteredProportion.studentQuantile95(sets - 1) / ProportionInterval.Z95;
    }

    /**
     * The 95% interval of the q-quantile (type 7) of values pooled over sets, {@code setValues[j]} being the values
     * of set j (possibly none): the distances from the pooled estimate to the 2.5% and 97.5% percentiles of
     * {@value #REPLICATES} cluster-bootstrap replicates, each widened by {@link #smallSampleFactor}, then kept within
     * the range of the pooled values (a convergence time, say, cannot be negative). {NaN, NaN} if
     * there are no values or fewer than two sets (nothing measures the set-to-set spread).
     */
    public static double[] quantileInterval(double[][] setValues, double q, long seed) {
        int sets = setValues.length;
        int total = 0;
        for (double[] v : setValues) {
            total += v.length;
        }
        if (total == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        if (sets < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        // Pool the values once, sorted, each with its set; a replicate is then a weighted walk over this list.
        double[] value = new double[total];
        int[] set = new int[total];
        Integer[] order = new Integer[total];
        int i = 0;
        for (int j = 0; j < sets; j++) {
            for (double v : setValues[j]) {
                value[i] = v;
                set[i] = j;
                order[i] = i;
                i++;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(value[a], value[b]));
        double[] sortedValue = new double[total];
        int[] sortedSet = new int[total];
        for (i = 0; i < total; i++) {
            sortedValue[i] = value[order[i]];
            sortedSet[i] = set[order[i]];
        }
        int[][] w = multiplicities(sets, REPLICATES, seed);
        double[] estimates = new double[REPLICATES];
        int kept = 0;
        for (int[] weights : w) {
            double e = weightedQuantile(sortedValue, sortedSet, weights, q);
            if (!Double.isNaN(e)) {
                estimates[kept++] = e;
            }
        }
        double[] sorted = Arrays.copyOf(estimates, kept);
        Arrays.sort(sorted);
        double estimate = Quantiles.ofSorted(sortedValue, q);
        double widen = smallSampleFactor(sets);
        double below = Math.max(0, estimate - Quantiles.ofSorted(sorted, 0.025));
        double above = Math.max(0, Quantiles.ofSorted(sorted, 0.975) - estimate);
        // Every replicate's quantile lies within the pooled values' range; the widened ends are kept there too.
        return new double[] {Math.max(sortedValue[0], estimate - widen * below),
            Math.min(sortedValue[total - 1], estimate + widen * above)};
    }

    /** The type-7 q-quantile of the multiset holding each sorted value weights[its set] times; NaN if empty. */
    static double weightedQuantile(double[] sortedValue, int[] sortedSet, int[] weights, double q) {
        long size = 0;
        for (int s : sortedSet) {
            size += weights[s];
        }
        if (size == 0) {
            return Double.NaN;
        }
        double h = (size - 1) * q;
        long below = (long) Math.floor(h);
        double lower = orderStatistic(sortedValue, sortedSet, weights, below);
        double upper = orderStatistic(sortedValue, sortedSet, weights, Math.min(below + 1, size - 1));
        return lower == upper ? lower : lower + (h - below) * (upper - lower);
    }

    /** The k-th (0-based) smallest element of the weighted multiset. */
    private static double orderStatistic(double[] sortedValue, int[] sortedSet, int[] weights, long k) {
        long seen = 0;
        for (int i = 0; i < sortedValue.length; i++) {
            seen += weights[sortedSet[i]];
            if (seen > k) {
                return sortedValue[i];
            }
        }
        return sortedValue[sortedValue.length - 1];
    }
}
