package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BasinBoundaryTest {

    private static final double TRUE_M0C = 0.55;
    private static final double TRUE_WIDTH = 0.04;
    private static final double[] GRID = {0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75};

    /** Binomial counts drawn at every grid point from the logistic curve with the given centre and width. */
    private static int[] logisticCounts(double[] m0, int trials, double centre, double width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] k = new int[m0.length];
        for (int i = 0; i < m0.length; i++) {
            double p = 1 / (1 + Math.exp(-(m0[i] - centre) / width));
            for (int j = 0; j < trials; j++) {
                k[i] += random.nextDouble() < p ? 1 : 0;
            }
        }
        return k;
    }

    private static int[] constant(int length, int value) {
        int[] a = new int[length];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void logisticFitRecoversKnownBoundaryAndIntervalCoversItInMostRepetitions() {
        int repetitions = 40;
        int covered = 0;
        int logistic = 0;
        double sumError = 0;
        for (int r = 0; r < repetitions; r++) {
            int[] k = logisticCounts(GRID, 40, TRUE_M0C, TRUE_WIDTH, 1000 + r);
            BasinBoundary b = BasinBoundary.fromSuccesses(GRID, k, constant(GRID.length, 40), 7 + r);
            assertTrue(b.lower() <= b.m0c() && b.m0c() <= b.upper(), "estimate inside its interval: " + b);
            assertTrue(Math.abs(b.m0c() - TRUE_M0C) <= b.upper() - b.lower(),
                    "estimate within one interval width of the truth: " + b);
            covered += b.lower() <= TRUE_M0C && TRUE_M0C <= b.upper() ? 1 : 0;
            logistic += b.method().equals(BasinBoundary.LOGISTIC) ? 1 : 0;
            sumError += b.m0c() - TRUE_M0C;
        }
        // Nominal 95%: 38 of 40 expected; 34 or fewer has probability 1.4% for an exact 95% interval.
        assertTrue(covered >= 35, "covered " + covered + " of " + repetitions);
        assertEquals(repetitions, logistic, "overlapping successes and failures are fitted by the logistic");
        assertEquals(0, sumError / repetitions, 0.01, "mean error (bias) of m0c");
    }

    @Test
    void intervalNarrowsWithMoreTrials() {
        int[] few = logisticCounts(GRID, 20, TRUE_M0C, TRUE_WIDTH, 5);
        int[] many = logisticCounts(GRID, 2000, TRUE_M0C, TRUE_WIDTH, 5);
        BasinBoundary coarse = BasinBoundary.fromSuccesses(GRID, few, constant(GRID.length, 20), 1);
        BasinBoundary fine = BasinBoundary.fromSuccesses(GRID, many, constant(GRID.length, 2000), 1);
        double ratio = (coarse.upper() - coarse.lower()) / (fine.upper() - fine.lower());
        // Width scales as 1/sqrt(trials): sqrt(100) = 10, within sampling noise.
        assertTrue(ratio > 5 && ratio < 20, "width ratio " + ratio);
        assertEquals(TRUE_M0C, fine.m0c(), 0.005);
    }

    @Test
    void separatedStepIsInterpolatedWithTheWholeCellInTheInterval() {
        double[] m0 = {0.2, 0.3, 0.4, 0.5, 0.6};
        int[] k = {0, 0, 0, 20, 20};
        BasinBoundary b = BasinBoundary.fromSuccesses(m0, k, constant(5, 20), 3);
        assertEquals(BasinBoundary.INTERPOLATION, b.method());
        assertEquals(0.45, b.m0c(), 1e-12);
        assertTrue(b.lower() <= 0.4 && b.upper() >= 0.5, b.toString());
        assertTrue(b.lower() >= 0.2 && b.upper() <= 0.6, "clipped to the scanned range: " + b);
    }

    @Test
    void interpolationUsesTheIsotonicFractions() {
        // Fractions 0, 0.6, 0.4, 1 overlap (failures at 0.3 above successes at 0.2), so the logistic fits them;
        // by symmetry of the data about 0.25 its centre is there.
        double[] m0 = {0.1, 0.2, 0.3, 0.4};
        int[] k = {0, 6, 4, 10};
        BasinBoundary b = BasinBoundary.fromSuccesses(m0, k, constant(4, 10), 3);
        assertEquals(BasinBoundary.LOGISTIC, b.method());
        assertEquals(0.25, b.m0c(), 1e-9);
        // A separated step at the lower edge: isotonic fractions 0, 1, 1, 1 cross 1/2 half-way through the first cell.
        int[] step = {0, 10, 10, 10};
        BasinBoundary edge = BasinBoundary.fromSuccesses(m0, step, constant(4, 10), 3);
        assertEquals(BasinBoundary.INTERPOLATION, edge.method());
        assertEquals(0.15, edge.m0c(), 1e-12);
    }

    @Test
    void steepFitWithNearCertainEndsStillBootstraps() {
        // A sharp rise on a wide grid (fitted width 0.027): the fitted P(m0 = 0) is 4e-11. (commons-rng's
        // table-based binomial sampler, used before, fails at such p, e.g. p = 1 - 1e-11 with 40 trials.)
        double[] m0 = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
        int[] k = {0, 0, 0, 0, 0, 0, 3, 17, 20, 20, 20};
        BasinBoundary b = BasinBoundary.fromSuccesses(m0, k, constant(m0.length, 20), 9);
        assertEquals(BasinBoundary.LOGISTIC, b.method());
        assertEquals(0.65, b.m0c(), 0.01);
        assertTrue(b.lower() < b.m0c() && b.m0c() < b.upper() && b.upper() - b.lower() < 0.1, b.toString());
    }

    @Test
    void fractionThatNeverCrossesHalfGivesNaN() {
        double[] m0 = {0.2, 0.4, 0.6};
        BasinBoundary allFail = BasinBoundary.fromSuccesses(m0, new int[] {0, 1, 4}, constant(3, 10), 1);
        BasinBoundary allRetrieve = BasinBoundary.fromSuccesses(m0, new int[] {6, 9, 10}, constant(3, 10), 1);
        assertTrue(Double.isNaN(allFail.m0c()) && Double.isNaN(allFail.lower()) && Double.isNaN(allFail.upper()));
        assertTrue(Double.isNaN(allRetrieve.m0c()));
    }

    @Test
    void sameSeedGivesSameIntervalAndAnotherSeedAnother() {
        int[] k = logisticCounts(GRID, 30, TRUE_M0C, TRUE_WIDTH, 11);
        int[] n = constant(GRID.length, 30);
        BasinBoundary a = BasinBoundary.fromSuccesses(GRID, k, n, 42);
        BasinBoundary b = BasinBoundary.fromSuccesses(GRID, k, n, 42);
        BasinBoundary c = BasinBoundary.fromSuccesses(GRID, k, n, 43);
        assertEquals(a, b);
        assertEquals(a.m0c(), c.m0c(), 0.0, "the point estimate does not depend on the seed");
        assertNotEquals(a.lower(), c.lower());
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        IllegalArgumentException descending = assertThrows(IllegalArgumentException.class,
                () -> BasinBoundary.fromSuccesses(new double[] {0.5, 0.4}, new int[] {1, 1}, new int[] {2, 2}, 1));
        assertTrue(descending.getMessage().startsWith("m0:"), descending.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> BasinBoundary.fromSuccesses(new double[] {0.4, 0.5}, new int[] {3, 1}, new int[] {2, 2}, 1));
        assertTrue(tooMany.getMessage().startsWith("successes:"), tooMany.getMessage());
        IllegalArgumentException tol = assertThrows(IllegalArgumentException.class,
                () -> BasinBoundary.bisect(m -> m > 0.5, 0, 1, 0));
        assertTrue(tol.getMessage().startsWith("tol:"), tol.getMessage());
    }

    @Test
    void bisectionFindsAKnownStepWithinTolerance() {
        double step = 0.3137;
        int[] calls = {0};
        BasinBoundary b = BasinBoundary.bisect(m -> {
            calls[0]++;
            return m >= step;
        }, 0, 1, 1e-4);
        assertEquals(BasinBoundary.BISECTION, b.method());
        assertTrue(b.lower() < step && step <= b.upper(), b.toString());
        assertTrue(b.upper() - b.lower() <= 1e-4);
        assertEquals(step, b.m0c(), 1e-4);
        // Two end checks plus ceil(log2(1 / 1e-4)) = 14 halvings.
        assertEquals(16, calls[0]);
    }

    @Test
    void bisectionWithoutASignChangeReportsWhichSideTheBoundaryIsOn() {
        BasinBoundary everywhere = BasinBoundary.bisect(m -> true, 0.1, 1, 1e-3);
        assertTrue(Double.isNaN(everywhere.m0c()) && Double.isNaN(everywhere.lower()));
        assertEquals(0.1, everywhere.upper());
        BasinBoundary nowhere = BasinBoundary.bisect(m -> false, 0.1, 1, 1e-3);
        assertTrue(Double.isNaN(nowhere.m0c()) && Double.isNaN(nowhere.upper()));
        assertEquals(1.0, nowhere.lower());
    }
}
