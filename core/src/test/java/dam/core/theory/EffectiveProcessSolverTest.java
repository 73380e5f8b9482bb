package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

@Tag("slow")
class EffectiveProcessSolverTest {

    /** docs/physics.md section 8, theory rows (n = 3, alpha = 0.1, M = 4e5), t = 0..8. */
    private static final double[] TABLE_M0_07 = {0.702, 0.632, 0.646, 0.622, 0.619, 0.596, 0.588, 0.567, 0.556};
    private static final double[] TABLE_M0_10 = {1.000, 0.932, 0.924, 0.907, 0.904, 0.894, 0.893, 0.887, 0.886};
    /** Bound on the standard deviation over seeds of m(t), t &lt;= 300, at n = 3, alpha = 0.1, m0 = 1, M = 2e4 (measured 0.025). */
    private static final double SD_20K = 0.03;

    @Test
    void firstStepIsTheErfOfTheSignalOverTheNoise() {
        int paths = 100_000;
        double[][] cases = {{3, 0.1, 0.7}, {3, 0.25, 0.5}, {4, 0.05, 0.9}, {5, 0.02, 0.8}, {2, 0.1, 0.7}, {2, 0.3, 0.4}};
        for (double[] c : cases) {
            int n = (int) c[0];
            double alpha = c[1];
            double m0 = c[2];
            double noiseVariance = alpha * Moments.doubleFactorial(2 * n - 3).doubleValue();
            double expected = Gaussian.erf(Math.pow(m0, n - 1) / Math.sqrt(2 * noiseVariance));
            double m1 = new EffectiveProcessSolver(n, alpha, paths).solve(m0, 1, 11).overlap()[1];
            // A plain path average has standard error sqrt((1 - m^2) / M); allow 4 of them.
            assertEquals(expected, m1, 4 * Math.sqrt((1 - expected * expected) / paths), Arrays.toString(c));
        }
    }

    @Test
    void reproducesThePhysicsTableAtNThreeAlphaPointOne() {
        // Same M as the table. Measured over 16 seeds, the standard deviation of m(t) is <= 0.0012 for
        // m0 = 1 and grows to 0.004 at t = 8 for m0 = 0.7 (nearer the basin boundary, where the
        // dynamics amplifies sampling noise). Comparing two independent solutions doubles the
        // variance. The m0 = 0.7 row of the table started from a sampled m(0) = 0.702, which
        // raises its m(t) by about 0.003; this solver starts from exactly m0.
        EffectiveProcessSolver solver = new EffectiveProcessSolver(3, 0.1, 400_000);
        double[] high = solver.solve(1.0, 8, 1).overlap();
        double[] mid = solver.solve(0.7, 8, 1).overlap();
        for (int t = 0; t <= 8; t++) {
            assertEquals(TABLE_M0_10[t], high[t], 0.005, "m0 = 1.0, t = " + t);
            assertEquals(TABLE_M0_07[t], mid[t], 0.02, "m0 = 0.7, t = " + t);
        }
    }

    @Test
    void retardedSelfInteractionKeepsTheNetworkRetrieving() {
        // docs/physics.md section 4: m(10) is about 0.88 with the retarded term and about 0.32 without it.
        // Over 16 seeds at this M: 0.882 +- 0.0012 with it and 0.300 +- 0.015 without it (the collapse
        // without memory amplifies sampling noise), so 0.32 +- 0.08 covers both estimates.
        double with = new EffectiveProcessSolver(3, 0.1, 400_000).solve(1.0, 10, 3).overlap()[10];
        double without = new EffectiveProcessSolver(MemoryModel.DENSE, 3, 0.1, 0, 400_000, 1, false)
                .solve(1.0, 10, 3).overlap()[10];
        assertEquals(0.88, with, 0.01);
        assertEquals(0.32, without, 0.08);
    }

