package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConvergenceTimeTest {

    private static double[] settling(int steps, int from, double start, double end) {
        double[] m = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            m[t] = t >= from ? end : start + (end - start) * t / from;
        }
        return m;
    }

    static Stream<Arguments> overlaps() {
        double[] thermal = new double[41];
        for (int t = 0; t <= 40; t++) {
            // falls to 0.8 by t = 6, then fluctuates by +-0.03 about it (thermal noise at finite N); m(5) = 0.833
            thermal[t] = t < 6 ? 1 - 0.2 * t / 6.0 : 0.8 + 0.03 * ((t % 3) - 1);
        }
        double[] drifting = new double[41];
        for (int t = 0; t <= 40; t++) {
            drifting[t] = 1 - 0.02 * t; // still moving inside the window (3T/4, T] = (30, 40]
        }
        double[] lateJump = settling(40, 10, 1, 0.9);
        lateJump[33] = 0.5; // leaves the tolerance inside the window: the settling time lies in it
        return Stream.of(
                Arguments.of("constant", new double[] {0.9, 0.9, 0.9, 0.9, 0.9}, 0.05, 0),
                Arguments.of("linear decay to 0.9 at t = 10, T = 40", settling(40, 10, 1, 0.9), 0.045, 6),
                Arguments.of("the same within tol = 1e-12", settling(40, 10, 1, 0.9), 1e-12, 10),
                Arguments.of("thermal fluctuations within tol", thermal, 0.05, 5),
                Arguments.of("thermal fluctuations beyond tol", thermal, 0.02, -1),
                Arguments.of("drifting through the window", drifting, 0.05, -1),
                Arguments.of("a jump inside the window", lateJump, 0.05, -1),
                Arguments.of("T = 1: the window is the last step alone, settled at t = 0", new double[] {0.9, 0.92}, 0.05, 0),
                Arguments.of("T = 1, not settled before the window", new double[] {0.5, 0.92}, 0.05, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlaps")
    void settlingTimeIsTheFirstStepAfterWhichTheOverlapStaysNearItsLateMean(String name, double[] m, double tol, int expected) {
        assertEquals(expected, ConvergenceTime.ofOverlap(m, tol), name + ": " + Arrays.toString(m));
        int tau = ConvergenceTime.ofOverlap(m, tol);
        if (tau >= 0) {
            double late = ConvergenceTime.lateOverlap(m);
            for (int u = tau; u < m.length; u++) {
                assertTrue(Math.abs(m[u] - late) <= tol, "u = " + u);
            }
            assertTrue(tau == 0 || Math.abs(m[tau - 1] - late) > tol, "tau is the first such step");
        }
    }

    @Test
    void lateOverlapIsTheMeanOverTheLastQuarter() {
        // T = 8: the window (6, 8] holds u = 7, 8
        assertEquals(0.5, ConvergenceTime.lateOverlap(new double[] {1, 1, 1, 1, 1, 1, 1, 0.4, 0.6}), 1e-15);
        // T = 4: (3, 4] holds u = 4 alone
        assertEquals(0.2, ConvergenceTime.lateOverlap(new double[] {1, 1, 1, 1, 0.2}), 0);
        assertEquals(7, ConvergenceTime.lateWindowStart(8));
        assertEquals(1, ConvergenceTime.lateWindowStart(1));
        assertEquals(751, ConvergenceTime.lateWindowStart(1000));
    }

    @Test
    void badInputIsRejectedNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvergenceTime.ofOverlap(new double[] {1}, 0.05));
        assertTrue(e.getMessage().startsWith("m:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvergenceTime.ofOverlap(new double[] {1, 1}, -0.1));
        assertTrue(e.getMessage().startsWith("tol:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvergenceTime.ofOverlap(new double[] {1, 1}, Double.NaN));
        assertTrue(e.getMessage().startsWith("tol:"), e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {0, 0.2})
    void theTemperatureChoosesTheDefinition(double temperature) {
        double[] m = settling(40, 10, 1, 0.9);
        double[] flips = new double[40];
        java.util.Arrays.fill(flips, 0, 20, 0.1); // flips stop at t = 20, the overlap settles at t = 10 (m(9) = 0.91 lies 0.01 off, beyond tol 0.005)
        int expected = temperature > 0 ? ConvergenceTime.ofOverlap(m, 0.005) : ConvergenceTime.of(flips, 0.001);
        assertEquals(temperature > 0 ? 10 : 20, expected);
        assertEquals(expected, ConvergenceTime.at(temperature, m, flips, 0.001, 0.005));
    }
}
