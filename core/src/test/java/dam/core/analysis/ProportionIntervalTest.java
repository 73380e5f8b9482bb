package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProportionIntervalTest {

    /** Newcombe (1998), Statist. Med. 17:857, Table I, method 3 (Wilson score, no continuity correction). */
    @Test
    void wilsonIntervalMatchesNewcombesTable() {
        check(81, 263, 0.2553, 0.3662);
        check(15, 148, 0.0624, 0.1605);
        check(0, 20, 0.0, 0.1611);
        check(1, 29, 0.0061, 0.1718);
    }

    private static void check(int k, int n, double lower, double upper) {
        ProportionInterval interval = ProportionInterval.wilson95(k, n);
        assertEquals(lower, interval.lower(), 5e-5, k + "/" + n + " lower");
        assertEquals(upper, interval.upper(), 5e-5, k + "/" + n + " upper");
    }
}
