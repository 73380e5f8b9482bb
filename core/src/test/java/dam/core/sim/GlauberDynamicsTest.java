package dam.core.sim;

import static dam.core.sim.TrialRunnerTest.assertSameTrial;
import static dam.core.sim.TrialRunnerTest.assertSameTrials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.UpdateOrder;
import dam.core.rng.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TrialRunner with a model and a temperature: Glauber trajectories equal a reference that draws in the documented
 * order, nothing is absorbing at temperature &gt; 0, temperature 0 is the old code path bit for bit, and the p-body
 * model at n = 2 is the dense model bit for bit.
 */
@Tag("slow")
class GlauberDynamicsTest {

    private static final long SEED = 20261207L;

    static Stream<Arguments> modelsOrdersInits() {
        List<Arguments> out = new ArrayList<>();
        for (MemoryModel model : MemoryModel.values()) {
            for (UpdateOrder update : UpdateOrder.values()) {
                for (Initialisation init : Initialisation.values()) {
                    out.add(Arguments.of(model, update, init));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("modelsOrdersInits")
    void trajectoriesEqualAReferenceThatDrawsInTheDocumentedOrder(MemoryModel model, UpdateOrder update,
                                                                   Initialisation init) {
        // (n, N, alpha, m0, temperature): ties (even N), a start on the pattern, a temperature low enough for steps
        // without a flip in the middle of a trajectory, and one high enough to lose the pattern.
        Object[][] cases = {
            {2, 24, 0.3, 0.6, 0.5}, {3, 20, 0.05, 0.8, 0.3}, {3, 17, 0.1, 1.0, 0.05}, {4, 12, 0.02, 0.7, 0.4},
            {5, 11, 0.002, 0.9, 1.5},
        };
        int quietSteps = 0;
        for (Object[] c : cases) {
            int n = (int) c[0], N = (int) c[1];
            double alpha = (double) c[2], m0 = (double) c[3], temperature = (double) c[4];
            SimulationSettings s = new SimulationSettings(m0, 7, init, 3, temperature);
            List<TrialResult> got = new TrialRunner(model, n, N, alpha, update, s, SEED).run(0, 7);
            assertEquals(7, got.size(), "every trial is simulated at temperature > 0");
            for (TrialResult r : got) {
                String where = model + " n=" + n + " N=" + N + " " + update + " " + init + " trial " + r.trial();
                assertSameTrial(ReferenceTrial.of(model, n, N, alpha, update, s, SEED, r.trial()), r, where);
                assertEquals(-1, r.fixedPointTime(), where);
                assertEquals(-1, r.cycleTime(), where);
                assertTrue(r.censored(), where);
                assertEquals(Seeds.thermal(SEED, n, N, alpha, m0, temperature, r.trial()), r.thermalSeed(), where);
                for (int t = 0; t + 1 < r.steps(); t++) {
                    quietSteps += r.flips()[t] == 0 ? 1 : 0;
                }
            }
        }
        assertTrue(quietSteps > 3, "steps without a flip before the horizon (no early stop): " + quietSteps);
    }

    @ParameterizedTest
    @EnumSource(Initialisation.class)
    void noStateIsAbsorbingAtPositiveTemperature(Initialisation init) {
        SimulationSettings cold = new SimulationSettings(1.0, 5, init, 10);
        SimulationSettings warm = new SimulationSettings(1.0, 5, init, 10, 0.2);
        assertTrue(TrialRunner.statesCoincide(64, UpdateOrder.PARALLEL, cold));
        assertFalse(TrialRunner.statesCoincide(64, UpdateOrder.PARALLEL, warm));
        assertEquals(25, TrialRunner.simulatedTrials(64, UpdateOrder.PARALLEL, warm, 25).length);
        // At m0 = 1 the trials of a set start from one state and part by their thermal draws alone.
        List<TrialResult> got = new TrialRunner(MemoryModel.PBODY, 3, 64, 0.1, UpdateOrder.PARALLEL, warm, SEED).run(0, 10);
        assertEquals(10, got.size());
        long distinct = got.stream().map(r -> Arrays.toString(r.overlap())).distinct().count();
        assertTrue(distinct >= 8, "trajectories of one set and one initial state: " + distinct + " distinct of 10");
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void resultsDoNotDependOnSlicingBatchingOrScans(MemoryModel model) {
        SimulationSettings s = new SimulationSettings(0.4, 9, Initialisation.EXACT, 10, 0.35);
        TrialRunner runner = new TrialRunner(model, 3, 60, 0.1, UpdateOrder.PARALLEL, s, SEED);
        List<TrialResult> whole = runner.run(0, 25);
        List<TrialResult> sliced = new ArrayList<>(runner.run(0, 7));
        sliced.addAll(runner.run(7, 11));
        sliced.addAll(runner.run(18, 7));
        assertSameTrials(whole, sliced);
        assertSameTrials(whole, new TrialRunner(model, 3, 60, 0.1, UpdateOrder.PARALLEL, s, SEED, 1).run(0, 25));
        assertSameTrials(whole.subList(5, 25), new TrialRunner(model, 3, 60, 0.1, UpdateOrder.PARALLEL, s, SEED, 3).run(5, 20));
        // an m0 scan gives each m0 its own run
        double[] m0s = {1.0, 0.4, -0.2};
        for (UpdateOrder update : UpdateOrder.values()) {
            List<TrialRunner> scan = new ArrayList<>();
            for (double m0 : m0s) {
                scan.add(new TrialRunner(model, 3, 60, 0.1, update, new SimulationSettings(m0, 9, Initialisation.EXACT, 10, 0.35), SEED));
            }
            List<List<TrialResult>> got = TrialRunner.runScan(scan, 3, 12);
            for (int i = 0; i < m0s.length; i++) {
                assertSameTrials(scan.get(i).run(3, 12), got.get(i));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UpdateOrder.class)
    void temperatureZeroRunsTheOldCodePathBitForBit(UpdateOrder update) {
        for (double m0 : new double[] {1.0, 0.45}) {
            SimulationSettings old = new SimulationSettings(m0, 12, Initialisation.BERNOULLI, 3);
            List<TrialResult> before = new TrialRunner(3, 64, 0.1, update, old, SEED).run(0, 9);
            for (double zero : new double[] {0.0, -0.0}) {
                SimulationSettings s = new SimulationSettings(m0, 12, Initialisation.BERNOULLI, 3, zero);
                assertEquals(0.0, Double.compare(s.temperature(), 0.0));
                List<TrialResult> now = new TrialRunner(MemoryModel.DENSE, 3, 64, 0.1, update, s, SEED).run(0, 9);
                assertSameTrials(before, now);
                for (TrialResult r : now) {
                    assertEquals(0L, r.thermalSeed());
                }
            }
        }
    }

    static Stream<Arguments> ordersAndTemperatures() {
        List<Arguments> out = new ArrayList<>();
        for (UpdateOrder update : UpdateOrder.values()) {
            for (double temperature : new double[] {0.0, 0.35, 2.0}) {
                out.add(Arguments.of(update, temperature));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("ordersAndTemperatures")
    void pBodyAtOrderTwoIsTheDenseModelBitForBit(UpdateOrder update, double temperature) {
        // e_1 = c: the p-body field is the dense one divided by 4 = 2n, and so is the unit: the same sign, the same
        // tanh argument to the last bit (both divisions by powers of two are exact)
        int cycles = 0;
        for (long seed : new long[] {1, 2, 3, 77, 1234567}) {
            for (double m0 : new double[] {1.0, 0.5, 0.1}) {
                SimulationSettings s = new SimulationSettings(m0, 15, Initialisation.EXACT, 3, temperature);
                List<TrialResult> dense = new TrialRunner(MemoryModel.DENSE, 2, 90, 0.14, update, s, seed).run(0, 9);
                List<TrialResult> pbody = new TrialRunner(MemoryModel.PBODY, 2, 90, 0.14, update, s, seed).run(0, 9);
                assertSameTrials(dense, pbody);
                for (TrialResult r : dense) {
                    cycles += r.cycle() ? 1 : 0;
                }
            }
        }
        if (temperature == 0 && update == UpdateOrder.PARALLEL) {
            assertTrue(cycles > 0, "the cases must include 2-cycles");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void badTemperaturesAreRefusedNamingTheField(double temperature) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationSettings(0.5, 3, Initialisation.EXACT, 1, temperature));
        assertEquals("temperature: must be >= 0 and finite, got " + temperature, e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(UpdateOrder.class)
    void anM0ScanRefusesRunnersOfAnotherModelOrTemperature(UpdateOrder update) {
        SimulationSettings s = new SimulationSettings(0.5, 6, Initialisation.EXACT, 1, 0.3);
        TrialRunner a = new TrialRunner(MemoryModel.DENSE, 3, 40, 0.1, update, s, SEED);
        for (TrialRunner b : List.of(new TrialRunner(MemoryModel.PBODY, 3, 40, 0.1, update, s, SEED),
                new TrialRunner(MemoryModel.DENSE, 3, 40, 0.1, update, new SimulationSettings(0.7, 6, Initialisation.EXACT, 1, 0.4), SEED),
                new TrialRunner(MemoryModel.DENSE, 3, 40, 0.1, update, new SimulationSettings(0.7, 6, Initialisation.EXACT, 1), SEED))) {
            String message = assertThrows(IllegalArgumentException.class, () -> TrialRunner.runScan(List.of(a, b), 0, 4)).getMessage();
            assertTrue(message.startsWith("runners:") && message.contains("temperature"), message);
        }
        assertArrayEquals(new int[] {0, 1, 2}, TrialRunner.simulatedTrials(40, update, s, 3));
    }
}
