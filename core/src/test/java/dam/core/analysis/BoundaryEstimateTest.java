package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoundaryEstimateTest {

    private static final double[] X = {0.60, 0.64, 0.68, 0.72, 0.76, 0.80};
    private static final double CENTRE = 0.70;
    private static final double SCALE = 0.04;

    /**
     * Counts per pattern set at every point from the logistic curve, each set shifted on the logit scale by a normal
     * random effect of standard deviation tau (trials of a set correlated; tau = 0: independent).
     */
    static SetCounts[] draw(double[] x, int sets, int perSet, double tau, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SetCounts[] out = new SetCounts[x.length];
        for (int i = 0; i < x.length; i++) {
            int[] k = new int[sets];
            int[] n = new int[sets];
            for (int j = 0; j < sets; j++) {
                double p = 1 / (1 + Math.exp(-(x[i] - CENTRE) / SCALE - tau * gaussian(random)));
                n[j] = perSet;
                for (int t = 0; t < perSet; t++) {
                    k[j] += random.nextDouble() < p ? 1 : 0;
                }
            }
            out[i] = new SetCounts(k, n);
        }
        return out;
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** The same pooled counts with every trial a pattern set of its own (what treating trials as independent means). */
    static SetCounts[] trialsAsSets(SetCounts[] counts) {
        SetCounts[] out = new SetCounts[counts.length];
        for (int i = 0; i < counts.length; i++) {
            int n = counts[i].totalTrials();
            int[] k = new int[n];
            Arrays.fill(k, 0, counts[i].totalSuccesses(), 1);
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            out[i] = new SetCounts(k, ones);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} sets of {1} trials, random effect sd {2}")
    @CsvSource({"40, 1, 0", "12, 10, 2.3"})
    void intervalCoversTheKnownCentreAtNominalRate(int sets, int perSet, double tau) {
        int repetitions = 400;
        int covered = 0;
        double error = 0;
        for (int r = 0; r < repetitions; r++) {
            BoundaryEstimate e = BoundaryEstimate.of(X, draw(X, sets, perSet, tau, 100 + r));
            assertEquals(BoundaryEstimate.LOGISTIC, e.method());
            assertTrue(e.lower() < e.centre() && e.centre() < e.upper(), "centre inside its interval: " + e);
            covered += e.lower() <= CENTRE && CENTRE <= e.upper() ? 1 : 0;
            error += e.centre() - CENTRE;
        }
        System.out.printf("fixed design, %d sets of %d, tau %.1f: interval covers %d of %d, mean error %.4f%n", sets, perSet,
                tau, covered, repetitions, error / repetitions);
        // Nominal 95% of 400 is 380 (sd 4.4); 368 is 92%.
        assertTrue(covered >= 368, "covered " + covered + " of " + repetitions);
        assertEquals(0, error / repetitions, 0.004, "mean error of the centre");
    }

    @Test
    void clusteredSetsWidenTheIntervalWhereTrialsAsIndependentSetsDoNot() {
        int repetitions = 200;
        int clustered = 0;
        int naive = 0;
        for (int r = 0; r < repetitions; r++) {
            SetCounts[] counts = draw(X, 12, 10, 2.3, 900 + r);
            BoundaryEstimate c = BoundaryEstimate.of(X, counts);
            BoundaryEstimate n = BoundaryEstimate.of(X, trialsAsSets(counts));
            assertEquals(c.centre(), n.centre(), 1e-12, "the pooled counts decide the centre");
            clustered += c.lower() <= CENTRE && CENTRE <= c.upper() ? 1 : 0;
            naive += n.lower() <= CENTRE && CENTRE <= n.upper() ? 1 : 0;
        }
        System.out.printf("12 sets of 10, tau 2.3: clustered interval covers %d of %d, trials as sets %d%n", clustered,
                repetitions, naive);
        assertTrue(clustered >= 180, "clustered interval covers " + clustered + " of " + repetitions);
        assertTrue(naive <= 170, "trials-as-sets interval covers " + naive + " of " + repetitions);
    }

    @Test
    void separatedDataGiveTheBracketBetweenTheLastFailureAndTheFirstSuccessOnEnoughSets() {
        double[] x = {0.5, 0.6, 0.7, 0.8};
        int s = BoundaryEstimate.BRACKET_SETS;
        SetCounts none = new SetCounts(new int[s], filled(s, 1));
        SetCounts all = new SetCounts(filled(s, 1), filled(s, 1));
        BoundaryEstimate e = BoundaryEstimate.of(x, new SetCounts[] {none, none, all, all});
        assertEquals(BoundaryEstimate.BRACKET, e.method());
        assertEquals(0.65, e.centre(), 1e-12);
        assertEquals(0.6, e.lower());
        assertEquals(0.7, e.upper());

        SetCounts few = new SetCounts(new int[s - 1], filled(s - 1, 1));
        BoundaryEstimate thin = BoundaryEstimate.of(x, new SetCounts[] {none, few, all, all});
        assertEquals(BoundaryEstimate.BRACKET, thin.method());
        assertFalse(thin.hasInterval(), "an end on fewer than " + s + " sets bounds nothing: " + thin);
    }

    @ParameterizedTest(name = "all trials {0}")
    @ValueSource(booleans = {true, false})
    void noCrossingSeenGivesNoEstimate(boolean succeed) {
        SetCounts c = new SetCounts(filled(8, succeed ? 3 : 0), filled(8, 3));
        BoundaryEstimate e = BoundaryEstimate.of(new double[] {0.2, 0.4}, new SetCounts[] {c, c});
        assertEquals(BoundaryEstimate.NONE, e.method());
        assertTrue(Double.isNaN(e.centre()));
        assertFalse(e.hasInterval());
    }

    @ParameterizedTest(name = "df = {0}")
    @ValueSource(doubles = {1, 2, 3, 4, 6, 10, 30, 100, 1000})
    void studentQuantileMatchesTheTDistribution(double df) {
        double exact = new TDistribution(null, df).inverseCumulativeProbability(0.975);
        double tolerance = df < 3 ? 1e-9 : df < 6 ? 4e-3 : 1.2e-4;
        assertEquals(exact, BoundaryEstimate.studentQuantile975(df), tolerance);
    }

    @Test
    void studentQuantileBetweenIntegersIsOnTheWideSideAndFallsWithDf() {
        double previous = Double.POSITIVE_INFINITY;
        for (double df = 1; df <= 50; df += 0.25) {
            double t = BoundaryEstimate.studentQuantile975(df);
            assertTrue(t < previous, "decreasing at df = " + df);
            assertTrue(t >= new TDistribution(null, df).inverseCumulativeProbability(0.975) - 4e-3, "df = " + df);
            previous = t;
        }
    }

    @Test
    void badInputIsRefusedNamingTheArgument() {
        SetCounts c = new SetCounts(new int[] {1}, new int[] {2});
        assertThrows(IllegalArgumentException.class, () -> BoundaryEstimate.of(new double[] {}, new SetCounts[] {}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundaryEstimate.of(new double[] {0.5, 0.5}, new SetCounts[] {c, c}));
        assertTrue(e.getMessage().startsWith("x: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoundaryEstimate.of(new double[] {0.5}, new SetCounts[] {c, c}));
        assertTrue(e.getMessage().startsWith("counts: "), e.getMessage());
    }

    private static int[] filled(int length, int value) {
        int[] a = new int[length];
        Arrays.fill(a, value);
        return a;
    }
}
