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
}