    @Test
    void responseEqualsTheFiniteDifferenceOfAnExternalField() {
        // G(t+1, s) = d<sigma(t+1)>/d theta(s) at fixed order parameters: solve again with +-theta added
        // to h(s), the fields built from the unperturbed m, C, G and the same random numbers.
        assertResponseMatchesFiniteDifference(3, 0.1, 0.7, 0.03);
        assertResponseMatchesFiniteDifference(2, 0.1, 0.7, 0.02);
    }

    private static void assertResponseMatchesFiniteDifference(int n, double alpha, double m0, double theta) {
        int steps = 5;
        long seed = 7;
        EffectiveProcessSolver solver = new EffectiveProcessSolver(n, alpha, 200_000);
        TheoryResult reference = solver.solve(m0, steps, seed);
        assertArrayEquals(reference.overlap(), solver.solve(m0, steps, seed, new double[steps], reference).overlap(), 0);
        for (int s = 0; s < steps; s++) {
            double[] up = new double[steps];
            double[] down = new double[steps];
            up[s] = theta;
            down[s] = -theta;
            double[] mUp = solver.solve(m0, steps, seed, up, reference).overlap();
            double[] mDown = solver.solve(m0, steps, seed, down, reference).overlap();
            for (int t = 0; t <= s; t++) {
                assertEquals(reference.overlap()[t], mUp[t], 0, "causality, n = " + n + ", t = " + t + ", s = " + s);
            }
            for (int t = s + 1; t <= steps; t++) {
                double difference = (mUp[t] - mDown[t]) / (2 * theta);
                // Lag 1 uses the same samples on both sides (error O(theta^2)); longer lags carry the
                // Novikov estimate's sampling noise, about 1 / (sqrt(alpha M) L(s, s)) ~ 0.005.
                double tolerance = t == s + 1 ? 0.003 : 0.02;
                assertEquals(difference, reference.response()[t][s], tolerance, "n = " + n + ", G(" + t + ", " + s + ")");
            }
        }
    }

    @Test
    void frozenDynamicsStaysFiniteAndStable() {
        // Well past convergence at n = 3, alpha = 0.1, m0 = 1: a few percent of the paths settle into
        // 2-cycles (C(t, t-2) -> 1), the covariance becomes nearly singular, m drifts only slowly.
        TheoryResult r = new EffectiveProcessSolver(3, 0.1, 100_000).solve(1.0, 40, 5);
        assertWellFormed(r);
        for (int t = 10; t <= 40; t++) {
            assertTrue(r.overlap()[t] > 0.83 && r.overlap()[t] < 0.89, "m(" + t + ") = " + r.overlap()[t]);
            assertEquals(r.overlap()[t - 2], r.overlap()[t], 0.01, "t = " + t);
            assertTrue(r.correlation()[t][t - 2] > 0.98, "C(t, t-2) at t = " + t);
        }
        // At low load every sampled path stops flipping: C(t, t-1) = 1 exactly and the covariance is
        // singular; the frozen directions must carry no noise and no response.
        for (int n : new int[] {2, 3}) {
            TheoryResult frozen = new EffectiveProcessSolver(n, n == 2 ? 0.05 : 0.03, 100_000).solve(1.0, 40, 5);
            assertWellFormed(frozen);
            for (int t = 15; t <= 40; t++) {
                assertEquals(1.0, frozen.correlation()[t][t - 1], 0, "n = " + n + ", t = " + t);
                assertEquals(frozen.overlap()[15], frozen.overlap()[t], 0, "n = " + n + ", t = " + t);
                assertEquals(0.0, frozen.response()[t][t - 1], 0, "n = " + n + ", t = " + t);
            }
            assertTrue(frozen.overlap()[40] > 0.99, "n = " + n);
        }
    }

