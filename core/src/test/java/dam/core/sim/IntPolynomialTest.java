package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dam.core.model.Interaction;
import org.junit.jupiter.api.Test;

/** The int polynomials of the sequential sweep are Interaction's a(b) and d(b), modulo 2^32. */
class IntPolynomialTest {

    @Test
    void polynomialsEqualTheCoefficientsModulo2To32() {
        for (int n = 2; n <= 12; n++) {
            Interaction f = new Interaction(n);
            IntPolynomial a = IntPolynomial.a(n);
            IntPolynomial d = IntPolynomial.d(n);
            for (int b = -300; b <= 300; b++) {
                assertEquals(f.a(b).intValue(), a.at(b), "a, n=" + n + " b=" + b);
                assertEquals(f.d(b).intValue(), d.at(b), "d, n=" + n + " b=" + b);
            }
        }
        assertEquals(6 * 25 + 8, IntPolynomial.a(3).at(5));
        assertEquals(-12 * 5, IntPolynomial.d(3).at(5));
    }
}
