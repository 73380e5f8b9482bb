package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The column layout holds each neuron's pattern bits; the 64 x 64 transpose it is built with is exact. */
class PatternMatrixTest {

    @Test
    void transposeMovesBitCOfRowRToBitROfRowC() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        long[] x = new long[64];
        for (int r = 0; r < 64; r++) {
            x[r] = rng.nextLong();
        }
        long[] t = x.clone();
        PatternMatrix.transpose64(t);
        for (int r = 0; r < 64; r++) {
            for (int c = 0; c < 64; c++) {
                assertEquals(x[r] >>> c & 1, t[c] >>> r & 1, "r=" + r + " c=" + c);
            }
        }
    }

    @Test
    void columnsHoldXiOfEveryPatternAndZeroPadding() {
        for (int[] shape : new int[][] {{1, 2}, {63, 64}, {64, 65}, {130, 200}, {300, 129}}) {
            int p = shape[0], N = shape[1];
            PatternMatrix xi = PatternMatrix.random(p, N, p + 7L * N);
            long[] cols = xi.columns();
            int blocks = xi.blocks();
            assertEquals((p + 63) / 64, blocks);
            assertEquals(N * blocks, cols.length);
            for (int i = 0; i < N; i++) {
                for (int mu = 0; mu < 64 * blocks; mu++) {
                    long bit = cols[i * blocks + mu / 64] >>> (mu % 64) & 1;
                    assertEquals(mu < p && xi.xi(mu, i) == 1 ? 1 : 0, bit, "p=" + p + " N=" + N + " i=" + i + " mu=" + mu);
                }
            }
        }
    }
}
