package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class HorizonExtrapolationTest {

    private static final int[] LADDER = {20, 40, 80, 160, 320, 640};

    private static double model(int T) {
        return 0.14 + 0.9 * Math.pow(T, -0.8);
    }

    @Test
    void pointsOnThePowerLawGiveBackItsLimitAndExponent() {
        double[] y = new double[LADDER.length];
        double[] s = new double[LADDER.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = model(LADDER[i]);
            s[i] = 1e-4;
        }
        HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.14, fit.limit(), 1e-4);
        assertEquals(0.8, fit.exponent(), 0.01);
        assertTrue(fit.lower() <= 0.14 && 0.14 <= fit.upper(), fit.toString());
        assertEquals(3, fit.dof());
        assertEquals(model(100), fit.at(100), 1e-5);
    }

    @Test
    void theIntervalCoversTheLimitInMostNoisyReplicas() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        var normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int covered = 0;
        int replicas = 40;
        for (int r = 0; r < replicas; r++) {
            double[] y = new double[LADDER.length];
            double[] s = new double[LADDER.length];
            for (int i = 0; i < y.length; i++) {
                s[i] = 0.002;
                y[i] = model(LADDER[i]) + s[i] * normal.sample();
            }
            HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0, Double.POSITIVE_INFINITY);
            double hi = Double.isNaN(fit.upper()) ? Double.POSITIVE_INFINITY : fit.upper();
            if (fit.lower() <= 0.14 && 0.14 <= hi) {
                covered++;
            }
        }
        // nominal 95%: 40 replicas cover at least 34 times with probability > 0.99
        assertTrue(covered >= 34, "covered " + covered + " of " + replicas);
    }

    @Test
    void fewerThanFourHorizonsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HorizonExtrapolation.fit(new int[] {20, 40, 80}, new double[3], new double[] {1, 1, 1}, 0, 1));
        assertTrue(e.getMessage().startsWith("steps:"), e.getMessage());
    }

    @Test
    void aLimitBelowTheFloorIsTheFloorWithAnIntervalFromItToTheProfileCut() {
        // m0_c(T) = -0.05 + 0.9 T^-0.5 with errors 0.003: the unconstrained optimum is negative
        double[] y = new double[LADDER.length];
        double[] s = new double[LADDER.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -0.05 + 0.9 * Math.pow(LADDER[i], -0.5) + 0.001 * (i % 2 == 0 ? 1 : -1);
            s[i] = 0.003;
        }
        HorizonExtrapolation free = HorizonExtrapolation.fit(LADDER, y, s, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertTrue(free.limit() < 0 && !free.atBound(), free.toString());

        HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0, 1);
        assertEquals(0.0, fit.limit());
        assertTrue(fit.atBound());
        assertEquals(0.0, fit.lower(), "the interval starts at the bound");
        assertTrue(fit.chi2() >= free.chi2(), "the constrained minimum is no lower than the free one");
        assertEquals(HorizonExtrapolation.profile(LADDER, y, s, 0), fit.chi2(), 1e-9 * fit.chi2(),
                "the best chi2 with the limit on the bound is the profile there");
        // u is where the profile reaches chi2_min + 3.84 s^2 (s the Birge ratio, at least 1)
        double level = fit.chi2() + FiniteSizeFit.PROFILE_CUT * Math.max(1, fit.chi2() / fit.dof());
        double u = fit.upper();
        assertTrue(u > 0 && u < 1, fit.toString());
        assertTrue(HorizonExtrapolation.profile(LADDER, y, s, u - 1e-6) <= level, "inside the cut below u");
        assertTrue(HorizonExtrapolation.profile(LADDER, y, s, u + 1e-6) > level, "outside the cut above u");
    }

    @Test
    void aLimitAboveTheCeilingIsTheCeilingAndTheIntervalEndsThere() {
        // a boundary rising out of [0, 1]: m0_c(T) = 1.3 - 2 T^-0.5
        double[] y = new double[LADDER.length];
        double[] s = new double[LADDER.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1.3 - 2 * Math.pow(LADDER[i], -0.5);
            s[i] = 0.002;
        }
        HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0, 1);
        assertEquals(1.0, fit.limit());
        assertEquals(1.0, fit.upper());
        assertTrue(fit.atBound() && fit.lower() < 1, fit.toString());
    }

    @Test
    void aLimitInsideTheRangeIsTheUnconstrainedFitBitForBit() {
        double[] y = new double[LADDER.length];
        double[] s = new double[LADDER.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = model(LADDER[i]) + 0.0003 * (i % 3 - 1);
            s[i] = 0.0005;
        }
        HorizonExtrapolation free = HorizonExtrapolation.fit(LADDER, y, s, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0, 1);
        assertFalse(fit.atBound());
        assertEquals(free.limit(), fit.limit());
        assertEquals(free.lower(), fit.lower());
        assertEquals(free.upper(), fit.upper());
        assertEquals(free.slope(), fit.slope());
        assertEquals(free.exponent(), fit.exponent());
        assertEquals(free.chi2(), fit.chi2());
        assertArrayEquals(free.residuals(), fit.residuals());
    }
}
