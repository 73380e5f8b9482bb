package dam.jobs.sweep;

import dam.core.analysis.ConvergenceTime;
import dam.core.analysis.Quantiles;
import dam.core.sim.TrialResult;
import java.util.Arrays;
import java.util.List;

/**
 * The trials of one grid point reduced to what grid/ needs (no theory yet).
 *
 * @param point     the grid point
 * @param trials    number of trials
 * @param successes trials with m(T) &gt;= m-success
 * @param censored  trials with neither a fixed point nor a 2-cycle within T
 * @param cycles    trials that entered a 2-cycle
 * @param convTimes convergence times of the trials that have one, ascending
 * @param meanM     mean over trials of m(t), t = 0..T
 * @param sdM       sample standard deviation over trials of m(t) (0 for a single trial)
 */
public record PointSummary(GridPoint point, int trials, int successes, int censored, int cycles,
                           double[] convTimes, double[] meanM, double[] sdM) {

    /** Summarises the complete trials of a point; they are put in trial order first so sums never depend on task order. */
    public static PointSummary of(GridPoint point, List<TrialResult> results, double eps, double mSuccess) {
        TrialResult[] rs = results.toArray(new TrialResult[0]);
        Arrays.sort(rs, (a, b) -> Integer.compare(a.trial(), b.trial()));
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].trial() != i) {
                throw new IllegalStateException("grid point " + point.label() + ": trial " + i + " missing or repeated");
            }
        }
        int len = rs[0].overlap().length;
        double[] mean = new double[len];
        double[] sd = new double[len];
        int successes = 0;
        int censored = 0;
        int cycles = 0;
        double[] times = new double[rs.length];
        int timed = 0;
        for (TrialResult r : rs) {
            for (int t = 0; t < len; t++) {
                mean[t] += r.overlap()[t];
            }
            successes += r.finalOverlap() >= mSuccess ? 1 : 0;
            censored += r.censored() ? 1 : 0;
            cycles += r.cycle() ? 1 : 0;
            int tau = ConvergenceTime.of(r.flips(), eps);
            if (tau >= 0) {
                times[timed++] = tau;
            }
        }
        for (int t = 0; t < len; t++) {
            mean[t] /= rs.length;
        }
        if (rs.length > 1) {
            for (TrialResult r : rs) {
                for (int t = 0; t < len; t++) {
                    double d = r.overlap()[t] - mean[t];
                    sd[t] += d * d;
                }
            }
            for (int t = 0; t < len; t++) {
                sd[t] = Math.sqrt(sd[t] / (rs.length - 1));
            }
        }
        double[] sortedTimes = Arrays.copyOf(times, timed);
        Arrays.sort(sortedTimes);
        return new PointSummary(point, rs.length, successes, censored, cycles, sortedTimes, mean, sd);
    }

    /** Mean convergence time over the trials that have one; NaN if none. */
    public double convTimeMean() {
        return convTimes.length == 0 ? Double.NaN : Arrays.stream(convTimes).sum() / convTimes.length;
    }

    /** The q-quantile (type 7) of the convergence times; NaN if none. */
    public double convTimeQuantile(double q) {
        return Quantiles.ofSorted(convTimes, q);
    }
}
