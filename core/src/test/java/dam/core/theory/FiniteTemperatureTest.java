package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The effective process under parallel Glauber dynamics (docs/physics.md section 5b): exact first and second steps, the
 * alpha -&gt; 0 limit m(t+1) = tanh(beta m(t)^(n-1)), and the solver's guarantees at temperature &gt; 0.
 */
@Tag("slow")
class FiniteTemperatureTest {

    /** m(1) = E_z tanh(beta (m0^(n-1) + sqrt(alpha P(1)) z)), the Gaussian average by quadrature. */
    @ParameterizedTest(name = "{0}, n = {1}, alpha = {2}, temperature = {3}, m0 = {4}")
    @CsvSource({"DENSE, 2, 0.1, 0.5, 0.7", "DENSE, 3, 0.1, 0.2, 0.8", "DENSE, 3, 0.05, 1.0, 1", "DENSE, 4, 0.02, 0.4, 0.9",
        "PBODY, 3, 0.1, 0.3, 0.8", "PBODY, 4, 0.02, 0.05, 0.9", "PBODY, 5, 0.005, 0.6, 1"})
    void firstStepIsTheGaussianAverageOfTheGlauberMean(MemoryModel model, int n, double alpha, double temperature, double m0) {
        int paths = 100_000;
        double p1 = model.crosstalkVariance(n).doubleValue();
        double expected = ExactSteps.mean(Math.pow(m0, n - 1), Math.sqrt(alpha * p1), temperature);
        double m1 = new EffectiveProcessSolver(model, n, alpha, temperature, paths, 2).solve(m0, 1, 11).overlap()[1];
        // the path average of tanh(beta h) has a standard error below sqrt((1 - m^2) / M)
        assertEquals(expected, m1, 4 * Math.sqrt((1 - expected * expected) / paths));
    }

    /**
     * m(2), C(1, 0) and G(1, 0) = beta E[1 - tanh^2] in closed form ({@link ExactSteps}): the retarded term, the Stein
     * form of the newest response and, for n = 2, the response inside the noise covariance (M = 2e5 paths).
     */
    @ParameterizedTest(name = "{0}, n = {1}, alpha = {2}, temperature = {3}, m0 = {4}")
    @CsvSource({"DENSE, 2, 0.1, 0.5, 0.7", "DENSE, 2, 0.05, 0.9, 1", "DENSE, 3, 0.1, 0.3, 0.8", "PBODY, 3, 0.1, 0.3, 0.8",
        "DENSE, 4, 0.02, 0.3, 0.9", "PBODY, 4, 0.02, 0.2, 0.9"})
    void secondStepAgreesWithItsClosedForm(MemoryModel model, int n, double alpha, double temperature, double m0) {
        ExactSteps.TwoSteps exact = ExactSteps.of(model, n, alpha, temperature, m0);
        TheoryResult r = new EffectiveProcessSolver(model, n, alpha, temperature, 200_000, 2).solve(m0, 2, 5);
        assertEquals(exact.m1(), r.overlap()[1], 0.005, "m(1)");
        assertEquals(exact.c10(), r.correlation()[1][0], 0.006, "C(1, 0)");
        assertEquals(exact.g10(), r.response()[1][0], 0.01 * exact.g10(), "G(1, 0)");
        assertEquals(exact.m2(), r.overlap()[2], 0.005, "m(2)");
    }

    /**
     * alpha -&gt; 0 (alpha = 1e-6): no crosstalk, so from m0 = 1 the overlap follows m(t+1) = tanh(beta m(t)^(n-1)) step
     * by step and settles at its fixed point: 0.9575 (n = 2, beta = 2) and 0.9456 (n = 3, beta = 2).
     */
    @ParameterizedTest(name = "{0}, n = {1}: m = {2}")
    @CsvSource({"DENSE, 2, 0.9575", "DENSE, 3, 0.9456", "PBODY, 3, 0.9456"})
    void atVanishingLoadTheOverlapFollowsTheCurieWeissMap(MemoryModel model, int n, double fixedPoint) {
        TheoryResult r = new EffectiveProcessSolver(model, n, 1e-6, 0.5, 5_000, 2).solve(1.0, 40, 1);
        double m = 1;
        for (int t = 1; t <= 40; t++) {
            m = Math.tanh(2 * Math.pow(m, n - 1));
            assertEquals(m, r.overlap()[t], 2e-4, "t = " + t);
        }
        assertEquals(fixedPoint, r.finalOverlap(), 5e-4);
    }

