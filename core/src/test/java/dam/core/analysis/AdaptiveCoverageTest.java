package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.analysis.BoundarySearch.Direction;
import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calibration of the adaptive boundary search: does the 95% interval at the stopping time cover a known boundary at
 * least 90% of the time over 100 or more independent searches? The rounds choose their points from the data and the
 * search stops once the interval is narrow, both of which can make an interval too narrow; here both act.
 *
 * <p>(a) A synthetic curve with a pattern-set effect ({@link SyntheticCurve}: S = 10, design effect 5 at the
 * boundary, crossing 1/2 exactly at 0.6437). (b) The kernel at n = 3, N = 64, alpha = 0.08, T = 20, S = 10 (the setting
 * of ClusteredCoverageTest, design effect about 5 near the boundary): each search simulates what it asks for, with a
 * seed of its own, on the lattice m0 = 0.5, 0.5 + 1/32, ..., 1 (at N = 64 exact initialisation knows no finer m0: it
 * flips a whole number of neurons); the reference boundary comes from a long uniform run with fresh patterns for every
 * trial (S = 1) at the five lattice points around it, under another seed. (a) takes about 2 CPU-seconds, (b) about
 * 8 (60,000 trials), three to four times that in wall time on two cores shared with other work.
 */
@Tag("slow")
class AdaptiveCoverageTest {

    private static final int SEARCHES = 120;

    @Test
    void syntheticCurveWithAPatternSetEffect() {
        double centre = 0.6437;
        SyntheticCurve curve = new SyntheticCurve(centre, 0.02, 2.3, true);
        BoundarySearch search = BoundarySearch.of(0, 1, 0.02, 8000, 10, Direction.RISING);
        int covered = 0;
        int naive = 0;
        Summary summary = new Summary();
        for (int r = 0; r < SEARCHES; r++) {
            List<CommittedSet> rows = new ArrayList<>();
            BoundaryStop stop = curve.search(search, 1000 + r, rows);
            summary.add(stop);
            covered += stop.lower() <= centre && centre <= stop.upper() ? 1 : 0;
            BoundaryEstimate trialsAsSets = trialsAsSets(rows);
            naive += trialsAsSets.lower() <= centre && centre <= trialsAsSets.upper() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "synthetic, S = 10, design effect 5: %s; covered %d of %d, trials as sets %d%n",
                summary, covered, SEARCHES, naive);
        assertEquals(SEARCHES, summary.widthStops, "every search reaches the width");
        assertTrue(covered >= 0.9 * SEARCHES, "covered " + covered + " of " + SEARCHES);
        assertTrue(naive <= 0.8 * SEARCHES, "trials as independent sets cover " + naive + " of " + SEARCHES);
    }

    @Test
    void kernelAtSmallSize() {
        int N = 64;
        double alpha = 0.08;
        int steps = 20;
        int S = 10;
        BoundarySearch search = new BoundarySearch(0.5, 1, 0.15, 4000, S, Direction.RISING, 16);
        double reference = reference(search, N, alpha, steps);
        int covered = 0;
        Summary summary = new Summary();
        int searches = 100;
        for (int r = 0; r < searches; r++) {
            long seed = 5000 + r;
            List<CommittedSet> rows = new ArrayList<>();
            BoundaryStep step;
            while ((step = search.next(rows)) instanceof BoundaryRound round) {
                for (PlannedRun run : round.runs()) {
                    TrialRunner runner = new TrialRunner(3, N, alpha, UpdateOrder.PARALLEL,
                            new SimulationSettings(run.x(), steps, Initialisation.EXACT, S), seed);
                    rows.addAll(committed(round.round(), run.x(), runner.run(run.firstTrial(), run.trials()), S));
                }
            }
            BoundaryStop stop = (BoundaryStop) step;
            summary.add(stop);
            covered += stop.lower() <= reference && reference <= stop.upper() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "kernel n = 3, N = 64, alpha = 0.08, S = 10 (reference %.4f): %s; covered %d of %d%n",
                reference, summary, covered, searches);
        assertTrue(covered >= 0.9 * searches, "covered " + covered + " of " + searches);
    }

