package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StationaryStateTest {

    /**
     * Amit, Gutfreund and Sompolinsky (Phys. Rev. Lett. 55, 1530 (1985); Ann. Phys. 173, 30 (1987)): at temperature
     * 0 the Hopfield retrieval state exists up to alpha_c = 0.138, where its overlap is m = 0.967. n = 2 is the same
     * model in both memories.
     */
    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void hopfieldCapacityAtTemperatureZeroIsAmitGutfreundSompolinsky(MemoryModel model) {
        StationaryState fold = StationaryState.criticalLoad(model, 2, 0).orElseThrow();
        assertEquals(0.138, fold.alpha(), 0.0005);
        assertEquals(0.967, fold.m(), 0.0005);
        assertEquals(1, fold.q());
    }

    /** With no other patterns the frozen state is the pattern itself: m -&gt; 1 as alpha -&gt; 0 at temperature 0. */
    @ParameterizedTest
    @CsvSource({"DENSE,2", "DENSE,3", "DENSE,4", "DENSE,5", "PBODY,3", "PBODY,4"})
    void overlapTendsToOneAsTheLoadVanishesAtTemperatureZero(MemoryModel model, int n) {
        double alphaC = StationaryState.criticalLoad(model, n, 0).orElseThrow().alpha();
        double previous = 0;
        for (double fraction : new double[] {0.9, 0.5, 0.2, 0.05, 1e-3}) {
            double m = StationaryState.solve(model, n, fraction * alphaC, 0).orElseThrow().m();
            assertTrue(m >= previous && m <= 1, "m grows as alpha falls: " + m + " at " + fraction + " alpha_c");
            previous = m;
        }
        assertEquals(1, previous, 1e-12);
    }

    /**
     * As alpha -&gt; 0 the overlap solves m = tanh(m^(n-1) / temperature); issue 19 quotes m = 0.9575 (n = 2) and 0.9456
     * (n = 3) at temperature 0.5, and the root is checked by its residual too.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,2,0.5,0.9575", "PBODY,2,0.5,0.9575", "DENSE,3,0.5,0.9456", "PBODY,3,0.5,0.9456",
            "DENSE,4,0.25,NaN", "DENSE,2,0.9,NaN"})
    void smallLoadOverlapSolvesTheNoiselessMeanFieldEquation(MemoryModel model, int n, double temperature,
                                                              double quoted) {
        double m = StationaryState.solve(model, n, 1e-10, temperature).orElseThrow().m();
        if (!Double.isNaN(quoted)) {
            assertEquals(quoted, m, 5e-5);
        }
        assertEquals(Math.tanh(Math.pow(m, n - 1) / temperature), m, 1e-7);
    }

    /**
     * Issue 19's alpha -&gt; 0 end points: for n &gt;= 3 the retrieval state appears discontinuously below temperature
     * 0.5826 (n = 3, where m = 0.796) and 0.4958 (n = 4, m = 0.889); for n = 2 continuously at temperature 1.
     */
    @ParameterizedTest
    @CsvSource({"3,0.5826,0.796", "4,0.4958,0.889"})
    void retrievalAppearsDiscontinuouslyBelowTheSaddleNodeTemperatureForNAtLeastThree(int n, double quoted, double mQuoted) {
        double top = StationaryState.retrievalTemperature(n);
        assertEquals(quoted, top, 5e-5);
        for (MemoryModel model : MemoryModel.values()) {
            double m = StationaryState.solve(model, n, 1e-12, top * (1 - 1e-7)).orElseThrow().m();
            assertEquals(mQuoted, m, 0.002, model + ": the overlap jumps from 0 to about " + mQuoted);
            assertTrue(StationaryState.solve(model, n, 1e-12, top * (1 + 1e-7)).isEmpty());
            assertTrue(StationaryState.criticalLoad(model, n, top * (1 + 1e-7)).isEmpty());
        }
    }

    /** n = 2 near temperature 1: m = tanh(m / temperature) gives m^2 = 3 (1 - temperature) to leading order. */
    @ParameterizedTest
    @CsvSource({"0.99", "0.999", "0.9999"})
    void hopfieldOverlapVanishesContinuouslyAtTemperatureOne(double temperature) {
        assertEquals(1, StationaryState.retrievalTemperature(2));
        double m = StationaryState.solve(MemoryModel.DENSE, 2, 1e-12, temperature).orElseThrow().m();
        assertEquals(1, m * m / (3 * (1 - temperature)), 3 * (1 - temperature) + 1e-6);
    }

    /**
     * At temperature 0 only alpha P(1) enters the n &gt;= 3 equations (the noise P(q) at q = 1), so both models reach
     * the same normalised capacity alpha_c P(1), with the same overlap.
     */
    @ParameterizedTest
    @CsvSource({"3", "4", "5"})
    void bothModelsShareTheNormalisedCapacityAtTemperatureZero(int n) {
        StationaryState dense = StationaryState.criticalLoad(MemoryModel.DENSE, n, 0).orElseThrow();
        StationaryState pbody = StationaryState.criticalLoad(MemoryModel.PBODY, n, 0).orElseThrow();
        assertEquals(dense.normalisedLoad(), pbody.normalisedLoad(), 1e-12 * dense.normalisedLoad());
        assertEquals(dense.m(), pbody.m(), 1e-7);
        assertTrue(pbody.alpha() > dense.alpha(), "the p-body kernel has the smaller P(1)");
    }

    /**
     * The fold found by continuation satisfies its closed form at temperature 0, n &gt;= 3: with x = m^(n-1) / sqrt(2 alpha
     * P(1)) the state solves m = erf(x), and d alpha / d m = 0 reads erf(x) = 2 (n - 1) x exp(-x^2) / sqrt(pi).
     */
    @ParameterizedTest
    @CsvSource({"DENSE,3", "DENSE,4", "DENSE,6", "PBODY,3", "PBODY,5"})
    void foldSatisfiesTheClosedFormAtTemperatureZero(MemoryModel model, int n) {
        StationaryState fold = StationaryState.criticalLoad(model, n, 0).orElseThrow();
        double p1 = model.crosstalkVariance(n).doubleValue();
        double x = Math.pow(fold.m(), n - 1) / Math.sqrt(2 * fold.alpha() * p1);
        assertEquals(Gaussian.erf(x), fold.m(), 1e-12);
        assertEquals(Gaussian.erf(x), 2 * (n - 1) * x * Math.exp(-x * x) / Math.sqrt(Math.PI), 1e-7);
        assertEquals(fold.alpha() * p1, fold.noiseVariance(), 1e-15);
        assertEquals(Math.sqrt(2 / Math.PI) * Math.exp(-x * x) / Math.sqrt(fold.noiseVariance()), fold.chi(), 1e-12);
    }

    /**
     * The saddle-node is the end of the retrieval branch: no state just above alpha_c, a state just below with m above
     * the fold's, and m falling along the branch as alpha rises.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,2,0", "DENSE,3,0", "DENSE,4,0", "PBODY,3,0", "DENSE,2,0.3", "DENSE,3,0.2", "PBODY,4,0.1"})
    void foldIsTheLargestLoadWithARetrievalState(MemoryModel model, int n, double temperature) {
        StationaryState fold = StationaryState.criticalLoad(model, n, temperature).orElseThrow();
        assertTrue(StationaryState.solve(model, n, fold.alpha() * (1 + 1e-6), temperature).isEmpty());
        StationaryState below = StationaryState.solve(model, n, fold.alpha() * (1 - 1e-6), temperature).orElseThrow();
        assertTrue(below.m() >= fold.m() && below.m() - fold.m() < 0.01, below + " against " + fold);
        double previous = 1;
        for (double fraction : new double[] {0.2, 0.5, 0.8, 0.95, 0.999}) {
            double m = StationaryState.solve(model, n, fraction * fold.alpha(), temperature).orElseThrow().m();
            assertTrue(m < previous && m > fold.m(), "m = " + m + " at " + fraction + " alpha_c");
            previous = m;
        }
    }

    /** The finite-temperature equations become the temperature-0 ones as the temperature falls (continuity of both closures). */
    @ParameterizedTest
    @CsvSource({"DENSE,2", "DENSE,3", "DENSE,4", "PBODY,3"})
    void smallTemperatureApproachesTemperatureZero(MemoryModel model, int n) {
        StationaryState cold = StationaryState.criticalLoad(model, n, 0).orElseThrow();
        StationaryState warm = StationaryState.criticalLoad(model, n, 1e-3).orElseThrow();
        assertEquals(cold.alpha(), warm.alpha(), 2e-3 * cold.alpha());
        assertEquals(cold.m(), warm.m(), 2e-3);
        assertEquals(cold.chi(), warm.chi(), 2e-3);
        double alpha = 0.7 * cold.alpha();
        StationaryState a = StationaryState.solve(model, n, alpha, 0).orElseThrow();
        StationaryState b = StationaryState.solve(model, n, alpha, 1e-4).orElseThrow();
        assertEquals(a.m(), b.m(), 1e-4);
        assertEquals(1, b.q(), 1e-3);
    }

    /**
     * n = 2 at temperature &gt; 0 is the stationary state of Little's parallel dynamics: consecutive spins (sigma, tau) in
     * the fields beta (m + s z) with coupling k = (alpha beta / 2) (chi / (1 - chi) - y / (1 + y)), chi = beta (1 + c - 2 q),
     * y = beta (1 - c), s^2 = alpha q / (1 - chi)^2; m, q and c are the pair's averages, checked here with an independent
     * trapezoid rule.
     */
    @ParameterizedTest
    @CsvSource({"0.05,0.2", "0.1,0.3", "0.02,0.6", "0.05,0.55"})
    void hopfieldStateAtTemperatureSolvesLittlesPairEquations(double alpha, double temperature) {
        StationaryState s = StationaryState.solve(MemoryModel.DENSE, 2, alpha, temperature).orElseThrow();
        double beta = 1 / temperature;
        double noise = Math.sqrt(s.noiseVariance());
        double chi = beta * (1 + s.oneStepCorrelation() - 2 * s.q());
        double y = beta * (1 - s.oneStepCorrelation());
        double k = 0.5 * alpha * beta * (chi / (1 - chi) - y / (1 + y));
        double[] sums = new double[3];
        int points = 400_000;
        double h = 20.0 / points;
        for (int i = 0; i <= points; i++) {
            double z = -10 + i * h;
            double w = (i == 0 || i == points ? 0.5 : 1) * h * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            double a = 2 * beta * (s.m() + noise * z);
            double b = Math.exp(-2 * k);
            // sinh A / (cosh A + b) and (cosh A - b) / (cosh A + b), written for large |A|
            double mean = Math.tanh(a) / (1 + b / Math.cosh(a));
            sums[0] += w * mean;
            sums[1] += w * mean * mean;
            sums[2] += w * (1 - b / Math.cosh(a)) / (1 + b / Math.cosh(a));
        }
        assertEquals(s.m(), sums[0], 1e-9);
        assertEquals(s.q(), sums[1], 1e-9);
        assertEquals(s.oneStepCorrelation(), sums[2], 1e-9);
        assertEquals(chi, s.chi(), 1e-12);
        assertEquals(alpha * s.q() / Math.pow(1 - chi, 2), s.noiseVariance(), 1e-9 * s.noiseVariance());
        assertTrue(s.oneStepCorrelation() > s.q(), "consecutive spins are more alike than distant ones");
        assertTrue(Double.isNaN(s.reinforcement()), "no band at temperature > 0");
    }

    /** Amit, Gutfreund and Sompolinsky's equations are the equilibrium closure at n = 2, kept for comparison. */
    @ParameterizedTest
    @CsvSource({"0.05,0.2", "0.1,0.1", "0.02,0.6"})
    void equilibriumClosureAtTwoIsAmitGutfreundSompolinsky(double alpha, double temperature) {
        RetrievalBranch.Point p = new RetrievalBranch(new Moments(2), temperature, RetrievalBranch.Closure.EQUILIBRIUM)
                .atLoad(alpha);
        double beta = 1 / temperature;
        assertEquals(p.m(), ThermalAverage.overlap(beta, p.m(), p.s()), 1e-10);
        assertEquals(1 - p.q(), ThermalAverage.sechSquared(beta, p.m(), p.s()), 1e-10);
        assertEquals(beta * (1 - p.q()), p.chi(), 1e-9);
        assertEquals(alpha * p.q() / Math.pow(1 - p.chi(), 2), p.s() * p.s(), 1e-12);
    }

    /**
     * n &gt;= 3 at temperature &gt; 0: the tangent closure, a spin in a static Gaussian field of variance
     * v = alpha (P(1) - (1 - q) P'(q)), with q = E tanh^2, chi = beta (1 - q) and C(t, t-1) = q.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,3,0.06,0.3", "PBODY,3,0.12,0.3", "DENSE,4,0.01,0.2", "PBODY,4,0.025,0.3", "DENSE,5,0.001,0.2"})
    void stateAtTemperatureSolvesTheTangentClosureForNAtLeastThree(MemoryModel model, int n, double alpha,
                                                                     double temperature) {
        StationaryState s = StationaryState.solve(model, n, alpha, temperature).orElseThrow();
        NoiseKernel kernel = NoiseKernel.of(model, n);
        double beta = 1 / temperature;
        double a = Math.pow(s.m(), n - 1);
        double noise = Math.sqrt(s.noiseVariance());
        assertEquals(s.m(), ThermalAverage.overlap(beta, a, noise), 1e-10);
        assertEquals(1 - s.q(), ThermalAverage.sechSquared(beta, a, noise), 1e-10);
        assertEquals(beta * (1 - s.q()), s.chi(), 1e-9);
        assertEquals(alpha * (kernel.value(1) - (1 - s.q()) * kernel.derivative(s.q())), s.noiseVariance(),
                1e-9 * s.noiseVariance());
        assertEquals(s.q(), s.oneStepCorrelation());
    }

    /**
     * To first order in alpha the stationary overlap of parallel Glauber dynamics follows from expanding the effective
     * process about alpha = 0, where the spins are independent in time with mean m = tanh(beta m^(n-1)) and
     * G(t+1, t) = chi0 = beta (1 - m^2) (docs/physics.md): n &gt;= 3, the full noise alpha P(1) and the retarded term
     * alpha P'(q) chi0 sigma(t-1) give dm/dalpha = -beta^2 m (1 - m^2) (P(1) - (1 - q) P'(q)) / (1 - beta (n-1) m^(n-2)
     * (1 - m^2)); n = 2, the noise (1 - G)^-1 C (1 - G^T)^-1 and R = G / (1 - G) give dm/dalpha = beta m (1 - m^2)
     * (chi0^2 / (1 - chi0^2) - beta q / (1 - chi0)^2) / (1 - chi0), q = m^2. The equilibrium closure misses both.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,2,0.5", "DENSE,2,0.8", "DENSE,3,0.5", "PBODY,3,0.5", "PBODY,3,0.55", "DENSE,4,0.45", "PBODY,4,0.4"})
    void firstOrderInTheLoadIsTheExpansionOfTheEffectiveProcess(MemoryModel model, int n, double temperature) {
        NoiseKernel kernel = NoiseKernel.of(model, n);
        double beta = 1 / temperature;
        RetrievalBranch parallel = new RetrievalBranch(kernel, temperature);
        RetrievalBranch equilibrium = new RetrievalBranch(kernel, temperature, RetrievalBranch.Closure.EQUILIBRIUM);
        double m = parallel.top();
        double q = m * m;
        double chi0 = beta * (1 - q);
        double expected;
        if (n == 2) {
            expected = beta * m * (1 - q) * (chi0 * chi0 / (1 - chi0 * chi0) - beta * q / Math.pow(1 - chi0, 2))
                    / (1 - chi0);
        } else {
            expected = -beta * beta * m * (1 - q) * (kernel.value(1) - (1 - q) * kernel.derivative(q))
                    / (1 - beta * (n - 1) * Math.pow(m, n - 2) * (1 - q));
        }
        double slope = slopeAtZeroLoad(parallel, m);
        assertEquals(expected, slope, 1e-4 * Math.abs(expected));
        double equilibriumSlope = slopeAtZeroLoad(equilibrium, m);
        assertTrue(Math.abs(equilibriumSlope - expected) > 2e-3 * Math.abs(expected),
                "the equilibrium closure differs at first order: " + equilibriumSlope + " against " + expected);
    }

    /** dm / dalpha at alpha = 0 from two small loads (Richardson: the alpha^2 term cancels). */
    private static double slopeAtZeroLoad(RetrievalBranch branch, double top) {
        double alpha = 1e-6;
        double d1 = (branch.atLoad(alpha).m() - top) / alpha;
        double d2 = (branch.atLoad(2 * alpha).m() - top) / (2 * alpha);
        return 2 * d1 - d2;
    }

    /**
     * T_c(alpha) is where the critical line alpha_c(temperature) reaches alpha: the state returned is the fold there,
     * a slightly warmer network has no retrieval state at alpha and a slightly colder one has.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,2,0.05", "DENSE,3,0.03", "PBODY,3,0.05", "PBODY,3,0.13", "DENSE,4,0.005"})
    void criticalTemperatureIsWhereTheCriticalLineReachesTheLoad(MemoryModel model, int n, double alpha) {
        StationaryState c = StationaryState.criticalTemperature(model, n, alpha).orElseThrow();
        assertEquals(alpha, c.alpha(), 1e-8 * alpha);
        assertTrue(c.temperature() > 0 && c.temperature() < StationaryState.retrievalTemperature(n), c.toString());
        assertTrue(StationaryState.solve(model, n, alpha, c.temperature() + 1e-4).isEmpty());
        assertTrue(StationaryState.solve(model, n, alpha, c.temperature() - 1e-3).isPresent());
    }

    /**
     * As alpha -&gt; 0 the critical temperature tends to the alpha -&gt; 0 end (0.5826 at n = 3, 1 at n = 2); above the
     * largest alpha_c(temperature) no temperature retrieves. The p-body line rises from alpha_c(0) = 0.1261 to about
     * 0.144 at temperature 0.2, so alpha = 0.13 has a critical temperature and 0.15 none.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,3,1e-7,0.5826,0.0005", "PBODY,3,1e-7,0.5826,0.0005", "DENSE,2,1e-7,1,0.003"})
    void criticalTemperatureTendsToTheSmallLoadEnd(MemoryModel model, int n, double alpha, double expected,
                                                   double tolerance) {
        assertEquals(expected, StationaryState.criticalTemperature(model, n, alpha).orElseThrow().temperature(),
                tolerance);
    }

    @ParameterizedTest
    @CsvSource({"PBODY,3,0.15", "DENSE,3,0.09", "DENSE,2,0.139"})
    void noCriticalTemperatureAboveTheLargestCapacity(MemoryModel model, int n, double alpha) {
        assertTrue(StationaryState.criticalTemperature(model, n, alpha).isEmpty());
    }

    /** Gamma, the half-width of the band of fields with two self-consistent signs: alpha P'(1) chi, or alpha chi / (1 - chi) at n = 2. */
    @ParameterizedTest
    @CsvSource({"DENSE,2,0.1", "DENSE,3,0.06", "PBODY,3,0.06", "DENSE,4,0.01"})
    void reinforcementIsTheRetardedTermOfAFrozenPath(MemoryModel model, int n, double alpha) {
        StationaryState s = StationaryState.solve(model, n, alpha, 0).orElseThrow();
        double expected = n == 2 ? alpha * s.chi() / (1 - s.chi()) : alpha * NoiseKernel.of(model, n).derivative(1) * s.chi();
        assertEquals(expected, s.reinforcement(), 1e-15);
        assertTrue(s.reinforcement() > 0);
    }

    @ParameterizedTest
    @CsvSource({"n,1,0.1,0", "alpha,3,0,0", "alpha,3,-0.1,0", "alpha,3,NaN,0", "alpha,3,Infinity,0",
            "temperature,3,0.1,-0.1", "temperature,3,0.1,NaN", "temperature,3,0.1,Infinity"})
    void rejectsInvalidInputNamingTheField(String field, int n, double alpha, double temperature) {
        assertRejected(field, () -> StationaryState.solve(MemoryModel.DENSE, n, alpha, temperature));
        if (!field.equals("alpha")) {
            assertRejected(field, () -> StationaryState.criticalLoad(MemoryModel.DENSE, n, temperature));
        }
        assertRejected("model", () -> StationaryState.solve(null, 3, 0.1, 0));
    }

    private static void assertRejected(String field, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
