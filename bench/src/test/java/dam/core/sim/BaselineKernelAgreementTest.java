package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark baselines reproduce the literal rules of {@link ReferenceStep} (core's test sources, both models) exactly, so that
 * the benchmark compares the fast kernel with kernels computing the same map; and the fast {@link ParallelStep}
 * matches {@link DenseIntStep} on overlap groups too large for the BigInteger reference.
 */
class BaselineKernelAgreementTest {

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void baselineKernelsMatchReferenceOnTrajectories(MemoryModel model) {
        for (int[] c : model == MemoryModel.DENSE ? KernelCases.CASES : KernelCases.PBODY_CASES) {
            int n = c[0], N = c[1], p = c[2];
            PatternMatrix xi = PatternMatrix.random(p, N, 1000L * n + N);
            ReferenceStep reference = new ReferenceStep(model, n, xi.toDense());
            FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
            LookupTableStep tableLong = new LookupTableStep(xi, coefficients).forceLongPath();
            LookupTableStep table = new LookupTableStep(xi, coefficients);
            DenseIntStep dense = new DenseIntStep(xi, coefficients);
            List<int[]> states = KernelCases.initialStates(xi, 7L * p + N);
            int S = states.size();
            int words = xi.words();
            long[] batch = new long[S * words];
            for (int s = 0; s < S; s++) {
                System.arraycopy(States.pack(states.get(s)), 0, batch, s * words, words);
            }
            for (int t = 0; t < 4; t++) {
                long[] nextLong = new long[S * words];
                long[] nextTable = new long[S * words];
                tableLong.step(batch, S, nextLong);
                table.step(batch, S, nextTable);
                for (int s = 0; s < S; s++) {
                    int[] expected = reference.parallel(States.unpack(batch, s * words, N));
                    String where = model + " n=" + n + " N=" + N + " p=" + p + " state " + s + " t=" + t;
                    assertArrayEquals(expected, States.unpack(nextTable, s * words, N), "table int " + where);
                    assertArrayEquals(expected, States.unpack(nextLong, s * words, N), "table long " + where);
                    long[] one = new long[words];
                    dense.step(batch, s * words, one, 0);
                    assertArrayEquals(expected, States.unpack(one, 0, N), "dense " + where);
                }
                batch = nextTable;
            }
        }
    }

    @Test
    void fastKernelMatchesDenseKernelOnLargeGroups() {
        // Enough patterns that overlap groups exceed 16 members (the carry-save tree) and need many bit planes;
        // DenseIntStep itself is checked against the reference above. The n=5 case takes the long path. Groups of
        // 256 and more members send their weight-16 carries through the second carry-save tree; N=64, p=20000
        // gives groups of thousands (carries of weight 256 ripple up), N=512 the eight-word rows of the benchmark;
        // N=600 and N=1030 have rows of 10 and 17 words, padded to whole vectors by the vector lanes.
        int[][] cases = {{2, 200, 60}, {3, 100, 3000}, {3, 127, 1500}, {4, 70, 2500}, {5, 40, 4000},
            {3, 64, 20000}, {2, 64, 9000}, {3, 512, 6000}, {3, 600, 2000}, {2, 1030, 700}};
        for (int[] c : cases) {
            int n = c[0], N = c[1], p = c[2];
            PatternMatrix xi = PatternMatrix.random(p, N, 17L * n + N);
            FieldCoefficients coefficients = new FieldCoefficients(n, N);
            ParallelStep fast = new ParallelStep(xi, coefficients, Lanes.SCALAR);
            ParallelStep vector = new ParallelStep(xi, coefficients, Lanes.VECTOR);
            DenseIntStep dense = new DenseIntStep(xi, coefficients);
            List<int[]> states = KernelCases.initialStates(xi, 11L * N);
            int S = states.size();
            int words = xi.words();
            long[] batch = new long[S * words];
            for (int s = 0; s < S; s++) {
                System.arraycopy(States.pack(states.get(s)), 0, batch, s * words, words);
            }
            int changed = 0;
            for (int t = 0; t < 3; t++) {
                long[] next = new long[S * words];
                long[] nextVector = new long[S * words];
                fast.step(batch, S, next);
                vector.step(batch, S, nextVector);
                for (int s = 0; s < S; s++) {
                    long[] expected = new long[words];
                    dense.step(batch, s * words, expected, 0);
                    String where = "n=" + n + " N=" + N + " p=" + p + " state " + s + " t=" + t;
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(next, s * words, (s + 1) * words), "scalar " + where);
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(nextVector, s * words, (s + 1) * words),
                            "vector " + where);
                    changed += States.distance(batch, s * words, next, s * words, words);
                }
                batch = next;
            }
            assertTrue(changed > 0, "the dynamics must move, n=" + n);
        }
    }

    @Test
    void baselinesTakeTheLongPathOnLargeFieldsAndStayExact() {
        // n = 6, N = 60: a(b_1) alone is about 12 N^5 ~ 9e9 > 2^31 near the condensed pattern.
        int n = 6, N = 60, p = 6;
        PatternMatrix xi = PatternMatrix.random(p, N, 42);
        FieldCoefficients coefficients = new FieldCoefficients(n, N);
        ReferenceStep reference = new ReferenceStep(n, xi.toDense());
        for (int[] s0 : KernelCases.initialStates(xi, 3)) {
            long[] packed = States.pack(s0);
            long[] table = new long[xi.words()];
            new LookupTableStep(xi, coefficients).step(packed, 1, table);
            assertArrayEquals(reference.parallel(s0), States.unpack(table, 0, N));
            long[] dense = new long[xi.words()];
            new DenseIntStep(xi, coefficients).step(packed, 0, dense, 0);
            assertArrayEquals(reference.parallel(s0), States.unpack(dense, 0, N));
        }
    }

    @Test
    void baselinesThrowWhereTheFieldCouldExceedLong() {
        int n = 30, N = 64;
        PatternMatrix xi = PatternMatrix.random(3, N, 1);
        FieldCoefficients coefficients = new FieldCoefficients(n, N);
        long[] sigma = xi.pattern(0);
        assertThrows(ArithmeticException.class,
                () -> new LookupTableStep(xi, coefficients).step(sigma, 1, new long[xi.words()]));
        assertThrows(ArithmeticException.class,
                () -> new DenseIntStep(xi, coefficients).step(sigma, 0, new long[xi.words()], 0));
    }
}
