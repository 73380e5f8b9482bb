package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OverlapPeakTest {

    static Stream<Arguments> trajectories() {
        return Stream.of(
                Arguments.of("retrieved: the peak at the end", new double[] {0.5, 0.8, 0.95, 1.0}, 1.0, 3),
                Arguments.of("transient: rises, then leaves", new double[] {0.6, 0.9, 0.93, 0.7, 0.1}, 0.93, 2),
                Arguments.of("falls from the start: m0 is the peak", new double[] {0.4, 0.2, 0.0}, 0.4, 0),
                Arguments.of("a repeated maximum: its first time", new double[] {0.3, 0.9, 0.5, 0.9}, 0.9, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void thePeakIsTheLargestOverlapAtItsFirstTime(String name, double[] m, double value, int time) {
        assertEquals(new OverlapPeak(value, time), OverlapPeak.of(m));
    }

    @org.junit.jupiter.api.Test
    void anEmptyTrajectoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OverlapPeak.of(new double[0]));
    }
}
