package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    /** Values from numpy.quantile (method "linear", type 7). */
    @Test
    void matchesNumpyLinearQuantiles() {
        assertEquals(1.75, Quantiles.of(new double[] {4, 1, 3, 2}, 0.25), 1e-12);
        assertEquals(3.25, Quantiles.of(new double[] {4, 1, 3, 2}, 0.75), 1e-12);
        assertEquals(9.1, Quantiles.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 1e-12);
        assertEquals(2.0, Quantiles.median(new double[] {3, 1, 2}), 0.0);
        assertEquals(2.5, Quantiles.median(new double[] {3, 1, 2, 4}), 0.0);
        assertEquals(7.0, Quantiles.of(new double[] {7}, 0.3), 0.0);
    }

    @Test
    void emptySampleGivesNaNAndInfiniteEndsAreKept() {
        assertTrue(Double.isNaN(Quantiles.median(new double[0])));
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(inf, Quantiles.of(new double[] {1, inf, inf}, 0.9));
        // An infinite neighbour with positive weight gives the limit of the interpolation, not NaN.
        assertEquals(-inf, Quantiles.of(new double[] {-inf, 0.5, 0.6, 0.7}, 0.025));
        assertEquals(inf, Quantiles.of(new double[] {0.5, 0.6, inf}, 0.9));
        assertEquals(0.6, Quantiles.of(new double[] {-inf, 0.6, inf}, 0.5));
    }
}