    @Test
    void theGuaranteesHoldAtTemperatureAboveZero() {
        // bit for bit whatever the thread count (3000 paths: two full chunks and a partial one), a shorter horizon a
        // prefix of a longer one, another seed another result
        for (int n : new int[] {2, 3}) {
            EffectiveProcessSolver one = new EffectiveProcessSolver(MemoryModel.DENSE, n, 0.15, 0.3, 3_000, 1);
            TheoryResult reference = one.solve(0.8, 12, 42);
            for (int threads : new int[] {2, 3, 8}) {
                TheoryResult r = new EffectiveProcessSolver(MemoryModel.DENSE, n, 0.15, 0.3, 3_000, threads).solve(0.8, 12, 42);
                assertArrayEquals(reference.overlap(), r.overlap(), 0, "n = " + n + ", threads = " + threads);
                assertTrue(Arrays.deepEquals(reference.correlation(), r.correlation()), "n = " + n + ", threads = " + threads);
                assertTrue(Arrays.deepEquals(reference.response(), r.response()), "n = " + n + ", threads = " + threads);
            }
            assertArrayEquals(one.solve(0.8, 5, 42).overlap(), Arrays.copyOf(reference.overlap(), 6), 0, "prefix, n = " + n);
            assertFalse(Arrays.equals(reference.overlap(), one.solve(0.8, 12, 43).overlap()), "n = " + n);
            assertEquals(0.3, reference.temperature());
            assertEquals(MemoryModel.DENSE, reference.model());
        }
    }

    @Test
    void theNormalsAreTheSameAtEveryTemperature() {
        // The thermal uniforms come from their own sub-streams, so a solve at temperature 1e-6 sees the normals of the
        // solve at temperature 0: its first step moves only the paths with |h(0)| below ~1e-5 (C(1, 0) within 2e-4),
        // where independent normals would move C(1, 0) by ~4e-3 at this M.
        int paths = 100_000;
        TheoryResult zero = new EffectiveProcessSolver(MemoryModel.DENSE, 3, 0.1, 0, paths, 2).solve(0.5, 1, 9);
        TheoryResult cold = new EffectiveProcessSolver(MemoryModel.DENSE, 3, 0.1, 1e-6, paths, 2).solve(0.5, 1, 9);
        TheoryResult other = new EffectiveProcessSolver(MemoryModel.DENSE, 3, 0.1, 1e-6, paths, 2).solve(0.5, 1, 10);
        assertEquals(zero.correlation()[1][0], cold.correlation()[1][0], 2e-4);
        assertTrue(Math.abs(zero.correlation()[1][0] - other.correlation()[1][0]) > 2e-4, "another seed moves C(1, 0)");
    }

    @Test
    void noiseCovarianceStaysPositiveSemiDefiniteAndNoPivotIsZeroed() {
        // Thermal flips keep every path moving: the Gram C has full rank and no innovation may fall to the round-off
        // threshold; P(C) of the returned C (both kernels at n = 3) has a Cholesky factorisation.
        for (MemoryModel model : MemoryModel.values()) {
            EffectiveProcessSolver.Trace trace = new EffectiveProcessSolver(model, 3, 0.05, 0.3, 10_000, 2).trace(1.0, 150, 1);
            for (int t = 0; t < 150; t++) {
                assertTrue(trace.innovation()[t] > EffectiveProcessSolver.PIVOT_TOLERANCE, model + ", t = " + t);
            }
            assertTrue(EffectiveProcessSolverTest.choleskyWithShiftSucceeds(trace.result(), NoiseKernel.of(model, 3), 1e-9), model.key());
        }
        EffectiveProcessSolver.Trace hopfield = new EffectiveProcessSolver(MemoryModel.DENSE, 2, 0.05, 0.5, 10_000, 2).trace(1.0, 150, 1);
        for (int t = 0; t < 150; t++) {
            assertTrue(hopfield.innovation()[t] > EffectiveProcessSolver.PIVOT_TOLERANCE, "n = 2, t = " + t);
        }
    }

