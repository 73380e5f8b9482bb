package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Glauber update rule: its probability, its saturation at tiny temperatures, its draws and its bad input. */
class GlauberTest {

    @ParameterizedTest
    @CsvSource({"1.0,1000,0", "1.0,1000,1", "1.0,1000,-1", "0.5,1000,700", "0.5,1000,-700", "2.0,4000,-9000",
        "0.05,60000,60000", "0.05,60000,-3000", "3.0,1,17"})
    void probabilityIsOneHalfOfOnePlusTanh(double temperature, double unit, long h) {
        Glauber g = new Glauber(temperature, unit);
        double expected = (1 + Math.tanh(h / unit / temperature)) / 2;
        assertEquals(expected, g.probabilityUp(h), 4e-16);
        assertEquals(1.0, g.probabilityUp(h) + g.probabilityUp(-h), 4e-16, "P(h) + P(-h) = 1");
        if (h == 0) {
            assertEquals(0.5, g.probabilityUp(h)); // exactly
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-12, 1e-300, Double.MIN_NORMAL, Double.MIN_VALUE})
    void tinyTemperaturesSaturateWithoutOverflowOrNaN(double temperature) {
        Glauber g = Glauber.of(MemoryModel.DENSE, 3, 1000, temperature); // beta = Infinity at MIN_VALUE
        for (long h : new long[] {1, 12, Long.MAX_VALUE, -1, -12, Long.MIN_VALUE}) {
            double p = g.probabilityUp(h);
            assertEquals(h > 0 ? 1.0 : 0.0, p, "h=" + h);
            assertEquals(h > 0 ? 1 : -1, g.spin(h, h > 0 ? Math.nextDown(1.0) : 0.0), "h=" + h);
        }
        assertEquals(0.5, g.probabilityUp(0));
        assertEquals(1, g.spin(0, 0.4999));
        assertEquals(-1, g.spin(0, 0.5));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 300, -800, 2500})
    void drawsTakePlusOneWithTheProbability(long h) {
        Glauber g = new Glauber(0.8, 1000);
        double p = g.probabilityUp(h);
        SplittableRandom rng = new SplittableRandom(h);
        int draws = 200_000;
        int up = 0;
        for (int k = 0; k < draws; k++) {
            up += g.spin(h, rng.nextDouble()) > 0 ? 1 : 0;
        }
        double se = Math.sqrt(p * (1 - p) / draws);
        assertEquals(p, up / (double) draws, 5 * se + 1e-12, "h=" + h);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void nonPositiveOrInfiniteTemperaturesAreRefused(double temperature) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Glauber(temperature, 10));
        assertTrue(e.getMessage().startsWith("temperature: must be > 0 and finite"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"DENSE,2,100,400", "PBODY,2,100,100", "DENSE,3,50,15000", "PBODY,3,50,1250"})
    void theUnitIsTheModelsFieldUnit(MemoryModel model, int n, int N, double unit) {
        assertEquals(unit, Glauber.of(model, n, N, 0.5).unit(), 1e-9);
    }
}
