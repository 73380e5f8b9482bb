package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The packed quarter squares of {@link ColumnOps} on vector lanes agree with the plain loops of
 * {@link ScalarColumnOps} and with the definition q = (b^2 - parity) / 4, pattern by pattern: the update's values,
 * clamp and sum, and the dot over a column.
 */
class QuarterSquaresTest {

    private static final ColumnOps SCALAR = ScalarColumnOps.INSTANCE;

    @Test
    void vectorAndScalarPackSumAndDotTheSameQuarterSquares() {
        ColumnOps vector = Lanes.VECTOR.columnOps();
        assertTrue(vector.hasQuarterSquares(), "this machine's vector lanes must pack quarter squares (16 int lanes)");
        SplittableRandom rng = new SplittableRandom(7);
        int outliersSeen = 0;
        for (int blocks : new int[] {1, 3, 17}) {
            for (int parity = 0; parity < 2; parity++) {
                for (int round = 0; round < 4; round++) {
                    long[] cols = new long[2 * blocks];
                    for (int k = 0; k < cols.length; k++) {
                        cols[k] = rng.nextLong();
                    }
                    // overlaps of the given parity, mostly small, a few past the clamp (|b| > 362) or at its edge
                    int[] byPattern = new int[64 * blocks];
                    for (int mu = 0; mu < byPattern.length; mu++) {
                        int u = rng.nextInt(100);
                        int bound = u < 3 ? 2000 : u < 6 ? 364 : 200;
                        byPattern[mu] = 2 * rng.nextInt(-bound / 2, bound / 2 + 1) + parity;
                    }
                    int[] bScalar = new int[64 * blocks];
                    int[] bVector = new int[64 * blocks];
                    for (int mu = 0; mu < byPattern.length; mu++) {
                        bScalar[at(SCALAR, mu)] = byPattern[mu];
                        bVector[at(vector, mu)] = byPattern[mu];
                    }
                    int s = round % 3 - 1; // a flip to -1, a refresh, a flip to +1
                    int[] pairsScalar = new int[32 * blocks];
                    int[] pairsVector = new int[32 * blocks];
                    long[] sumScalar = new long[3];
                    long[] sumVector = new long[3];
                    SCALAR.updateQuarterSquares(cols, 0, blocks, s, parity, bScalar, pairsScalar, sumScalar);
                    vector.updateQuarterSquares(cols, 0, blocks, s, parity, bVector, pairsVector, sumVector);
                    long expectedSum = 0;
                    int expectedOutliers = 0;
                    for (int mu = 0; mu < byPattern.length; mu++) {
                        int bit = (int) (cols[mu >>> 6] >>> (mu & 63) & 1L);
                        int b = byPattern[mu] + (bit == 1 ? 2 * s : -2 * s);
                        long q = ((long) b * b - parity) / 4;
                        assertEquals(b, bScalar[at(SCALAR, mu)]);
                        assertEquals(b, bVector[at(vector, mu)]);
                        int clamped = (int) Math.min(q, ColumnOps.QUARTER_SQUARE_MAX);
                        assertEquals(clamped, ScalarColumnOps.quarterSquare(pairsScalar, at(SCALAR, mu)), "scalar q of " + mu);
                        assertEquals(clamped, ScalarColumnOps.quarterSquare(pairsVector, at(vector, mu)), "vector q of " + mu);
                        expectedSum += clamped;
                        expectedOutliers += q > ColumnOps.QUARTER_SQUARE_MAX ? 1 : 0;
                    }
                    assertEquals(expectedSum, sumScalar[0]);
                    assertEquals(expectedSum, sumVector[0]);
                    outliersSeen += expectedOutliers;
                    // the dot of the second column: the sum of the clamped q over its set bits, modulo 2^32
                    long expectedDot = 0;
                    for (int mu = 0; mu < byPattern.length; mu++) {
                        if ((cols[blocks + (mu >>> 6)] >>> (mu & 63) & 1L) != 0) {
                            expectedDot += ScalarColumnOps.quarterSquare(pairsScalar, at(SCALAR, mu));
                        }
                    }
                    assertEquals((int) expectedDot, SCALAR.dotQuarterSquares(cols, blocks, blocks, pairsScalar));
                    assertEquals((int) expectedDot, vector.dotQuarterSquares(cols, blocks, blocks, pairsVector));
                }
            }
        }
        assertTrue(outliersSeen > 20, "the cases must include values past the clamp, saw " + outliersSeen);
    }

    @Test
    void dotOfFullColumnsIsExactModulo2To32() {
        // every q at the clamp and every bit set: the sum 32767 x 64 x blocks passes 2^32 and must wrap like an int
        ColumnOps vector = Lanes.VECTOR.columnOps();
        int blocks = 3000;
        long[] cols = new long[blocks];
        Arrays.fill(cols, -1L);
        int[] pairs = new int[32 * blocks];
        Arrays.fill(pairs, ColumnOps.QUARTER_SQUARE_MAX * 65537);
        int expected = (int) (64L * blocks * ColumnOps.QUARTER_SQUARE_MAX);
        assertEquals(expected, SCALAR.dotQuarterSquares(cols, 0, blocks, pairs));
        assertEquals(expected, vector.dotQuarterSquares(cols, 0, blocks, pairs));
    }

    /** The entry of pattern mu under the slot order of ops. */
    private static int at(ColumnOps ops, int mu) {
        return (mu & ~63) + ops.slot(mu & 63);
    }
}