    /**
     * Two path counts agree within their errors. Cases: n = 3 in retrieval (alpha = 0.05, temperature 0.3; measured
     * standard deviation of m(t) over seeds ~1e-3 at M = 2e4), and n = 2 near its continuous transition at small load
     * (alpha = 1e-3, temperature 0.8, G(t+1, t) ~ 0.63), where the Novikov sums are divided by sqrt(alpha) L: with the
     * sampled spin sigma(r) as the reference their thermal noise made G ~ 30 at lags &gt;= 2 and m(100) = -0.19 at
     * M = 5000 (0.687 at 2e4, 0.703 at 8e4); with the regression reference m(100) = 0.707, 0.705, 0.703.
     */
    @ParameterizedTest(name = "n = {0}, alpha = {1}, temperature = {2}")
    @CsvSource({"3, 0.05, 0.3, 10000, 40000, 0.01", "2, 0.001, 0.8, 5000, 40000, 0.02"})
    void overlapAgreesBetweenPathCounts(int n, double alpha, double temperature, int fewer, int more, double tolerance) {
        int steps = 100;
        TheoryResult small = new EffectiveProcessSolver(MemoryModel.DENSE, n, alpha, temperature, fewer, 2).solve(1.0, steps, 3);
        TheoryResult large = new EffectiveProcessSolver(MemoryModel.DENSE, n, alpha, temperature, more, 2).solve(1.0, steps, 4);
        for (int t = 1; t <= steps; t++) {
            assertEquals(large.overlap()[t], small.overlap()[t], tolerance, "t = " + t);
        }
        for (TheoryResult r : new TheoryResult[] {small, large}) {
            for (int t = 2; t <= steps; t++) {
                for (int s = 0; s < t - 1; s++) {
                    assertTrue(Math.abs(r.response()[t][s]) < 2, "M = " + r.paths() + ", G(" + t + ", " + s + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "n = {0}, alpha = {1}, temperature = {2}")
    @CsvSource({"3, 0.1, 0.3", "2, 0.1, 0.5"})
    void responseEqualsTheFiniteDifferenceOfAnExternalField(int n, double alpha, double temperature) {
        // As at temperature 0 (EffectiveProcessSolverTest): the same normals and thermal uniforms on both sides; the
        // lag-1 response is beta <1 - tanh^2>, the derivative of the same path averages (error O(theta^2)); longer lags
        // carry the Novikov estimate's noise (measured differences up to 0.01).
        int steps = 5;
        long seed = 7;
        double theta = 0.03;
        EffectiveProcessSolver solver = new EffectiveProcessSolver(MemoryModel.DENSE, n, alpha, temperature, 200_000, 2);
        TheoryResult reference = solver.solve(0.7, steps, seed);
        assertArrayEquals(reference.overlap(), solver.solve(0.7, steps, seed, new double[steps], reference).overlap(), 0);
        for (int s = 0; s < steps; s++) {
            double[] up = new double[steps];
            double[] down = new double[steps];
            up[s] = theta;
            down[s] = -theta;
            double[] mUp = solver.solve(0.7, steps, seed, up, reference).overlap();
            double[] mDown = solver.solve(0.7, steps, seed, down, reference).overlap();
            for (int t = s + 1; t <= steps; t++) {
                double difference = (mUp[t] - mDown[t]) / (2 * theta);
                double tolerance = t == s + 1 ? 0.002 : 0.02;
                assertEquals(difference, reference.response()[t][s], tolerance, "n = " + n + ", G(" + t + ", " + s + ")");
            }
        }
    }
}