    @Test
    void nearlySingularCovarianceDoesNotAmplifySamplingNoise() {
        // n = 2 just above alpha = 0.138, from m0 = 1: a long plateau near m = 0.98 on which only ~0.1%
        // of the paths flip per step, so the innovations are tiny. With conditional means in C, the plain
        // covariance estimate of the Novikov sums and a pivot tolerance of 1e-10, the response reached
        // |G| ~ 1e3 by t = 40 and m collapsed to 0.16 at this M; at M = 4e5 m(40) = 0.978 and max |G| = 0.1.
        // The Gram C and the path-wise reference keep every resolvable pivot without that amplification.
        TheoryResult r = new EffectiveProcessSolver(2, 0.14, 100_000).solve(1.0, 40, 1);
        assertWellFormed(r);
        double largest = 0;
        for (double[] row : r.response()) {
            for (double g : row) {
                largest = Math.max(largest, Math.abs(g));
            }
        }
        assertTrue(largest < 0.5, "max |G| = " + largest);
        assertEquals(0.978, r.finalOverlap(), 0.005);
    }

    @Test
    void longHorizonOverlapAgreesBetweenPathCountsWithoutCollapseOrFreeze() {
        // Issue 7: at n = 3, alpha = 0.1, m0 = 1 the solver before it collapsed to m ~ 0 (M = 25000,
        // from t ~ 140) or froze at a random value with no path flipping (M = 50000: 0.578, 0.662),
        // while simulations stay near 0.86 with ~3% of the spins in 2-cycles. Here every run must keep
        // retrieving with its 2-cycles alive up to T = 300 (measured over 8 seeds: m(t) in 0.765..0.888
        // and flips in 0.027..0.074 for t >= 10), and the mean m(t) of two seeds at M = 2e4 must agree
        // with that at M = 4e4 at every t. Over 8 seeds the standard deviation of m(t) is at most 0.025
        // at M = 2e4 (t <= 300; SD_20K rounds it up) and 0.021 at 4e4, so the difference of two 2-seed
        // means has a standard deviation below 0.87 SD_20K; allow 4 of them. With these seeds and path
        // counts the solver before issue 7 fails: m fell to 0.66 (M = 2e4, seed 1), collapsed to -0.01
        // (4e4, seed 1) or dropped to 0.41 and froze at 0.476 (4e4, seed 2).
        int steps = 300;
        double[][] mean = new double[2][steps + 1];
        int[] paths = {20_000, 40_000};
        for (int k = 0; k < 2; k++) {
            for (long seed : new long[] {1, 2}) {
                TheoryResult r = new EffectiveProcessSolver(3, 0.1, paths[k], 2).solve(1.0, steps, seed);
                assertWellFormed(r);
                double[] flips = r.flips();
                for (int t = 10; t <= steps; t++) {
                    String where = "M = " + paths[k] + ", seed = " + seed + ", t = " + t;
                    assertTrue(r.overlap()[t] > 0.7 && r.overlap()[t] < 0.9, where + ": m = " + r.overlap()[t]);
                    assertTrue(flips[t - 1] > 0.02 && flips[t - 1] < 0.12, where + ": flips = " + flips[t - 1]);
                    mean[k][t] += r.overlap()[t] / 2;
                }
            }
        }
        for (int t = 10; t <= steps; t++) {
            assertEquals(mean[0][t], mean[1][t], 4 * 0.87 * SD_20K, "mean m(" + t + ") at M = 2e4 and 4e4");
        }
    }

