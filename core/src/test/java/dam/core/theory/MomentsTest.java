package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void coefficientsMatchThePhysicsExamples() {
        assertCoefficients(new Moments(2), 0, 1);
        assertCoefficients(new Moments(3), 1, 0, 2);
        assertCoefficients(new Moments(4), 0, 9, 0, 6);
        assertCoefficients(new Moments(5), 9, 0, 72, 0, 24);
    }

    @Test
    void valueAtOneIsTheDoubleFactorialOfTwoNMinusThree() {
        for (int n = 2; n <= 8; n++) {
            Moments p = new Moments(n);
            BigInteger sum = BigInteger.ZERO;
            for (int k = 0; k <= p.degree(); k++) {
                sum = sum.add(p.coefficient(k));
            }
            BigInteger expected = Moments.doubleFactorial(2 * n - 3);
            assertEquals(expected, sum, "n = " + n);
            assertEquals(expected.doubleValue(), p.value(1), 0, "n = " + n);
        }
        assertEquals(BigInteger.valueOf(135135), Moments.doubleFactorial(13));
    }

    @Test
    void derivativeMatchesTheExplicitPolynomials() {
        assertEquals(4 * 0.3, new Moments(3).derivative(0.3), 1e-15);
        assertEquals(9 + 18 * 0.25, new Moments(4).derivative(0.5), 1e-13);
        double c = -0.7;
        assertEquals(144 * c + 96 * c * c * c, new Moments(5).derivative(c), 1e-12);
        assertEquals(9 + 72 * c * c + 24 * c * c * c * c, new Moments(5).value(c), 1e-12);
    }

    @Test
    void valueIsTheMixedMomentOfCorrelatedGaussians() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20240501L);
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int samples = 400_000;
        for (int n : new int[] {3, 4, 5}) {
            Moments p = new Moments(n);
            for (double c : new double[] {-0.6, 0.3, 0.9}) {
                double sum = 0;
                double sumSquares = 0;
                for (int i = 0; i < samples; i++) {
                    double x = normal.sample();
                    double y = c * x + Math.sqrt(1 - c * c) * normal.sample();
                    double v = Math.pow(x * y, n - 1);
                    sum += v;
                    sumSquares += v * v;
                }
                double mean = sum / samples;
                double standardError = Math.sqrt((sumSquares / samples - mean * mean) / samples);
                // 4.5 standard errors: 9 comparisons, each failing by chance with probability < 1e-5.
                assertEquals(p.value(c), mean, 4.5 * standardError, "n = " + n + ", c = " + c);
            }
        }
    }

    @Test
    void rejectsOrderBelowTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Moments(1));
        assertTrue(e.getMessage().startsWith("n: "), e.getMessage());
    }

    private static void assertCoefficients(Moments p, long... expected) {
        assertEquals(expected.length - 1, p.degree());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(BigInteger.valueOf(expected[k]), p.coefficient(k), "n = " + p.order() + ", k = " + k);
        }
    }
}