    /**
     * The boundary from a long uniform run (fresh patterns every trial) at the five lattice points around it; checked
     * against the linear interpolation of the same fractions between the two points that bracket 1/2.
     */
    private static double reference(BoundarySearch search, int N, double alpha, int steps) {
        int trials = 2000;
        double[] x = new double[5];
        SetCounts[] counts = new SetCounts[x.length];
        double[] fraction = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = search.lattice(4 + i); // 0.625 .. 0.75
            List<TrialResult> results = new TrialRunner(3, N, alpha, UpdateOrder.PARALLEL,
                    new SimulationSettings(x[i], steps, Initialisation.EXACT, 1), 1).run(0, trials);
            int[] k = results.stream().mapToInt(t -> t.finalOverlap() >= 0.5 ? 1 : 0).toArray();
            int[] n = new int[trials];
            java.util.Arrays.fill(n, 1);
            counts[i] = new SetCounts(k, n);
            fraction[i] = (double) counts[i].totalSuccesses() / trials;
        }
        BoundaryEstimate fit = BoundaryEstimate.of(x, counts);
        int above = 0;
        while (fraction[above] < 0.5) {
            above++;
        }
        double interpolated = x[above - 1] + (0.5 - fraction[above - 1]) * (x[above] - x[above - 1])
                / (fraction[above] - fraction[above - 1]);
        System.out.printf(Locale.ROOT, "reference: logistic %.4f (%.4f, %.4f), interpolation %.4f, fractions %s%n",
                fit.centre(), fit.lower(), fit.upper(), interpolated, java.util.Arrays.toString(fraction));
        assertEquals(fit.centre(), interpolated, 0.005, "the two readings of the reference");
        return fit.centre();
    }

    /** Committed sets from the results of trials first .. of one run, S per set. */
    private static List<CommittedSet> committed(int round, double x, List<TrialResult> results, int S) {
        TreeMap<Integer, int[]> sets = new TreeMap<>();
        for (TrialResult t : results) {
            int[] c = sets.computeIfAbsent(t.trial() / S, j -> new int[2]);
            c[0] += t.finalOverlap() >= 0.5 ? 1 : 0;
            c[1]++;
        }
        List<CommittedSet> out = new ArrayList<>();
        sets.forEach((set, c) -> out.add(new CommittedSet(round, x, set, c[0], c[1])));
        return out;
    }

    /** The estimate from the same committed counts with every trial taken as a pattern set of its own. */
    private static BoundaryEstimate trialsAsSets(List<CommittedSet> rows) {
        TreeMap<Double, int[]> pooled = new TreeMap<>();
        for (CommittedSet c : rows) {
            int[] p = pooled.computeIfAbsent(c.x(), x -> new int[2]);
            p[0] += c.successes();
            p[1] += c.trials();
        }
        double[] x = pooled.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        SetCounts[] counts = pooled.values().stream()
                .map(p -> BoundaryEstimateTest.trialsAsSets(new SetCounts[] {new SetCounts(new int[] {p[0]}, new int[] {p[1]})})[0])
                .toArray(SetCounts[]::new);
        return BoundaryEstimate.of(x, counts);
    }

    /** Means over the searches of what a stop reports. */
    private static final class Summary {
        int searches;
        int widthStops;
        double trials;
        double rounds;
        double width;

        void add(BoundaryStop stop) {
            searches++;
            widthStops += stop.reason() == BoundaryStop.Reason.WIDTH ? 1 : 0;
            trials += stop.trials();
            rounds += stop.rounds();
            width += stop.width();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d searches, %d stopped for width, mean %.0f trials, %.2f rounds, width %.4f",
                    searches, widthStops, trials / searches, rounds / searches, width / searches);
        }
    }
}
