package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThermalAverageTest {

    /** E tanh and E sech^2 against a trapezoid rule on [-12, 12] fine enough to resolve the tanh step (2e6 points). */
    @ParameterizedTest
    @CsvSource({"1,0.5,0.3", "2,0.9,0.55", "10,0.2,1.5", "50,-0.3,0.4", "200,0.84,0.5", "2,3,0.01"})
    void averagesMatchAFineTrapezoidRule(double beta, double a, double s) {
        int points = 2_000_000;
        double h = 24.0 / points;
        double tanh = 0;
        double sech = 0;
        for (int i = 0; i <= points; i++) {
            double z = -12 + i * h;
            double weight = (i == 0 || i == points ? 0.5 : 1) * h * Gaussian.density(z);
            double x = beta * (a + s * z);
            tanh += weight * Math.tanh(x);
            sech += weight / (Math.cosh(x) * Math.cosh(x));
        }
        assertEquals(tanh, ThermalAverage.overlap(beta, a, s), 1e-11);
        assertEquals(sech, ThermalAverage.sechSquared(beta, a, s), 1e-11);
        assertEquals(tanh, ThermalAverage.overlapAndSlope(beta, a, s)[0], 1e-11);
    }

    /** The derivative in s against a central difference. */
    @ParameterizedTest
    @CsvSource({"1,0.5,0.3", "20,0.9,0.55", "500,0.7,0.4"})
    void slopeIsTheDerivativeInTheNoise(double beta, double a, double s) {
        double h = 1e-5 * s;
        double difference = (ThermalAverage.overlap(beta, a, s + h) - ThermalAverage.overlap(beta, a, s - h)) / (2 * h);
        assertEquals(difference, ThermalAverage.overlapAndSlope(beta, a, s)[1], 1e-6);
    }

    /** As beta grows, E tanh tends to erf(a / (sqrt(2) s)) and beta E sech^2 to the density form, with errors O(1 / beta^2). */
    @ParameterizedTest
    @CsvSource({"0.9,0.55", "0.3,0.8", "0.05,0.2"})
    void largeBetaApproachesTheSignAndItsDensity(double a, double s) {
        double beta = 1e5;
        assertEquals(Gaussian.erf(a / (Math.sqrt(2) * s)), ThermalAverage.overlap(beta, a, s), 1e-8);
        assertEquals(Gaussian.erf(a / (Math.sqrt(2) * s)), ThermalAverage.overlap(Double.POSITIVE_INFINITY, a, s), 1e-15);
        assertEquals(ThermalAverage.density(a, s), beta * ThermalAverage.sechSquared(beta, a, s), 1e-6);
    }

    /**
     * The pair of consecutive spins (sigma, tau) with weight exp(beta u (sigma + tau) + k sigma tau), u = a + s z, summed
     * over its four states directly and averaged with a fine trapezoid rule; k = 0 is a single spin, E tanh(beta u).
     */
    @ParameterizedTest
    @CsvSource({"2,0.9,0.55,0.3", "5,0.5,0.3,0", "20,0.84,0.4,2", "3.3,0.3,0.6,-0.2", "1,0.2,0.5,0.05"})
    void pairAveragesMatchTheFourStatesAndATrapezoidRule(double beta, double a, double s, double k) {
        int points = 1_000_000;
        double h = 24.0 / points;
        double[] sums = new double[3];
        for (int i = 0; i <= points; i++) {
            double z = -12 + i * h;
            double weight = (i == 0 || i == points ? 0.5 : 1) * h * Gaussian.density(z);
            double field = beta * (a + s * z);
            // the four states (+,+), (-,-), (+,-), (-,+), each weight divided by exp(2 |field|) against overflow
            double shift = 2 * Math.abs(field);
            double pp = Math.exp(2 * field + k - shift);
            double mm = Math.exp(-2 * field + k - shift);
            double pm = Math.exp(-k - shift);
            double total = pp + mm + 2 * pm;
            double mean = (pp - mm) / total;
            sums[0] += weight * mean;
            sums[1] += weight * mean * mean;
            sums[2] += weight * (pp + mm - 2 * pm) / total;
        }
        double[] pair = ThermalAverage.pair(beta, a, s, k);
        assertEquals(sums[0], pair[0], 1e-10);
        assertEquals(sums[1], pair[1], 1e-10);
        assertEquals(sums[2], pair[2], 1e-10);
        double d = 1e-5 * s;
        assertEquals((ThermalAverage.pair(beta, a, s + d, k)[0] - ThermalAverage.pair(beta, a, s - d, k)[0]) / (2 * d),
                pair[3], 1e-6);
        if (k == 0) {
            assertEquals(ThermalAverage.overlap(beta, a, s), pair[0], 1e-13);
        }
    }
}
