package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void bisectionFindsTheLargestRetrievingLoadOfAStep() {
        double alphaC = 0.138;
        Capacity c = Capacity.bisect(2, alpha -> alpha <= alphaC, 0.01, 0.5, 1e-5);
        assertEquals(2, c.n());
        assertTrue(c.lower() <= alphaC && alphaC < c.upper(), c.toString());
        assertTrue(c.upper() - c.lower() <= 1e-5);
        assertEquals(alphaC, c.alphaC(), 1e-5);
    }

    @Test
    void noSignChangeGivesNaNWithTheSideKnown() {
        Capacity tooHigh = Capacity.bisect(3, alpha -> false, 0.01, 0.5, 1e-3);
        assertTrue(Double.isNaN(tooHigh.alphaC()) && Double.isNaN(tooHigh.lower()));
        assertEquals(0.01, tooHigh.upper());
        Capacity tooLow = Capacity.bisect(3, alpha -> true, 0.01, 0.5, 1e-3);
        assertTrue(Double.isNaN(tooLow.alphaC()) && Double.isNaN(tooLow.upper()));
        assertEquals(0.5, tooLow.lower());
    }

    @Test
    void searchBracketsByDoublingOrHalvingThenBisects() {
        for (double alphaC : new double[] {0.0173, 0.138, 3.7}) {
            Capacity c = Capacity.search(4, alpha -> alpha <= alphaC, 0.1, 1e-3);
            assertTrue(c.lower() <= alphaC && alphaC < c.upper(), c.toString());
            assertEquals(alphaC, c.alphaC(), 1e-3 * alphaC);
        }
    }

    @Test
    void searchWithoutAnyFailureGivesNaN() {
        Capacity c = Capacity.search(2, alpha -> true, 0.1, 1e-3);
        assertTrue(Double.isNaN(c.alphaC()) && c.lower() > 1e10, c.toString());
    }
}
