package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.UpdateOrder;
import dam.core.theory.Gaussian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TrialRunner: seeds, slicing, batching, early stop and the observables, against an independent reference. */
@Tag("slow")
class TrialRunnerTest {

    private static final long SEED = 20240601L;

    /** Every step computed by ReferenceStep, no early stop: what TrialRunner must reproduce exactly. */
    private static TrialResult referenceTrial(int n, int N, double alpha, UpdateOrder update, SimulationSettings s,
                                              long base, int trial) {
        return ReferenceTrial.of(MemoryModel.DENSE, n, N, alpha, update, s, base, trial);
    }

    static void assertSameTrial(TrialResult expected, TrialResult actual, String where) {
        assertEquals(expected.trial(), actual.trial(), where);
        assertArrayEquals(expected.overlap(), actual.overlap(), "m(t) " + where);
        assertArrayEquals(expected.flips(), actual.flips(), "f(t) " + where);
        assertEquals(expected.fixedPointTime(), actual.fixedPointTime(), "fixed point " + where);
        assertEquals(expected.cycleTime(), actual.cycleTime(), "cycle " + where);
        assertEquals(expected.patternSetSeed(), actual.patternSetSeed(), "pattern-set seed " + where);
        assertEquals(expected.initialStateSeed(), actual.initialStateSeed(), "initial-state seed " + where);
        assertEquals(expected.thermalSeed(), actual.thermalSeed(), "thermal seed " + where);
    }

