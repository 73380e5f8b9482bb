package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calibration of the clustered intervals on simulated data: do the 95% intervals of many small runs cover a
 * high-precision reference value at least 90% of the time, where the intervals that treat trials as independent do
 * not?
 *
 * <p>Setting: n = 3, N = 64, alpha = 0.08 (p = 328), T = 20, S = 10 initial states per pattern set, m0 = 0.5 to 0.9.
 * The basin boundary lies near m0 = 0.69; at m0 = 0.7 about half the trials retrieve and the pattern set decides
 * much of the outcome (design effect about 5). A pool of {@value #POOL} pattern sets is simulated once (at every m0,
 * on the same sets, as in a sweep). The repeated runs are disjoint groups of K sets of the pool: pattern sets are
 * independent and identically distributed, so a group is distributed exactly as a run with a seed of its own. The
 * reference values are the same estimators on the whole pool (K = 1000; its standard error is a tenth of a run's
 * at K = 10, so it barely moves the coverage). About ten seconds on two loaded cores.
 */
@Tag("slow")
class ClusteredCoverageTest {

    private static final int N = 64;
    private static final double ALPHA = 0.08;
    private static final int S = 10;
    private static final int T = 20;
    private static final double M_SUCCESS = 0.5;
    private static final double EPS = 0.01;
    private static final double[] M0 = {0.5, 0.6, 0.7, 0.8, 0.9};
    private static final int BOUNDARY = 2; // m0 = 0.7
    private static final int POOL = 1000;

    /** successes[i][j], finalM[i][j][s], tau[i][j][s]: m0 index i, pattern set j, state s. */
    private static int[][] successes;
    private static double[][] finalM;
    private static double[][][] tau;

    @BeforeAll
    static void simulatePool() {
        successes = new int[M0.length][POOL];
        finalM = new double[POOL][S];
        tau = new double[POOL][][];
        for (int i = 0; i < M0.length; i++) {
            List<TrialResult> trials = new TrialRunner(3, N, ALPHA, UpdateOrder.PARALLEL,
                    new SimulationSettings(M0[i], T, Initialisation.EXACT, S), 8).run(0, POOL * S);
            for (TrialResult r : trials) {
                int set = r.trial() / S;
                successes[i][set] += r.finalOverlap() >= M_SUCCESS ? 1 : 0;
                if (i == BOUNDARY) {
                    finalM[set][r.trial() % S] = r.finalOverlap();
                }
            }
            if (i == BOUNDARY) {
                for (int set = 0; set < POOL; set++) {
                    int first = set * S;
                    tau[set] = new double[][] {trials.subList(first, first + S).stream()
                            .mapToDouble(r -> ConvergenceTime.of(r.flips(), EPS)).filter(t -> t >= 0).toArray()};
                }
            }
        }
    }

    /** The counts of sets first .. first + k - 1 at m0 index i. */
    private static SetCounts counts(int i, int first, int k) {
        int[] trials = new int[k];
        Arrays.fill(trials, S);
        return new SetCounts(Arrays.copyOfRange(successes[i], first, first + k), trials);
    }

    private static boolean covers(double lower, double upper, double value) {
        return lower <= value && value <= upper;
    }

    @Test
    void designEffectAtTheBoundaryIsLarge() {
        double deff = ClusteredProportion.designEffect(counts(BOUNDARY, 0, POOL));
        System.out.printf("design effect of the success fraction at m0 = 0.7 over %d sets: %.2f%n", POOL, deff);
        assertTrue(deff > 3.5 && deff < 7, "design effect of the success fraction at m0 = 0.7: " + deff);
    }

    @Test
    void successFractionIntervalCoversTheReferenceWhereTheBinomialIntervalDoesNot() {
        SetCounts pool = counts(BOUNDARY, 0, POOL);
        double reference = (double) pool.totalSuccesses() / pool.totalTrials();
        for (int k : new int[] {10, 4}) {
            int runs = POOL / k;
            int clustered = 0;
            int binomial = 0;
            for (int r = 0; r < runs; r++) {
                SetCounts run = counts(BOUNDARY, r * k, k);
                ClusteredProportion c = ClusteredProportion.of(run);
                ProportionInterval w = ProportionInterval.wilson95(run.totalSuccesses(), run.totalTrials());
                clustered += covers(c.lower(), c.upper(), reference) ? 1 : 0;
                binomial += covers(w.lower(), w.upper(), reference) ? 1 : 0;
            }
            System.out.printf("success fraction at m0 = 0.7, K = %d sets of %d, %d runs: clustered %.3f, Wilson %.3f%n",
                    k, S, runs, (double) clustered / runs, (double) binomial / runs);
            assertTrue(clustered >= 0.90 * runs, "K = " + k + ": clustered interval covers " + clustered + " of " + runs);
            assertTrue(binomial <= 0.80 * runs, "K = " + k + ": Wilson interval covers " + binomial + " of " + runs);
        }
    }

