package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The range check before a run, for both models: a refused run is one the kernels would stop. */
class FieldRangeTest {

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void aRefusedRunIsOneTheKernelsProofWouldStop(MemoryModel model) {
        int refused = 0;
        int passed = 0;
        for (int N : new int[] {64, 100, 128}) {
            for (int n = 2; n <= 44; n += 2) {
                int p = 5;
                boolean refuse;
                try {
                    FieldRange.check(model, n, N, p);
                    refuse = false;
                    passed++;
                } catch (IllegalArgumentException e) {
                    refuse = true;
                    refused++;
                }
                if (refuse) {
                    // the state equal to pattern 0: the kernels' exact bound over its overlaps must reach 2^63
                    PatternMatrix xi = PatternMatrix.random(p, N, 7L * n + N);
                    FieldCoefficients c = new FieldCoefficients(model, n, N);
                    long[] sigma = xi.pattern(0);
                    int[] b = new int[p];
                    for (int mu = 0; mu < p; mu++) {
                        b[mu] = xi.overlap(mu, sigma, 0);
                    }
                    int nn = n;
                    assertThrows(ArithmeticException.class, () -> c.bound(b, 0, p, 1), model + " n=" + nn + " N=" + N);
                }
            }
        }
        assertTrue(refused > 3 && passed > 3, "refused " + refused + ", passed " + passed);
    }

    @ParameterizedTest
    @CsvSource({"12,64,1e6", "9,4096,100", "20,128,3"})
    void thePBodyFieldIsSmallerThanTheDenseOne(int n, int N, double p) {
        double dense = FieldRange.log2RetrievedBound(MemoryModel.DENSE, n, N, p);
        double pbody = FieldRange.log2RetrievedBound(MemoryModel.PBODY, n, N, p);
        assertTrue(pbody < dense, "p-body 2^" + pbody + " against dense 2^" + dense);
    }

    @ParameterizedTest
    @CsvSource({"12,64", "9,512"})
    void refusalsNameTheOrderTheNeuronsAndTheModel(int n, int N) {
        String dense = assertThrows(IllegalArgumentException.class, () -> FieldRange.check(MemoryModel.DENSE, n, N, 100)).getMessage();
        assertTrue(dense.startsWith("n = " + n + " with neurons = " + N + " overflows 64-bit arithmetic: "), dense);
        assertDoesNotThrow(() -> FieldRange.check(MemoryModel.PBODY, n, N, 100)); // (n-1)! times smaller, about
        String pbody = assertThrows(IllegalArgumentException.class,
                () -> FieldRange.check(MemoryModel.PBODY, 40, 128, 100)).getMessage();
        assertTrue(pbody.startsWith("n = 40 with neurons = 128 overflows 64-bit arithmetic (model pbody): "), pbody);
    }
}
