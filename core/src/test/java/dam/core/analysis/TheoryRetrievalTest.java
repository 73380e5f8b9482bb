package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.theory.TheoryResult;
import dam.core.model.MemoryModel;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("slow")
class TheoryRetrievalTest {

    /**
     * Storage capacity of the Hopfield model (n = 2) under parallel (synchronous, Little) dynamics at
     * zero temperature: alpha_c ~= 0.138, the same as for sequential dynamics (Amit, Gutfreund and
     * Sompolinsky 1985); about 0.139 from the generating functional of parallel dynamics (During, Coolen
     * and Sherrington, NIPS 11, 1998). For n = 2, p = alpha N^(n-1) = alpha N is the usual load.
     */
    static final double HOPFIELD_PARALLEL_ALPHA_C = 0.138;

    @Test
    void hopfieldCapacityApproachesTheLiteratureValueFromAboveAsTheStepLimitGrows() {
        // Judging retrieval by m(T) >= 1/2 after T steps can only overestimate alpha_c: just above
        // capacity m(t) decays from 1 slowly (the escape time diverges at alpha_c), so it is still
        // above 1/2 at a finite T. Measured (seed 1): alpha_c(T) = 0.273, 0.189, 0.158 for T = 10, 20, 40
        // (M = 2e4) and 0.157, 0.148, 0.146 for T = 40, 80, 160 (M = 1e5); the steps shrink about 3.5x per
        // doubling of T, which extrapolates to about 0.145 as T -> infinity: above the replica-symmetric
        // 0.138, as the exact value should be (one-step replica symmetry breaking gives 0.144, Crisanti,
        // Amit and Gutfreund, Europhys. Lett. 2, 337 (1986)). So at T = 40 the finite-T bias is about
        // +0.013 and the RS-versus-exact gap about +0.007; M = 2e4 paths move m(T) by ~1/sqrt(M) ~ 0.007
        // and alpha_c(40) by a few thousandths (0.158, 0.158, 0.152 for seeds 1, 2, 3).
        // Hence 0.138 < alpha_c(40) < 0.138 + 0.035.
        Capacity shortRun = new TheoryRetrieval(2, 20, 20_000, 1, 0.5).capacity(0.10, 0.30, 0.005);
        Capacity longRun = new TheoryRetrieval(2, 40, 20_000, 1, 0.5).capacity(0.10, 0.30, 0.005);
        assertTrue(longRun.upper() - longRun.lower() <= 0.005, longRun.toString());
        assertTrue(longRun.alphaC() > HOPFIELD_PARALLEL_ALPHA_C, "alpha_c(T = 40) = " + longRun.alphaC());
        assertEquals(HOPFIELD_PARALLEL_ALPHA_C, longRun.alphaC(), 0.035, "alpha_c(T = 40)");
        assertTrue(shortRun.alphaC() > longRun.alphaC() + 0.01,
                "alpha_c falls with T: " + shortRun.alphaC() + " at T = 20, " + longRun.alphaC() + " at T = 40");
    }

    @Test
    void retrievesFromThePatternBelowCapacityAndNotFromAnUnrelatedState() {
        TheoryRetrieval theory = new TheoryRetrieval(3, 10, 5_000, 1, 0.5);
        assertTrue(theory.retrievesFrom(0.05, 1.0));
        // m0 = 0 carries no information about the pattern: m stays at 0.
        assertFalse(theory.retrievesFrom(0.05, 0.0));
    }

    @Test
    void basinBoundaryLiesInsideTheUnitIntervalBelowCapacity() {
        TheoryRetrieval theory = new TheoryRetrieval(3, 10, 5_000, 1, 0.5);
        BasinBoundary b = theory.basinBoundary(0.1, 0.01);
        assertEquals(BasinBoundary.BISECTION, b.method());
        assertTrue(b.m0c() > 0 && b.m0c() < 1, b.toString());
        assertTrue(theory.retrievesFrom(0.1, b.upper()) && !theory.retrievesFrom(0.1, b.lower()), b.toString());
    }

