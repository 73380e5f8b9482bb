package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One small grid point's trajectories (n = 3, N = 64, alpha = 0.1, so p = 410; Bernoulli m0 = 0.25, T = 6, two
 * states per pattern set, base seed 1) pinned to the m(t) and f(t) the code of December 2026 computed. At N = 64
 * every value is a multiple of 1/64, so the literals are exact. Trials 0 and 1 share a pattern set; trial 2 has
 * the next one. A change to the seeds, the generator, the initial-state draw, the sweep order or the kernels fails
 * here even where two runs of the new code agree with each other.
 */
class TrialTrajectoryPinnedValuesTest {

    private static List<TrialResult> run(UpdateOrder update) {
        SimulationSettings settings = new SimulationSettings(0.25, 6, Initialisation.BERNOULLI, 2);
        return new TrialRunner(3, 64, 0.1, update, settings, 1L).run(0, 3);
    }

    private static void assertTrial(TrialResult actual, int trial, double[] m, double[] f, int fixed, int cycle) {
        assertEquals(trial, actual.trial());
        assertArrayEquals(m, actual.overlap(), "m(t) of trial " + trial);
        assertArrayEquals(f, actual.flips(), "f(t) of trial " + trial);
        assertEquals(fixed, actual.fixedPointTime(), "fixed-point time of trial " + trial);
        assertEquals(cycle, actual.cycleTime(), "2-cycle time of trial " + trial);
    }

    @Test
    void parallelTrajectoriesEqualTheirPinnedValues() {
        List<TrialResult> r = run(UpdateOrder.PARALLEL);
        assertEquals(3, r.size());
        assertTrial(r.get(0), 0,
                new double[] {0.40625, 0.09375, -0.15625, 0.21875, 0.1875, 0.0, 0.03125},
                new double[] {0.53125, 0.40625, 0.4375, 0.328125, 0.3125, 0.234375}, -1, -1);
        assertTrial(r.get(1), 1,
                new double[] {0.125, 0.25, 0.0625, 0.0625, 0.21875, 0.15625, 0.15625},
                new double[] {0.625, 0.4375, 0.4375, 0.453125, 0.375, 0.34375}, -1, -1);
        assertTrial(r.get(2), 2,
                new double[] {0.3125, 0.25, 0.28125, 0.375, 0.375, 0.3125, 0.34375},
                new double[] {0.40625, 0.359375, 0.265625, 0.1875, 0.125, 0.140625}, -1, -1);
    }

    @Test
    void sequentialTrajectoriesEqualTheirPinnedValues() {
        List<TrialResult> r = run(UpdateOrder.SEQUENTIAL);
        assertEquals(3, r.size());
        assertTrial(r.get(0), 0,
                new double[] {0.40625, 0.03125, 0.125, 0.09375, 0.03125, -0.03125, -0.03125},
                new double[] {0.375, 0.171875, 0.078125, 0.03125, 0.03125, 0.0}, 5, -1);
        assertTrial(r.get(1), 1,
                new double[] {0.125, 0.15625, 0.1875, 0.15625, 0.125, 0.15625, 0.09375},
                new double[] {0.359375, 0.109375, 0.078125, 0.046875, 0.015625, 0.03125}, -1, -1);
        assertTrial(r.get(2), 2,
                new double[] {0.3125, 0.15625, 0.125, 0.125, 0.125, 0.125, 0.125},
                new double[] {0.328125, 0.046875, 0.03125, 0.0, 0.0, 0.0}, 3, -1);
    }
}
