package dam.core.analysis;

/**
 * A mean over trials that share pattern sets, with its standard error computed from the sets (the independent
 * units) rather than from the trials: the ratio estimator r = sum_j Y_j / sum_j X_j over K sets, where Y_j sums
 * the values and X_j counts the trials of set j, and the linearised (cluster-robust, "sandwich") variance
 *
 * <pre>  se(r)^2 = K / (K - 1) * sum_j (Y_j - r X_j)^2 / (sum_j X_j)^2 </pre>
 *
 * (Cochran, Sampling Techniques, 3rd ed., 1977, section 6.11 for the ratio estimator over clusters). With equal
 * set sizes this is the standard deviation of the set means over sqrt(K); with one trial per set it is the usual
 * standard error of a mean. Sets without any trial (X_j = 0, e.g. no converged trial) still count in K.
 *
 * @param mean          r, NaN if no set has a trial
 * @param standardError se(r), NaN if fewer than two sets or no trial
 * @param sets          K
 */
public record ClusterMean(double mean, double standardError, int sets) {

    /** The ratio mean of per-set sums over per-set counts, with its clustered standard error. */
    public static ClusterMean of(double[] setSums, double[] setCounts) {
        if (setSums.length != setCounts.length || setSums.length == 0) {
            throw new IllegalArgumentException("setSums, setCounts: need one of each per pattern set, at least one set");
        }
        int k = setSums.length;
        double y = 0;
        double x = 0;
        for (int j = 0; j < k; j++) {
            if (!(setCounts[j] >= 0)) {
                throw new IllegalArgumentException("setCounts: must be >= 0, got " + setCounts[j] + " on set " + j);
            }
            y += setSums[j];
            x += setCounts[j];
        }
        if (!(x > 0)) {
            return new ClusterMean(Double.NaN, Double.NaN, k);
        }
        double r = y / x;
        if (k < 2) {
            return new ClusterMean(r, Double.NaN, k);
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            double d = setSums[j] - r * setCounts[j];
            s += d * d;
        }
        return new ClusterMean(r, Math.sqrt((double) k / (k - 1) * s) / x, k);
    }

    /** The lower end of the 95% interval, mean - t(0.975, K-1) se (Student's t over the sets); NaN without an se. */
    public double lower95() {
        return mean - halfWidth95();
    }

    /** The upper end of the 95% interval, mean + t(0.975, K-1) se; NaN without an se. */
    public double upper95() {
        return mean + halfWidth95();
    }

    private double halfWidth95() {
        return Double.isNaN(standardError) ? Double.NaN : ClusteredProportion.studentQuantile95(sets - 1) * standardError;
    }
}
