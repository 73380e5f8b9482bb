package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IncrementalCholeskyTest {

    @Test
    void rowsReproduceAPositiveDefiniteMatrix() {
        double[][] sigma = {{4, 2, -2}, {2, 5, 1}, {-2, 1, 6}};
        IncrementalCholesky l = new IncrementalCholesky(1e-12);
        for (int t = 0; t < 3; t++) {
            double[] row = new double[t + 1];
            System.arraycopy(sigma[t], 0, row, 0, t + 1);
            l.addRow(row);
        }
        assertArrayEquals(new double[] {2}, new double[] {l.get(0, 0)}, 0);
        assertEquals(1, l.get(1, 0), 1e-15);
        assertEquals(2, l.get(1, 1), 1e-15);
        for (int t = 0; t < 3; t++) {
            for (int s = 0; s <= t; s++) {
                double sum = 0;
                for (int k = 0; k <= s; k++) {
                    sum += l.get(t, k) * l.get(s, k);
                }
                assertEquals(sigma[t][s], sum, 1e-14);
            }
        }
        // x L = y solved and checked by multiplication
        double[] y = {1, -2, 0.5};
        double[] x = l.solveLeft(y);
        for (int u = 0; u < 3; u++) {
            double sum = 0;
            for (int s = u; s < 3; s++) {
                sum += x[s] * l.get(s, u);
            }
            assertEquals(y[u], sum, 1e-14);
        }
    }

    @Test
    void repeatedRowGivesAZeroColumnAndNoResponseThroughIt() {
        // phi(1) = phi(0) exactly, as when the process freezes: Sigma = [[3, 3], [3, 3]], then a new direction
        IncrementalCholesky l = new IncrementalCholesky(1e-10);
        l.addRow(new double[] {3});
        l.addRow(new double[] {3, 3});
        l.addRow(new double[] {1, 1, 3});
        assertFalse(l.degenerate(0));
        assertTrue(l.degenerate(1));
        assertFalse(l.degenerate(2));
        assertEquals(0, l.get(2, 1), 0);
        assertEquals(Math.sqrt(3 - 1.0 / 3), l.get(2, 2), 1e-14);
        double[] x = l.solveLeft(new double[] {1, 5, 2});
        assertEquals(0, x[1], 0);
        for (double v : x) {
            assertTrue(Double.isFinite(v));
        }
    }
}