    @Test
    void aSolveToTheLargestHorizonAnswersEverySmallerHorizonExactly() {
        // The ladder rests on this prefix property: noise is drawn step by step, so m(0..T) of a solve to T
        // equals the first T + 1 values of a solve to T_max with the same seed, bit for bit.
        for (int n : new int[] {2, 3}) {
            double alpha = n == 2 ? 0.14 : 0.1;
            double[] longRun = new TheoryRetrieval(n, 60, 3_000, 7, 0.5).solve(alpha, 1.0).overlap();
            double[] shortRun = new TheoryRetrieval(n, 25, 3_000, 7, 0.5).solve(alpha, 1.0).overlap();
            assertArrayEquals(shortRun, java.util.Arrays.copyOf(longRun, 26), 0, "n = " + n);
        }
        TheoryRetrieval ladder = new TheoryRetrieval(2, new int[] {5, 20, 40}, 3_000, 7, 0.5);
        boolean[] verdicts = ladder.retrievesAt(0.16, 1.0);
        for (int k = 0; k < 3; k++) {
            assertEquals(new TheoryRetrieval(2, ladder.horizons()[k], 3_000, 7, 0.5).retrievesFrom(0.16, 1.0), verdicts[k],
                    "T = " + ladder.horizons()[k]);
        }
    }

    @Test
    void ladderCapacitiesFallWithTheHorizonAndAgreeWithSingleHorizonBisections() {
        TheoryRetrieval ladder = new TheoryRetrieval(2, new int[] {10, 20}, 4_000, 3, 0.5);
        List<LadderBisection.Bracket> brackets = ladder.searchCapacities(0.1, 0.02);
        for (LadderBisection.Bracket b : brackets) {
            assertEquals(0, b.violations(), b.toString());
            // the single-horizon bisection's bracket must overlap: both contain the same threshold
            Capacity single = new TheoryRetrieval(2, b.steps(), 4_000, 3, 0.5).capacity(0.1, 0.4, 0.02 * 0.1);
            assertTrue(single.lower() < b.upper() && b.lower() < single.upper(), b + " vs " + single);
        }
        assertTrue(brackets.get(0).estimate() > brackets.get(1).estimate(), brackets.toString());
    }

    /**
     * alpha -&gt; 0 (alpha = 1e-6), n &gt;= 3: from m0 = 1 the overlap follows m(t+1) = tanh(beta m(t)^(n-1)), whose
     * retrieval fixed point is born in a saddle-node (m = tanh(beta m^l) and 1 = beta l m^(l-1) (1 - m^2)) at
     * temperature 0.5826 with m = 0.796 (n = 3) and 0.4958 with m = 0.889 (n = 4); above it m falls to 0, so T_c does
     * not depend on mSuccess = 0.5. Near the saddle-node the passage is slow, so T_c(T) falls towards the limit from
     * above (measured at M = 2000: n = 3, 0.5857 at T = 50, 0.5828 at T = 200 and 400).
     */
    @ParameterizedTest(name = "{0}, n = {1}: T_c = {2}, m = {3}")
    @CsvSource({"DENSE, 3, 0.5826, 0.796", "PBODY, 3, 0.5826, 0.796", "DENSE, 4, 0.4958, 0.889"})
    void criticalTemperatureAtVanishingLoadIsTheSaddleNodeOfTheCurieWeissMap(MemoryModel model, int n, double tc, double m) {
        TheoryRetrieval theory = new TheoryRetrieval(model, n, 0, new int[] {50, 200}, 2_000, 1, 0.5);
        List<LadderBisection.Bracket> brackets = theory.criticalTemperatures(1e-6, 1, 0.001);
        LadderBisection.Bracket longest = brackets.get(1);
        assertEquals(0, longest.violations(), longest.toString());
        assertEquals(tc, longest.estimate(), 0.0015, longest.toString());
        assertTrue(brackets.get(0).estimate() >= longest.estimate(), brackets.toString());
        // just below T_c the overlap sits at the upper fixed point, at or above its value at the saddle-node
        double below = theory.solve(1e-6, 1.0, longest.lower()).finalOverlap();
        assertTrue(below >= m && below < m + 0.04, "m(200) at " + longest.lower() + ": " + below);
    }

