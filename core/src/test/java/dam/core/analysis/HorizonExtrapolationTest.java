package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0);
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
            HorizonExtrapolation fit = HorizonExtrapolation.fit(LADDER, y, s, 0);
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
                () -> HorizonExtrapolation.fit(new int[] {20, 40, 80}, new double[3], new double[] {1, 1, 1}, 0));
        assertTrue(e.getMessage().startsWith("steps:"), e.getMessage());
    }
}