    static void assertSameTrials(List<TrialResult> expected, List<TrialResult> actual) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertSameTrial(expected.get(k), actual.get(k), "trial " + expected.get(k).trial());
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void trajectoriesEqualTheReferenceIncludingEarlyStops(MemoryModel model) {
        // n=2 at high load gives 2-cycles under parallel dynamics; n=3 and n=4 reach fixed points.
        Object[][] cases = {
            {2, 24, 0.5, 0.6}, {2, 33, 0.3, 0.2}, {3, 20, 0.05, 0.5}, {3, 17, 0.1, 1.0}, {4, 12, 0.02, 0.7},
        };
        int fixed = 0;
        int cycles = 0;
        int censored = 0;
        for (Object[] c : cases) {
            int n = (int) c[0], N = (int) c[1];
            double alpha = (double) c[2], m0 = (double) c[3];
            for (UpdateOrder update : UpdateOrder.values()) {
                for (Initialisation init : Initialisation.values()) {
                    SimulationSettings s = new SimulationSettings(m0, 8, init, 4);
                    List<TrialResult> got = new TrialRunner(model, n, N, alpha, update, s, SEED).run(0, 12);
                    for (TrialResult r : got) {
                        assertSameTrial(ReferenceTrial.of(model, n, N, alpha, update, s, SEED, r.trial()), r,
                                model + " n=" + n + " N=" + N + " " + update + " " + init + " trial " + r.trial());
                        fixed += r.fixedPointTime() >= 0 ? 1 : 0;
                        cycles += r.cycle() ? 1 : 0;
                        censored += r.censored() ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(fixed > 20 && cycles > 5, "fixed points " + fixed + ", cycles " + cycles + ", censored " + censored);
    }

    @Test
    void resultsDoNotDependOnSlicingOrBatching() {
        SimulationSettings s = new SimulationSettings(0.4, 12, Initialisation.EXACT, 10);
        TrialRunner runner = new TrialRunner(3, 60, 0.1, UpdateOrder.PARALLEL, s, SEED);
        List<TrialResult> whole = runner.run(0, 25);
        List<TrialResult> sliced = new ArrayList<>(runner.run(0, 7));
        sliced.addAll(runner.run(7, 11));
        sliced.addAll(runner.run(18, 7));
        assertSameTrials(whole, sliced);
        List<TrialResult> oneAtATime = new TrialRunner(3, 60, 0.1, UpdateOrder.PARALLEL, s, SEED, 1).run(0, 25);
        assertSameTrials(whole, oneAtATime);
        List<TrialResult> pairs = new TrialRunner(3, 60, 0.1, UpdateOrder.PARALLEL, s, SEED, 3).run(5, 20);
        assertSameTrials(whole.subList(5, 25), pairs);
        for (int k = 0; k < 25; k++) {
            assertEquals(k, whole.get(k).trial());
        }
    }

    @Test
    void anM0ScanGivesEachM0ExactlyItsOwnRun() {
        double[] m0s = {1.0, 0.1, 0.55, -0.3, 0.0};
        int cases = 0;
        for (UpdateOrder update : UpdateOrder.values()) {
            for (Initialisation init : Initialisation.values()) {
                for (int S : new int[] {1, 3}) {
                    List<TrialRunner> scan = new ArrayList<>();
                    for (double m0 : m0s) {
                        scan.add(new TrialRunner(3, 40, 0.1, update, new SimulationSettings(m0, 6, init, S), SEED));
                    }
                    // A slice that starts and ends inside pattern sets, whole-batch and one-state-per-call.
                    List<List<TrialResult>> got = TrialRunner.runScan(scan, 2, 9);
                    List<TrialRunner> oneAtATime = new ArrayList<>();
                    for (double m0 : m0s) {
                        oneAtATime.add(new TrialRunner(3, 40, 0.1, update, new SimulationSettings(m0, 6, init, S), SEED, 1));
                    }
                    assertEquals(m0s.length, got.size());
                    List<List<TrialResult>> small = TrialRunner.runScan(oneAtATime, 2, 9);
                    for (int i = 0; i < m0s.length; i++) {
                        SimulationSettings s = new SimulationSettings(m0s[i], 6, init, S);
                        List<TrialResult> alone = new TrialRunner(3, 40, 0.1, update, s, SEED, 1).run(2, 9);
                        assertSameTrials(alone, got.get(i));
                        assertSameTrials(alone, small.get(i));
                        for (TrialResult r : got.get(i)) {
                            assertSameTrial(referenceTrial(3, 40, 0.1, update, s, SEED, r.trial()), r,
                                    update + " " + init + " S=" + S + " m0=" + m0s[i] + " trial " + r.trial());
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 150, "trials compared: " + cases);
    }

    @Test
    void anM0ScanRefusesRunnersOfDifferentLoads() {
        SimulationSettings s = new SimulationSettings(0.5, 6, Initialisation.EXACT, 1);
        TrialRunner a = new TrialRunner(3, 40, 0.1, UpdateOrder.PARALLEL, s, SEED);
        for (TrialRunner b : List.of(new TrialRunner(3, 40, 0.2, UpdateOrder.PARALLEL, s, SEED),
                new TrialRunner(3, 40, 0.1, UpdateOrder.PARALLEL, new SimulationSettings(0.5, 7, Initialisation.EXACT, 1), SEED),
                new TrialRunner(3, 40, 0.1, UpdateOrder.PARALLEL, s, SEED + 1))) {
            String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TrialRunner.runScan(List.of(a, b), 0, 4)).getMessage();
            assertTrue(message.startsWith("runners:"), message);
        }
    }

    @Test
    void sameSeedSameResultsDifferentSeedDifferentResults() {
        SimulationSettings s = new SimulationSettings(0.3, 10, Initialisation.BERNOULLI, 5);
        for (UpdateOrder update : UpdateOrder.values()) {
            List<TrialResult> a = new TrialRunner(3, 50, 0.1, update, s, SEED).run(0, 10);
            List<TrialResult> b = new TrialRunner(3, 50, 0.1, update, s, SEED).run(0, 10);
            List<TrialResult> c = new TrialRunner(3, 50, 0.1, update, s, SEED + 1).run(0, 10);
            assertSameTrials(a, b);
            int differ = 0;
            for (int k = 0; k < 10; k++) {
                differ += Arrays.equals(a.get(k).overlap(), c.get(k).overlap()) ? 0 : 1;
            }
            assertTrue(differ >= 8, update + ": only " + differ + " of 10 trials differ under another seed");
        }
    }

    @Test
    void exactInitialisationHitsTheRoundedOverlap() {
        for (int N : new int[] {37, 64, 101}) {
            for (double m0 : new double[] {1.0, 0.7, 0.3, 0.0, -0.55}) {
                SimulationSettings s = new SimulationSettings(m0, 1, Initialisation.EXACT, 3);
                List<TrialResult> got = new TrialRunner(2, N, 0.1, UpdateOrder.PARALLEL, s, SEED).run(0, 6);
                long flips = Math.round(N * (1 - m0) / 2);
                for (TrialResult r : got) {
                    assertEquals(1 - 2.0 * flips / N, r.overlap()[0], 1e-15, "N=" + N + " m0=" + m0);
                }
            }
        }
    }

    @Test
    void bernoulliInitialisationHasMeanOverlapM0() {
        // m(0) per trial has variance (1 - m0^2)/N; 400 trials of N = 200 give a standard error of
        // sqrt(0.84 / 80000) = 0.0032 at m0 = 0.4, so 5 standard errors is 0.016.
        double m0 = 0.4;
        SimulationSettings s = new SimulationSettings(m0, 1, Initialisation.BERNOULLI, 10);
        List<TrialResult> got = new TrialRunner(2, 200, 0.05, UpdateOrder.PARALLEL, s, SEED).run(0, 400);
        double mean = got.stream().mapToDouble(r -> r.overlap()[0]).average().orElseThrow();
        assertEquals(m0, mean, 0.016);
        long distinct = got.stream().mapToDouble(r -> r.overlap()[0]).distinct().count();
        assertTrue(distinct > 10, "bernoulli overlaps must vary between trials, saw " + distinct + " values");
    }

    @Test
    void firstStepOverlapMatchesTheErfFormula() {
        // docs/physics.md section 2: m(1) = erf(m0^(n-1) / sqrt(2 alpha (2n-3)!!)). Each trial's m(1) averages N neuron signs,
        // variance about (1 - m1^2)/N (pairwise correlations are O(1/N)); 100 trials of N = 500 give standard
        // errors 0.0016 (m0 = 1) and 0.0035 (m0 = 0.7). The finite-N shift of the formula's argument is O(1/N),
        // below 0.001 here. Tolerance: 5 standard errors.
        int n = 3, N = 500, trials = 100;
        double alpha = 0.1;
        for (double m0 : new double[] {1.0, 0.7}) {
            SimulationSettings s = new SimulationSettings(m0, 1, Initialisation.EXACT, 10);
            List<TrialResult> got = new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL, s, SEED).run(0, trials);
            double m1 = got.stream().mapToDouble(r -> r.overlap()[1]).average().orElseThrow();
            double m0Exact = got.get(0).overlap()[0];
            double theory = Gaussian.erf(Math.pow(m0Exact, n - 1) / Math.sqrt(2 * alpha * 3));
            double se = Math.sqrt((1 - theory * theory) / (N * (double) trials));
            assertEquals(theory, m1, 5 * se, "m0=" + m0);
        }
    }

    @Test
    void statesCoincideExactlyWhereEveryInitialStateOfASetIsTheSame() {
        UpdateOrder par = UpdateOrder.PARALLEL;
        Initialisation exact = Initialisation.EXACT;
        Initialisation bern = Initialisation.BERNOULLI;
        assertTrue(TrialRunner.statesCoincide(64, par, new SimulationSettings(1.0, 5, exact, 10)));
        assertTrue(TrialRunner.statesCoincide(64, par, new SimulationSettings(-1.0, 5, exact, 10)));
        // round(64 * 0.005 / 2) = 0 flips: the state is the pattern itself although m0 < 1.
        assertTrue(TrialRunner.statesCoincide(64, par, new SimulationSettings(0.99, 5, exact, 10)));
        assertFalse(TrialRunner.statesCoincide(64, par, new SimulationSettings(0.95, 5, exact, 10)));
        assertTrue(TrialRunner.statesCoincide(64, par, new SimulationSettings(1.0, 5, bern, 10)));
        assertTrue(TrialRunner.statesCoincide(64, par, new SimulationSettings(-1.0, 5, bern, 10)));
        assertFalse(TrialRunner.statesCoincide(64, par, new SimulationSettings(0.99, 5, bern, 10)));
        // Sequential dynamics draws a sweep order per trial: one initial state, many trajectories.
        assertFalse(TrialRunner.statesCoincide(64, UpdateOrder.SEQUENTIAL, new SimulationSettings(1.0, 5, exact, 10)));
    }

    @Test
    void whereStatesCoincideEachPatternSetIsSimulatedOnceAsItsFirstTrial() {
        int n = 3, N = 40;
        double alpha = 0.2;
        for (double m0 : new double[] {1.0, -1.0}) {
            SimulationSettings s = new SimulationSettings(m0, 10, Initialisation.EXACT, 10);
            TrialRunner runner = new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL, s, SEED);
            List<TrialResult> got = runner.run(0, 25);
            assertEquals(List.of(0, 10, 20), got.stream().map(TrialResult::trial).toList());
            assertArrayEquals(new int[] {0, 10, 20}, TrialRunner.simulatedTrials(N, UpdateOrder.PARALLEL, s, 25));
            for (TrialResult r : got) {
                TrialResult expected = referenceTrial(n, N, alpha, UpdateOrder.PARALLEL, s, SEED, r.trial());
                assertSameTrial(expected, r, "m0=" + m0 + " trial " + r.trial());
                // The skipped trials of the set would have repeated this trajectory exactly.
                TrialResult sibling = referenceTrial(n, N, alpha, UpdateOrder.PARALLEL, s, SEED, r.trial() + 3);
                assertArrayEquals(expected.overlap(), sibling.overlap());
            }
            // A slice returns the sets whose first trial it holds, so slices on whole sets add up to the whole.
            assertEquals(List.of(10, 20), runner.run(10, 15).stream().map(TrialResult::trial).toList());
            assertEquals(List.of(10), runner.run(3, 10).stream().map(TrialResult::trial).toList());
            assertTrue(runner.run(1, 9).isEmpty());
        }
        // Where states differ, every trial runs.
        SimulationSettings differ = new SimulationSettings(0.9, 10, Initialisation.EXACT, 10);
        assertEquals(25, new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL, differ, SEED).run(0, 25).size());
        assertEquals(25, TrialRunner.simulatedTrials(N, UpdateOrder.PARALLEL, differ, 25).length);
    }

    @Test
    void badArgumentsAreRejectedWithTheFieldName() {
        SimulationSettings s = new SimulationSettings(0.5, 3, Initialisation.EXACT, 2);
        TrialRunner runner = new TrialRunner(3, 20, 0.1, UpdateOrder.PARALLEL, s, SEED);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> runner.run(-1, 3));
        assertTrue(e.getMessage().startsWith("first:"), e.getMessage());
        assertTrue(runner.run(4, 0).isEmpty());
        assertFalse(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TrialRunner(3, 20, 0.0, UpdateOrder.PARALLEL, s, SEED)).getMessage().isEmpty());
    }
}