    /**
     * n = 2 at alpha -&gt; 0: the retrieval fixed point of m = tanh(beta m) falls continuously to 0 at temperature 1, so
     * the retrieval predicate m(T) &gt;= mSuccess changes where m = mSuccess, at temperature mSuccess / atanh(mSuccess):
     * 0.9102 for 0.5 and 0.9442 for 0.4, tending to the critical temperature 1 as mSuccess -&gt; 0. (Nearer the
     * transition the integrated response diverges and the n = 2 closure needs more paths: for 0.3 (0.9692) at T = 100,
     * M = 1e4 gave 0.958, M = 4e4 0.9697; docs/physics.md section 5b.)
     */
    @Test
    void hopfieldCriticalTemperatureTendsToOneAsTheRetrievalThresholdFalls() {
        double previous = 0;
        for (double mSuccess : new double[] {0.5, 0.4}) {
            TheoryRetrieval theory = new TheoryRetrieval(MemoryModel.DENSE, 2, 0, new int[] {60}, 10_000, 1, mSuccess);
            LadderBisection.Bracket b = theory.criticalTemperatures(1e-6, 1, 0.002).get(0);
            double expected = mSuccess / (0.5 * Math.log((1 + mSuccess) / (1 - mSuccess)));
            assertEquals(expected, b.estimate(), 0.003, "mSuccess = " + mSuccess + ": " + b);
            assertTrue(b.estimate() > previous && b.estimate() < 1, b.toString());
            previous = b.estimate();
        }
    }

    @Test
    void criticalTemperatureFallsWithTheLoadAndVanishesAboveTheCapacity() {
        TheoryRetrieval theory = new TheoryRetrieval(MemoryModel.DENSE, 3, 0, new int[] {30}, 5_000, 1, 0.5);
        double low = theory.criticalTemperatures(0.01, 1, 0.005).get(0).estimate();
        double high = theory.criticalTemperatures(0.05, 1, 0.005).get(0).estimate();
        assertTrue(high < low && low < 0.5826 + 0.005, "T_c(0.01) = " + low + ", T_c(0.05) = " + high);
        // above the capacity at T = 30 (about 0.2) no temperature retrieves, not even 0
        LadderBisection.Bracket none = theory.criticalTemperatures(0.4, 1, 0.005).get(0);
        assertTrue(Double.isNaN(none.lower()) && none.upper() == 0, none.toString());
    }

    @Test
    void thePredicateCarriesItsModelAndTemperature() {
        TheoryRetrieval old = new TheoryRetrieval(3, 10, 1_000, 1, 0.5);
        assertEquals(MemoryModel.DENSE, old.model());
        assertEquals(0.0, old.temperature());
        assertEquals(new TheoryRetrieval(MemoryModel.DENSE, 3, 0, 10, 1_000, 1, 0.5), old);
        TheoryRetrieval warm = new TheoryRetrieval(MemoryModel.PBODY, 3, 0.2, 10, 1_000, 1, 0.5);
        assertFalse(warm.equals(new TheoryRetrieval(MemoryModel.PBODY, 3, 0.3, 10, 1_000, 1, 0.5)));
        assertFalse(warm.equals(new TheoryRetrieval(MemoryModel.DENSE, 3, 0.2, 10, 1_000, 1, 0.5)));
        TheoryResult r = warm.solve(0.05, 1.0);
        assertEquals(MemoryModel.PBODY, r.model());
        assertEquals(0.2, r.temperature());
        assertEquals(0.3, warm.solve(0.05, 1.0, 0.3).temperature());
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> new TheoryRetrieval(MemoryModel.DENSE, 3, -0.1, 10, 100, 1, 0.5));
        assertTrue(t.getMessage().startsWith("temperature:"), t.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TheoryRetrieval(1, 10, 100, 1, 0.5));
        assertTrue(e.getMessage().startsWith("n:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TheoryRetrieval(2, 10, 100, 1, 1.5));
        assertTrue(e.getMessage().startsWith("mSuccess:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TheoryRetrieval(2, new int[] {40, 20}, 100, 1, 0.5));
        assertTrue(e.getMessage().startsWith("horizons:"), e.getMessage());
    }
}
