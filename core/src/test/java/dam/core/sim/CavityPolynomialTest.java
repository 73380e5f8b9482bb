package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.CavityPolynomial;
import dam.core.model.ElementarySymmetric;
import dam.core.model.Interaction;
import dam.core.model.MemoryModel;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cavity polynomials of both models: E(c) is the elementary symmetric polynomial of the cavity entries (summed
 * literally over subsets) at every cavity sum, a(b) and d(b) are integers that give G(b - s) for either spin, and the
 * int polynomials of the sequential sweep are scale a(b), scale d(b) with the smallest integer scale.
 */
class CavityPolynomialTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void pBodyPolynomialIsTheElementarySymmetricSumAtEveryCavitySum(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        for (int N : new int[] {2, 3, 4, 7, 12, 17}) {
            ElementarySymmetric e = new ElementarySymmetric(n, N);
            for (int plus = 0; plus <= N - 1; plus++) {
                int[] x = new int[N - 1];
                for (int j = 0; j < x.length; j++) {
                    x[j] = j < plus ? 1 : -1;
                }
                for (int j = x.length - 1; j > 0; j--) { // the order of the entries does not matter; shuffle anyway
                    int k = rng.nextInt(j + 1);
                    int t = x[j];
                    x[j] = x[k];
                    x[k] = t;
                }
                long c = 2L * plus - (N - 1);
                BigInteger literal = ReferenceStep.subsetSum(x, n - 1);
                assertEquals(literal, e.E(c), "n=" + n + " N=" + N + " c=" + c);
                assertEquals(literal, ReferenceStep.productSum(x, n - 1), "product expansion, n=" + n + " N=" + N);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3,10", "3,11", "4,10", "4,33", "3,1001", "4,1000"})
    void pBodyPolynomialHasTheClosedFormsOfNewtonsIdentities(int n, int N) {
        ElementarySymmetric e = new ElementarySymmetric(n, N);
        for (long c = -(N - 1); c <= N - 1; c += 2) {
            BigInteger C = BigInteger.valueOf(c);
            BigInteger expected = n == 3
                    ? C.pow(2).subtract(BigInteger.valueOf(N - 1)).divide(BigInteger.TWO)
                    : C.pow(3).subtract(C.multiply(BigInteger.valueOf(3L * N - 5))).divide(BigInteger.valueOf(6));
            assertEquals(expected, e.E(c), "n=" + n + " N=" + N + " c=" + c);
        }
        assertThrows(IllegalArgumentException.class, () -> e.E(N)); // the parity of N, not of N - 1
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void coefficientsAreIntegersGivingTheCavityPolynomialForEitherSpin(MemoryModel model) {
        for (int n = 2; n <= 8; n++) {
            for (int N : new int[] {2, 5, 8, 31, 64}) {
                CavityPolynomial g = CavityPolynomial.of(model, n, N);
                for (long b = -N; b <= N; b += 2) {
                    // a + d = G(b - 1) and a - d = G(b + 1) hold only if no halving lost a bit
                    assertEquals(g.G(b - 1), g.a(b).add(g.d(b)), model + " n=" + n + " N=" + N + " b=" + b);
                    assertEquals(g.G(b + 1), g.a(b).subtract(g.d(b)), model + " n=" + n + " N=" + N + " b=" + b);
                    BigInteger sign = (n - 1) % 2 == 0 ? BigInteger.ONE : BigInteger.ONE.negate();
                    assertEquals(g.a(b).multiply(sign), g.a(-b), "a has the parity of n - 1");
                    assertEquals(g.d(b).multiply(sign).negate(), g.d(-b), "d has the parity of n");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void densePolynomialCoefficientsGiveD(int n) {
        Interaction f = new Interaction(n);
        BigInteger[] g = f.numerators();
        for (long c = -9; c <= 9; c++) {
            BigInteger value = BigInteger.ZERO;
            for (int k = g.length - 1; k >= 0; k--) {
                value = value.multiply(BigInteger.valueOf(c)).add(g[k]);
            }
            assertEquals(f.D(c), value.divide(f.denominator()), "n=" + n + " c=" + c);
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void intPolynomialsAreTheScaledCoefficientsModulo2To32(MemoryModel model) {
        for (int n = 2; n <= 12; n++) {
            for (int N : new int[] {2, 9, 64, 301, 1000}) {
                CavityPolynomial g = CavityPolynomial.of(model, n, N);
                IntPolynomial.Pair pair = IntPolynomial.of(g);
                BigInteger scale = BigInteger.valueOf(pair.scale());
                int top = N - 2 * Math.max(0, (N - 300) / 2); // |b| <= 300 or so, with the parity of N
                for (int b = -top; b <= top; b += 2) {
                    String where = model + " n=" + n + " N=" + N + " b=" + b;
                    assertEquals(g.a(b).multiply(scale).intValue(), pair.a().at(b), "a, " + where);
                    assertEquals(g.d(b).multiply(scale).intValue(), pair.d().at(b), "d, " + where);
                }
                if (model == MemoryModel.DENSE) {
                    assertEquals(1, pair.scale());
                } else {
                    // the smallest scale: (n-1)! / scale is the largest factor common to all coefficients
                    assertTrue(pair.scale() >= 1 && factorial(n - 1) % pair.scale() == 0, "scale " + pair.scale());
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2,100,1,1,0,-1", "3,100,2,1,-98,-2", "3,101,2,1,-99,-2"})
    void pBodyIntPolynomialsOfLowOrderAreTheHandDerivedOnes(int n, int N, int scale, int slopeA, int interceptA,
                                                            int slopeD) {
        // n = 2: a = b, d = -1; n = 3: 2a = b^2 + 2 - N, 2d = -2b
        IntPolynomial.Pair pair = IntPolynomial.of(new ElementarySymmetric(n, N));
        assertEquals(scale, pair.scale());
        assertTrue(pair.a().linear() && pair.d().linear());
        assertEquals(slopeA, pair.a().slope());
        assertEquals(interceptA, pair.a().intercept());
        assertEquals(slopeD, n == 2 ? pair.d().intercept() : pair.d().slope());
        assertEquals(n == 3, pair.a().inSquare());
    }

    private static long factorial(int k) {
        long r = 1;
        for (int j = 2; j <= k; j++) {
            r *= j;
        }
        return r;
    }
}