    @Test
    void basinBoundaryIntervalCoversTheReferenceWhereTheBinomialBootstrapDoesNot() {
        SetCounts[] pool = new SetCounts[M0.length];
        for (int i = 0; i < M0.length; i++) {
            pool[i] = counts(i, 0, POOL);
        }
        double reference = BasinBoundary.fromPatternSets(M0, pool, true, 1).m0c();
        assertTrue(Math.abs(reference - 0.69) < 0.03, "reference m0c " + reference);
        for (int k : new int[] {10, 4}) {
            int runs = POOL / k;
            int clustered = 0;
            int binomial = 0;
            for (int r = 0; r < runs; r++) {
                SetCounts[] run = new SetCounts[M0.length];
                int[] s = new int[M0.length];
                int[] n = new int[M0.length];
                for (int i = 0; i < M0.length; i++) {
                    run[i] = counts(i, r * k, k);
                    s[i] = run[i].totalSuccesses();
                    n[i] = run[i].totalTrials();
                }
                BasinBoundary c = BasinBoundary.fromPatternSets(M0, run, true, 100 + r);
                BasinBoundary b = BasinBoundary.fromSuccesses(M0, s, n, 100 + r);
                clustered += covers(c.lower(), c.upper(), reference) ? 1 : 0;
                binomial += covers(b.lower(), b.upper(), reference) ? 1 : 0;
            }
            System.out.printf("m0c (reference %.4f), K = %d sets of %d, %d runs: clustered %.3f, binomial bootstrap %.3f%n",
                    reference, k, S, runs, (double) clustered / runs, (double) binomial / runs);
            assertTrue(clustered >= 0.90 * runs, "K = " + k + ": clustered m0c interval covers " + clustered + " of " + runs);
            assertTrue(binomial <= 0.70 * runs, "K = " + k + ": binomial m0c interval covers " + binomial + " of " + runs);
        }
    }

    @Test
    void meanOverlapAndMedianTimeIntervalsCoverTheReference() {
        double[] allSums = new double[POOL];
        double[] allSizes = new double[POOL];
        for (int j = 0; j < POOL; j++) {
            allSums[j] = Arrays.stream(finalM[j]).sum();
            allSizes[j] = S;
        }
        double referenceMean = ClusterMean.of(allSums, allSizes).mean();
        double referenceMedian = Quantiles.median(Arrays.stream(tau).flatMapToDouble(t -> Arrays.stream(t[0])).toArray());
        int k = 10;
        int runs = POOL / k;
        int mean = 0;
        int naiveMean = 0;
        int median = 0;
        double t = ClusteredProportion.studentQuantile95(k - 1);
        for (int r = 0; r < runs; r++) {
            ClusterMean m = ClusterMean.of(Arrays.copyOfRange(allSums, r * k, r * k + k), Arrays.copyOfRange(allSizes, r * k, r * k + k));
            mean += Math.abs(m.mean() - referenceMean) <= t * m.standardError() ? 1 : 0;
            double[] values = Arrays.stream(finalM, r * k, r * k + k).flatMapToDouble(Arrays::stream).toArray();
            double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - m.mean()) * (v - m.mean())).sum() / (values.length - 1));
            naiveMean += Math.abs(m.mean() - referenceMean) <= ProportionInterval.Z95 * sd / Math.sqrt(values.length) ? 1 : 0;
            double[][] times = new double[k][];
            for (int j = 0; j < k; j++) {
                times[j] = tau[r * k + j][0];
            }
            double[] interval = ClusterBootstrap.quantileInterval(times, 0.5, 200 + r);
            median += covers(interval[0], interval[1], referenceMedian) ? 1 : 0;
        }
        System.out.printf("K = %d, %d runs: mean m(T) +- t se %.3f, +- 1.96 sd/sqrt(n) %.3f; median convergence time %.3f%n",
                k, runs, (double) mean / runs, (double) naiveMean / runs, (double) median / runs);
        assertTrue(mean >= 0.90 * runs, "mean m(T) +- t_9 se_m covers " + mean + " of " + runs);
        assertTrue(naiveMean <= 0.80 * runs, "mean m(T) +- 1.96 sd/sqrt(n) covers " + naiveMean + " of " + runs);
        assertTrue(median >= 0.90 * runs, "median convergence time interval covers " + median + " of " + runs);
    }
}
