package dam.jobs.summary;

import dam.core.analysis.ClusterBootstrap;
import dam.core.analysis.ClusterMean;
import dam.core.analysis.ClusteredProportion;
import dam.core.analysis.Quantiles;
import dam.core.analysis.SetCounts;
import dam.core.rng.Seeds;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TrialSettings;
import java.util.Arrays;
import java.util.List;

/**
 * The trials of one grid point reduced to what grid/ needs (no theory yet), with the per-pattern-set counts that
 * the clustered intervals rest on (trials on one pattern set are correlated; the sets are the independent units).
 * Every statistic of the grid/ row is computed here, once, on the executor that holds the point's trials; the row
 * only copies them.
 *
 * @param point            the grid point
 * @param trials           number of trials (distinct trajectories: one per pattern set where the initial states of a
 *                         set coincide, see {@link TrialRunner#statesCoincide})
 * @param successes        trials with m(T) &gt;= m-success
 * @param censored         censored trials ({@link TrialSettings#censored})
 * @param cycles           trials that entered a 2-cycle
 * @param convTimes        convergence times of the trials that have one, ascending
 * @param meanM            mean over trials of m(t), t = 0..T
 * @param sdM              sample standard deviation over trials of m(t) (0 for a single trial)
 * @param setSuccesses     successes per pattern set, set index ascending
 * @param setTrials        trials per pattern set
 * @param seM              clustered standard error of meanM(t) ({@link ClusterMean}); null with one pattern set
 * @param success          the success fraction with its interval clustered on pattern sets ({@link ClusteredProportion})
 * @param convTimeMean     mean convergence time over the trials that have one; NaN if none
 * @param convTimeSe       clustered standard error of the mean convergence time; NaN with one set or no time
 * @param convTimeMedian   median (type-7 quantile 0.5) of the convergence times; NaN if none
 * @param convTimeMedianLo lower end of the 95% bootstrap interval (over pattern sets) of the median convergence
 *                         time; NaN if no trial converged
 * @param convTimeMedianHi its upper end
 * @param convTimeQ1       first quartile (type 7) of the convergence times; NaN if none
 * @param convTimeQ3       third quartile; NaN if none
 * @param peak             the transient-retrieval measures: means over trials of max_t m(t) and of the first t
 *                         reaching it, with their clustered intervals
 */
