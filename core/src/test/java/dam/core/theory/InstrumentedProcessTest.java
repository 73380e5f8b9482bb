package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The instrumented solve is the solve, and what it shows about the long-time state
 * (docs/notes/stationary.md): the static field has the statistics the stationary equations give it, the dynamics from
 * m0 = 1 keeps more +1 spins than the sign of the static field, and it retrieves beyond the stationary capacity.
 */
class InstrumentedProcessTest {

    @ParameterizedTest
    @CsvSource({"DENSE,2,0.12,1.0", "DENSE,3,0.08,1.0", "DENSE,3,0.1,0.7", "DENSE,4,0.012,0.9", "PBODY,3,0.12,1.0"})
    void recordingChangesNothingAndThePartsAddUpToTheField(MemoryModel model, int n, double alpha, double m0) {
        int paths = 2500;
        int steps = 40;
        TheoryResult solver = new EffectiveProcessSolver(model, n, alpha, 0, paths, 1).solve(m0, steps, 9);
        InstrumentedProcess.Recorded copy = new InstrumentedProcess(model, n, alpha, paths, 2)
                .solve(m0, steps, 9, steps - 3);
        assertSameSolution(solver, copy.result(), steps);
        assertEquals(3, copy.snapshots().size());
        // the recorded parts add up to the field that set sigma(T): sgn(u + retarded) = sigma(T) wherever it is not a tie
        InstrumentedProcess.Snapshot last = copy.snapshots().get(2);
        for (int p = 0; p < paths; p++) {
            double h = last.u()[p] + last.retarded()[p];
            if (Math.abs(h) > 1e-5) {
                assertEquals(h > 0 ? 1 : -1, last.next()[p], "path " + p);
            }
        }
    }

    /** The solver's observer sees every path of every step once, and a solve it watches is the same bits. */
    @ParameterizedTest
    @CsvSource({"DENSE,3,0.05,0.3,0.8", "PBODY,3,0.05,0.5,0.9", "DENSE,2,0.01,0.8,1.0", "DENSE,3,0.1,0,0.7"})
    void observedSolveIsTheSolve(MemoryModel model, int n, double alpha, double temperature, double m0) {
        int paths = 2500;
        int steps = 30;
        TheoryResult plain = new EffectiveProcessSolver(model, n, alpha, temperature, paths, 1).solve(m0, steps, 4);
        AtomicLongArray seen = new AtomicLongArray(steps);
        AtomicInteger stepCalls = new AtomicInteger();
        TheoryResult observed = new EffectiveProcessSolver(model, n, alpha, temperature, paths, 2)
                .solve(m0, steps, 4, new EffectiveProcessSolver.Observer() {
                    @Override
                    public void step(int t, double[] memory) {
                        assertEquals(t, memory.length);
                        stepCalls.incrementAndGet();
                    }

                    @Override
                    public void tile(int t, long first, int size, float[] field, double b, float[] eps, long spins,
                                     float[][] sigma, float[] memory) {
                        seen.addAndGet(t, size);
                    }
                });
        assertSameSolution(plain, observed, steps);
        assertEquals(steps, stepCalls.get());
        for (int t = 0; t < steps; t++) {
            assertEquals(paths, seen.get(t), "paths seen at step " + t);
        }
    }

    private static void assertSameSolution(TheoryResult expected, TheoryResult actual, int steps) {
        assertArrayEquals(expected.overlap(), actual.overlap());
        for (int t = 0; t <= steps; t++) {
            assertArrayEquals(expected.correlation()[t], actual.correlation()[t], "C row " + t);
            assertArrayEquals(expected.response()[t], actual.response()[t], "G row " + t);
        }
    }

    /**
     * n = 3 at alpha = 0.08, below the stationary capacity 0.0841: the late static field is Gaussian with mean m^2 and
     * variance alpha P(1) less its period-2 part, whose variance is alpha (P(1) - P(C(T, T-1))) / 2; a fraction of the
     * paths sits in 2-cycles; and the dynamics holds more spins at +1 than sgn u would (the band selection), but fewer
     * than sgn(u + Gamma) would. Numbers measured at M = 2e4, 5e4 and 2e5 (docs/notes/stationary.md).
     */
    @Test
    void lateStaticFieldHasTheStationaryStatisticsAndTheBandLeansToPlusOne() {
        int steps = 150;
        LateTimeStatistics late = LateTimeStatistics.of(
                new InstrumentedProcess(3, 0.08, 20_000, 2).solve(1.0, steps, 2, steps - 3));
        assertEquals(late.m() * late.m(), late.meanU(), 0.01);
        double periodTwo = 0.08 * (3 - (1 + 2 * late.oddLag() * late.oddLag())) / 2;
        assertEquals(0.08 * 3 - periodTwo, late.varianceU(), 0.03 * 0.24);
        assertEquals(periodTwo, late.varianceV(), 0.1 * periodTwo);
        assertTrue(late.cycles() > 0.005 && late.cycles() < 0.03, "2-cycles: " + late.cycles());
        assertEquals(1 - 2 * late.cycles(), late.oddLag(), 0.002, "C(T, T-1) counts the 2-cycles");
        assertTrue(late.m() > late.signU() + 0.002, late.m() + " against mean sgn u " + late.signU());
        assertTrue(late.m() < late.signUGamma() - 0.01, late.m() + " against mean sgn(u + Gamma) " + late.signUGamma());
        double[] band = late.bin(-0.25, 0);
        assertTrue(band[1] > 0.2 && band[1] < 0.9, "u just below 0: fraction +1 among frozen = " + band[1]);
        assertTrue(band[2] > 0.2, "u just below 0: fraction in 2-cycles = " + band[2]);
    }

    /** At alpha = 0.09 the stationary state has no retrieval solution, and the process from m0 = 1 still retrieves. */
    @Test
    void dynamicsFromFullOverlapRetrievesBeyondTheStationaryCapacity() {
        assertTrue(StationaryState.solve(MemoryModel.DENSE, 3, 0.09, 0).isEmpty());
        int steps = 150;
        LateTimeStatistics late = LateTimeStatistics.of(
                new InstrumentedProcess(3, 0.09, 20_000, 2).solve(1.0, steps, 3, steps - 3));
        assertTrue(late.m() > 0.85, "m(150) = " + late.m());
        assertTrue(late.frozenMinus() + late.frozenPlus() + late.cycles() > 0.99, "frozen or cycling");
    }
}
