package dam.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The intra-set correlation on known data, and a tiny run of the S benchmark. */
class StatesPerSetBenchmarkTest {

    @Test
    void intraSetCorrelationIsOneForAllOrNothingSetsAndAboutZeroForEvenOnes() {
        // 0/1 outcomes: sums of squares equal sums. Every set all or nothing: rho = 1.
        double[] allOrNothing = {5, 0, 5, 0, 0, 5};
        int[] five = {5, 5, 5, 5, 5, 5};
        assertEquals(1, StatesPerSetBenchmark.rho(allOrNothing, allOrNothing, five), 1e-12);
        // Identical set means: no between-set variance beyond none at all, rho = -1/(m-1) (the ANOVA lower end).
        double[] even = {2, 2, 2, 2, 2, 2};
        assertEquals(-0.25, StatesPerSetBenchmark.rho(even, even, five), 1e-12);
        assertTrue(Double.isNaN(StatesPerSetBenchmark.rho(new double[] {1, 0}, new double[] {1, 0}, new int[] {1, 1})),
                "one state per set: no intra-set correlation");
    }

    @Test
    void tinyRunMeasuresCpuTimeAndDesignEffectsPerS() {
        StatesPerSetBenchmark.Cell one = StatesPerSetBenchmark.measure(3, 48, 0.1, 0.6, 1, 60, 10, 2);
        StatesPerSetBenchmark.Cell ten = StatesPerSetBenchmark.measure(3, 48, 0.1, 0.6, 10, 60, 10, 2);
        assertEquals(60, one.sets());
        assertEquals(6, ten.sets());
        assertTrue(one.cpuSeconds() > 0 && ten.cpuSeconds() > 0);
        assertEquals(1, one.deffSuccess(), 0, "one trial per set");
        assertTrue(ten.deffSuccess() >= 1 && ten.deffSuccess() <= 10, "deff in [1, S]: " + ten);
        // At m0 = 1 the states of a set coincide: one trajectory per set whatever S.
        assertEquals(6, StatesPerSetBenchmark.measure(3, 48, 0.1, 1.0, 10, 60, 10, 2).trials());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatesPerSetBenchmark.run(new String[] {"--neurons", "40", "--S", "1,4", "--m0", "0.6", "--trials", "24", "--steps", "6"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, table.lines().filter(l -> l.startsWith("| 0.60 |")).count(), table);
    }
}