public record PointSummary(GridPoint point, int trials, int successes, int censored, int cycles,
                           double[] convTimes, double[] meanM, double[] sdM, int[] setSuccesses, int[] setTrials,
                           double[] seM, ClusteredProportion success, double convTimeMean, double convTimeSe,
                           double convTimeMedian, double convTimeMedianLo, double convTimeMedianHi, double convTimeQ1,
                           double convTimeQ3, Peak peak) {

    /**
     * The means over trials of the overlap peak max_t m(t) and of its time, each with its 95% interval clustered on
     * pattern sets ({@link ClusterMean}: NaN ends with one set).
     *
     * @param value mean of max_t m(t)
     * @param time  mean of the first t at which m(t) reaches its maximum
     */
    public record Peak(ClusterMean value, ClusterMean time) implements java.io.Serializable {
    }

    /**
     * Summarises the complete trials of a point, with their measures (measures.get(i) of results.get(i)): exactly
     * the trials {@link TrialRunner#simulatedTrials} names for the configured trial count, else it fails. They are put
     * in trial order first so sums never depend on task order.
     */
    public static PointSummary of(GridPoint point, List<TrialResult> results, List<TrialMeasures> measures,
                                  TrialSettings s) {
        return of(point, results, measures, s, s.simulatedTrials(point));
    }

    /**
     * Summarises the trials first .. first + count - 1 of a point (a boundary search's planned run, on whole pattern
     * sets): the per-set counts are indexed from set first / S.
     */
    public static PointSummary ofRun(GridPoint point, List<TrialResult> results, List<TrialMeasures> measures,
                                     TrialSettings s, int first, int count) {
        return of(point, results, measures, s, s.simulatedTrials(point, first, count));
    }

    private static PointSummary of(GridPoint point, List<TrialResult> results, List<TrialMeasures> measures,
                                   TrialSettings s, int[] expected) {
        if (measures.size() != results.size()) {
            throw new IllegalStateException("grid point " + point.label() + ": " + results.size() + " trials, "
                    + measures.size() + " measures");
        }
        Integer[] order = new Integer[results.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(results.get(a).trial(), results.get(b).trial()));
        TrialResult[] rs = new TrialResult[order.length];
        TrialMeasures[] ms = new TrialMeasures[order.length];
        for (int i = 0; i < order.length; i++) {
            rs[i] = results.get(order[i]);
            ms[i] = measures.get(order[i]);
        }
        if (rs.length != expected.length) {
            throw new IllegalStateException("grid point " + point.label() + ": " + rs.length + " trials, expected "
                    + expected.length);
        }
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].trial() != expected[i]) {
                throw new IllegalStateException("grid point " + point.label() + ": trial " + expected[i] + " missing or repeated");
            }
        }
        int S = s.statesPerPatternSet();
        int firstSet = rs[0].trial() / S;
        int sets = rs[rs.length - 1].trial() / S - firstSet + 1;
        int len = rs[0].overlap().length;
        double[] mean = new double[len];
        double[] sd = new double[len];
        int[] setSuccesses = new int[sets];
        int[] setTrials = new int[sets];
        double[][] setSumM = new double[len][sets];
        double[] setTimeSum = new double[sets];
        double[] setTimed = new double[sets];
        double[] setPeak = new double[sets];
        double[] setPeakTime = new double[sets];
        double[][] setTimes = new double[sets][];
        int successes = 0;
        int censored = 0;
        int cycles = 0;
        double[] times = new double[rs.length];
        int timed = 0;
        int[] timesPerSet = new int[sets];
        double[] timeOf = new double[rs.length];
        for (int i = 0; i < rs.length; i++) {
            TrialResult r = rs[i];
            int set = r.trial() / S - firstSet;
            for (int t = 0; t < len; t++) {
                mean[t] += r.overlap()[t];
                setSumM[t][set] += r.overlap()[t];
            }
            TrialMeasures m = ms[i];
            boolean success = m.retrieved();
            successes += success ? 1 : 0;
            setSuccesses[set] += success ? 1 : 0;
            setTrials[set]++;
            cycles += r.cycle() ? 1 : 0;
            setPeak[set] += m.peak().value();
            setPeakTime[set] += m.peak().time();
            int tau = m.convergenceTime();
            censored += m.censored() ? 1 : 0;
            timeOf[i] = tau;
            if (tau >= 0) {
                times[timed++] = tau;
                setTimeSum[set] += tau;
                setTimed[set]++;
                timesPerSet[set]++;
            }
        }
        for (int j = 0; j < sets; j++) {
            setTimes[j] = new double[timesPerSet[j]];
            timesPerSet[j] = 0;
        }
        for (int i = 0; i < rs.length; i++) {
            if (timeOf[i] >= 0) {
                int set = rs[i].trial() / S - firstSet;
                setTimes[set][timesPerSet[set]++] = timeOf[i];
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
        double[] sizes = Arrays.stream(setTrials).asDoubleStream().toArray();
        double[] se = null;
        if (sets >= 2) {
            se = new double[len];
            for (int t = 0; t < len; t++) {
                se[t] = ClusterMean.of(setSumM[t], sizes).standardError();
            }
        }
        double convSe = timed == 0 ? Double.NaN : ClusterMean.of(setTimeSum, setTimed).standardError();
        double[] median = ClusterBootstrap.quantileInterval(setTimes, 0.5, Seeds.pointBootstrap(s.seed(), point.model(),
                point.n(), point.neurons(), point.temperature(), point.alpha(), point.m0()));
        Peak peak = new Peak(ClusterMean.of(setPeak, sizes), ClusterMean.of(setPeakTime, sizes));
        double[] sortedTimes = Arrays.copyOf(times, timed);
        Arrays.sort(sortedTimes);
        ClusteredProportion ci = ClusteredProportion.of(new SetCounts(setSuccesses, setTrials));
        double convMean = timed == 0 ? Double.NaN : Arrays.stream(sortedTimes).sum() / timed;
        return new PointSummary(point, rs.length, successes, censored, cycles, sortedTimes, mean, sd, setSuccesses,
                setTrials, se, ci, convMean, convSe, Quantiles.ofSorted(sortedTimes, 0.5), median[0], median[1],
                Quantiles.ofSorted(sortedTimes, 0.25), Quantiles.ofSorted(sortedTimes, 0.75), peak);
    }

    /** The per-pattern-set success counts. */
    public SetCounts setCounts() {
        return new SetCounts(setSuccesses, setTrials);
    }

    /** The number of pattern sets. */
    public int sets() {
        return setTrials.length;
    }
}