    @Test
    void noiseCovarianceStaysPositiveSemiDefiniteOverALongHorizon() {
        // The covariance the solver factors is P(C) of a Gram matrix (n = 3) or (1-G)^-1 C (1-G^T)^-1
        // (n = 2): positive semi-definite, so no Cholesky residual may be negative beyond round-off.
        // While paths keep moving (n = 3, alpha = 0.1: ~4% flip per step) no pivot may be zeroed.
        EffectiveProcessSolver.Trace dense = new EffectiveProcessSolver(3, 0.1, 20_000, 2).trace(1.0, 300, 1);
        for (int t = 0; t < 300; t++) {
            assertTrue(dense.innovation()[t] > EffectiveProcessSolver.PIVOT_TOLERANCE, "n = 3, t = " + t + ": " + dense.innovation()[t]);
        }
        // Independently of the solver's own factor: P(C) = 1 + 2 C o C of the returned C, shifted by
        // 1e-9, has a plain Cholesky factorisation. (The solver before issue 7 fails this check:
        // its P(C) had a residual of -0.17 of the variance at t = 140, M = 25000.)
        assertTrue(choleskyWithShiftSucceeds(dense.result(), new Moments(3), 1e-9));
        EffectiveProcessSolver.Trace hopfield = new EffectiveProcessSolver(2, 0.14, 20_000, 2).trace(1.0, 300, 1);
        for (int t = 0; t < 300; t++) {
            assertTrue(hopfield.innovation()[t] > -1e-12, "n = 2, t = " + t + ": " + hopfield.innovation()[t]);
        }
    }

    /** Whether P(C) + shift I of the result's C has a plain Cholesky factorisation (it is positive definite). */
    static boolean choleskyWithShiftSucceeds(TheoryResult r, NoiseKernel kernel, double shift) {
        int size = r.steps() + 1;
        double[][] l = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = kernel.value(r.correlation()[i][j]) + (i == j ? shift : 0);
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return true;
    }

    @Test
    void hopfieldRetrievesBelowCapacityAndFailsAbove() {
        // n = 2 parallel dynamics from m0 = 1: retrieval at alpha = 0.05, loss of the pattern at alpha = 0.3
        // (the Hopfield capacity from m0 = 1 is about 0.14-0.16).
        assertTrue(new EffectiveProcessSolver(2, 0.05, 50_000).solve(1.0, 20, 2).finalOverlap() > 0.99);
        assertTrue(new EffectiveProcessSolver(2, 0.3, 50_000).solve(1.0, 20, 2).finalOverlap() < 0.5);
    }

    @Test
    void sameSeedGivesTheSameResultBitForBitWhateverTheThreadCount() {
        // 3000 paths: two full chunks of 1024 and a partial one, whose last tile is partial too.
        int paths = 3_000;
        TheoryResult reference = new EffectiveProcessSolver(3, 0.15, paths).solve(0.8, 12, 42);
        for (int threads : new int[] {2, 3, 8}) {
            TheoryResult r = new EffectiveProcessSolver(3, 0.15, paths, threads).solve(0.8, 12, 42);
            assertArrayEquals(reference.overlap(), r.overlap(), 0, "threads = " + threads);
            assertTrue(Arrays.deepEquals(reference.correlation(), r.correlation()), "threads = " + threads);
            assertTrue(Arrays.deepEquals(reference.response(), r.response()), "threads = " + threads);
        }
        TheoryResult other = new EffectiveProcessSolver(3, 0.15, paths).solve(0.8, 12, 43);
        assertFalse(Arrays.equals(reference.overlap(), other.overlap()));
        // A shorter horizon is a prefix of a longer one: step t draws its normals at step t.
        TheoryResult shorter = new EffectiveProcessSolver(3, 0.15, paths, 2).solve(0.8, 5, 42);
        assertArrayEquals(shorter.overlap(), Arrays.copyOf(reference.overlap(), 6), 0);
        TheoryResult hopfield = new EffectiveProcessSolver(2, 0.1, paths, 2).solve(0.6, 8, 9);
        assertArrayEquals(new EffectiveProcessSolver(2, 0.1, paths).solve(0.6, 8, 9).overlap(), hopfield.overlap(), 0);
    }

