package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LogisticFitTest {

    @Test
    void recoversCentreAndWidthFromNoiseFreeCounts() {
        double centre = 0.62;
        double width = 0.05;
        double[] x = {0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8};
        int trials = 1_000_000;
        int[] k = new int[x.length];
        int[] n = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            n[i] = trials;
            k[i] = (int) Math.round(trials / (1 + Math.exp(-(x[i] - centre) / width)));
        }
        LogisticFit fit = LogisticFit.maximumLikelihood(x, k, n).orElseThrow();
        assertEquals(centre, fit.centre(), 1e-5);
        assertEquals(width, fit.width(), 1e-5);
        assertEquals(0.5, fit.probability(fit.centre()), 1e-12);
    }

    @Test
    void separatedDataHaveNoFiniteFit() {
        double[] x = {0.1, 0.2, 0.3};
        assertTrue(LogisticFit.maximumLikelihood(x, new int[] {0, 0, 5}, new int[] {5, 5, 5}).isEmpty());
        // Quasi-separation: a single mixed point with all failures below and all successes above.
        assertTrue(LogisticFit.maximumLikelihood(x, new int[] {0, 2, 5}, new int[] {5, 5, 5}).isEmpty());
    }

    @Test
    void fallingDataAreNotFittedAsARisingCurve() {
        Optional<LogisticFit> fit = LogisticFit.maximumLikelihood(
                new double[] {0.1, 0.2, 0.3}, new int[] {8, 5, 2}, new int[] {10, 10, 10});
        assertTrue(fit.isEmpty());
    }
}
