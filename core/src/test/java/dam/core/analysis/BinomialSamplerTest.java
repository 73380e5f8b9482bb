package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class BinomialSamplerTest {

    @Test
    void meanAndVarianceMatchNpAndNpq() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        for (double p : new double[] {0.03, 0.5, 0.9}) {
            int trials = 40;
            BinomialSampler sampler = new BinomialSampler(rng, trials, p);
            int draws = 200_000;
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < draws; i++) {
                int k = sampler.sample();
                sum += k;
                sumSquares += (double) k * k;
            }
            double mean = sum / draws;
            double variance = sumSquares / draws - mean * mean;
            double np = trials * p;
            double npq = np * (1 - p);
            // Standard error of the mean sqrt(npq / draws) < 0.006; of the variance about npq sqrt(2 / draws).
            assertEquals(np, mean, 0.03, "mean at p = " + p);
            assertEquals(npq, variance, 0.02 * npq + 0.01, "variance at p = " + p);
        }
    }

    @Test
    void extremeProbabilitiesGiveTheirCertainOutcome() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        BinomialSampler none = new BinomialSampler(rng, 20, 0);
        BinomialSampler all = new BinomialSampler(rng, 20, 1);
        BinomialSampler almostNone = new BinomialSampler(rng, 20, 1e-300);
        BinomialSampler almostAll = new BinomialSampler(rng, 20, 1 - 1e-16);
        // Where commons-rng's Marsaglia-Tsang-Wang table sampler throws an index out of bounds.
        BinomialSampler nearlyAll = new BinomialSampler(rng, 40, 1 - 1e-11);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, none.sample());
            assertEquals(20, all.sample());
            assertEquals(0, almostNone.sample());
            assertEquals(20, almostAll.sample());
            assertEquals(40, nearlyAll.sample());
        }
    }
}