    @Test
    void theModelAwareSolverAtTemperatureZeroIsTheDenseSolverBitForBit() {
        // temperature 0 draws no thermal number and takes the sign-dynamics path: the old numbers, every bit
        for (int n : new int[] {2, 3, 4}) {
            TheoryResult old = new EffectiveProcessSolver(n, 0.1, 3_000, 2).solve(0.8, 12, 42);
            TheoryResult now = new EffectiveProcessSolver(MemoryModel.DENSE, n, 0.1, 0, 3_000, 2).solve(0.8, 12, 42);
            assertArrayEquals(old.overlap(), now.overlap(), 0, "n = " + n);
            assertTrue(Arrays.deepEquals(old.correlation(), now.correlation()), "n = " + n);
            assertTrue(Arrays.deepEquals(old.response(), now.response()), "n = " + n);
            assertEquals(MemoryModel.DENSE, old.model());
            assertEquals(0.0, old.temperature());
        }
    }

    @Test
    void resultCarriesItsParameters() {
        TheoryResult r = new EffectiveProcessSolver(4, 0.05, 1_000).solve(0.9, 3, 8);
        TheoryResult warm = new EffectiveProcessSolver(MemoryModel.PBODY, 4, 0.05, 0.25, 1_000, 1).solve(0.9, 3, 8);
        assertEquals(MemoryModel.PBODY, warm.model());
        assertEquals(0.25, warm.temperature());
        assertEquals(4, r.n());
        assertEquals(0.05, r.alpha());
        assertEquals(0.9, r.m0());
        assertEquals(1_000, r.paths());
        assertEquals(8, r.seed());
        assertEquals(3, r.steps());
        assertEquals(0.9, r.overlap()[0]);
        assertWellFormed(r);
    }

    @Test
    void rejectsInvalidInputNamingTheField() {
        assertRejected("n", () -> new EffectiveProcessSolver(1, 0.1, 10));
        assertRejected("alpha", () -> new EffectiveProcessSolver(3, 0, 10));
        assertRejected("alpha", () -> new EffectiveProcessSolver(3, Double.NaN, 10));
        assertRejected("paths", () -> new EffectiveProcessSolver(3, 0.1, 0));
        assertRejected("threads", () -> new EffectiveProcessSolver(3, 0.1, 10, 0));
        for (double temperature : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE}) {
            assertRejected("temperature", () -> new EffectiveProcessSolver(MemoryModel.PBODY, 3, 0.1, temperature, 10, 1));
        }
        NullPointerException none = assertThrows(NullPointerException.class,
                () -> new EffectiveProcessSolver(null, 3, 0.1, 0, 10, 1));
        assertEquals("model", none.getMessage());
        // the path history must fit in the heap: 4.4 bytes per path and step, 8 TB here
        assertRejected("paths", () -> new EffectiveProcessSolver(3, 0.1, 2_000_000_000).solve(0.5, 1000, 1));
        EffectiveProcessSolver solver = new EffectiveProcessSolver(3, 0.1, 10);
        assertRejected("m0", () -> solver.solve(1.5, 3, 1));
        assertRejected("m0", () -> solver.solve(Double.NaN, 3, 1));
        assertRejected("steps", () -> solver.solve(0.5, 0, 1));
    }

    private static void assertRejected(String field, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    private static void assertWellFormed(TheoryResult r) {
        int size = r.steps() + 1;
        for (int t = 0; t < size; t++) {
            assertTrue(Double.isFinite(r.overlap()[t]) && Math.abs(r.overlap()[t]) <= 1, "m(" + t + ")");
            assertEquals(1.0, r.correlation()[t][t], 0);
            for (int s = 0; s < size; s++) {
                double c = r.correlation()[t][s];
                assertTrue(Double.isFinite(c) && Math.abs(c) <= 1, "C(" + t + ", " + s + ") = " + c);
                assertEquals(c, r.correlation()[s][t], 0);
                double g = r.response()[t][s];
                assertTrue(Double.isFinite(g) && Math.abs(g) < 10, "G(" + t + ", " + s + ") = " + g);
                if (s >= t) {
                    assertEquals(0.0, g, 0, "G must be strictly lower triangular");
                }
            }
        }
    }
}
