package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test-only erf against tabulated values (Abramowitz and Stegun table 7.1). */
class ErfTest {
    @Test
    void erfMatchesTabulatedValues() {
        assertEquals(0.0, Erf.erf(0), 0);
        assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-13);
        assertEquals(0.8427007929497149, Erf.erf(1.0), 1e-13);
        assertEquals(-0.9661051464753108, Erf.erf(-1.5), 1e-13);
        assertEquals(0.9953222650189527, Erf.erf(2.0), 1e-13);
        assertEquals(0.9999779095030014, Erf.erf(3.0), 1e-13);
    }
}
