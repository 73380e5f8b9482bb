package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class IsotonicRegressionTest {

    @Test
    void poolsAdjacentViolatorsIntoTheirWeightedMean() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4},
                IsotonicRegression.fit(new double[] {1, 3, 2, 4}, new double[] {1, 1, 1, 1}), 1e-12);
        // (3 * 1 + 2 * 3) / 4 = 2.25, and pooling cascades back over the first value once it exceeds it.
        assertArrayEquals(new double[] {2.25, 2.25, 5},
                IsotonicRegression.fit(new double[] {3, 2, 5}, new double[] {1, 3, 1}), 1e-12);
        assertArrayEquals(new double[] {0, 0.2, 0.2, 0.2},
                IsotonicRegression.fit(new double[] {0, 0.5, 0.1, 0}, new double[] {1, 1, 1, 1}), 1e-12);
    }
}
