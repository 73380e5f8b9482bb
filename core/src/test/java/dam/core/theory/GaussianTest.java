package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianTest {

    @Test
    void erfMatchesReferenceValues() {
        // Reference values: C library erf / erfc (glibc), correctly rounded to double here.
        assertEquals(0.1124629160182849, Gaussian.erf(0.1), 2e-16);
        assertEquals(0.5204998778130465, Gaussian.erf(0.5), 2e-16);
        assertEquals(0.8427007929497149, Gaussian.erf(1), 2e-16);
        assertEquals(0.9953222650189527, Gaussian.erf(2), 4e-16);
        assertEquals(-0.9999779095030014, Gaussian.erf(-3), 2e-16);
        assertEquals(1.0, Gaussian.erf(6), 0);
    }

    @Test
    void erfcIsAccurateInTheTail() {
        assertEquals(2.2090496998585438e-05, Gaussian.erfc(3), 2.2e-05 * 1e-14);
        assertEquals(7.430983723414128e-07, Gaussian.erfc(3.5), 7.4e-07 * 1e-14);
        assertEquals(1.5374597944280351e-12, Gaussian.erfc(5), 1.5e-12 * 1e-14);
        assertEquals(2.088487583762545e-45, Gaussian.erfc(10), 2.1e-45 * 1e-14);
        assertEquals(0.004677734981047265, Gaussian.erfc(2), 1e-15);
        assertEquals(2 - 2.2090496998585438e-05, Gaussian.erfc(-3), 4e-16);
    }

    @Test
    void erfIsOddAndComplementsErfc() {
        for (double x = -7; x <= 7; x += 0.01) {
            assertEquals(-Gaussian.erf(x), Gaussian.erf(-x), 0, "x = " + x);
            assertEquals(1, Gaussian.erf(x) + Gaussian.erfc(x), 4e-16, "x = " + x);
        }
        // continuous where the series hands over to the continued fraction
        assertEquals(Gaussian.erf(Math.nextDown(3.0)), Gaussian.erf(3), 1e-15);
    }

    @Test
    void cdfAndDensityAreTheStandardNormals() {
        assertEquals(0.975, Gaussian.cdf(1.959963984540054), 1e-15);
        assertEquals(0.5, Gaussian.cdf(0), 0);
        assertEquals(1 / Math.sqrt(2 * Math.PI), Gaussian.density(0), 1e-16);
        assertEquals(0.24197072451914337, Gaussian.density(1), 1e-16);
    }
}
