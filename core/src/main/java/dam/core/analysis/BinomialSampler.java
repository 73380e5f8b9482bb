package dam.core.analysis;

import dam.core.Require;
import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws from Binomial(trials, p) by inversion of its tabulated distribution function: exact for every
 * p in [0, 1], including probabilities so close to 0 or 1 that faster table methods break down.
 * Setup costs O(trials), each draw O(log trials).
 */
final class BinomialSampler {

    private final UniformRandomProvider rng;
    private final double[] cumulative;

    /** A sampler of Binomial(trials, p) drawing uniforms from rng. */
    BinomialSampler(UniformRandomProvider rng, int trials, double p) {
        Require.atLeast("trials", trials, 0);
        Require.within("p", p, 0, 1);
        this.rng = rng;
        this.cumulative = cumulative(trials, p);
    }

    /** One draw. */
    int sample() {
        int k = Arrays.binarySearch(cumulative, rng.nextDouble());
        // Not found: (-(insertion point) - 1); the first k with F(k) > u is the insertion point.
        int index = k >= 0 ? k + 1 : -k - 1;
        return Math.min(index, cumulative.length - 1);
    }

    /** F(k) = P(X &lt;= k), k = 0..trials, from log-probabilities scaled by their maximum (no underflow at the mode). */
    private static double[] cumulative(int trials, double p) {
        double[] f = new double[trials + 1];
        if (p == 0 || p == 1) {
            // Degenerate: all mass at 0 or at trials.
            Arrays.fill(f, p == 0 ? 1 : 0);
            f[trials] = 1;
            return f;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double[] logPmf = new double[trials + 1];
        double logChoose = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= trials; k++) {
            logPmf[k] = logChoose + k * logP + (trials - k) * logQ;
            max = Math.max(max, logPmf[k]);
            logChoose += Math.log(trials - k) - Math.log(k + 1);
        }
        double sum = 0;
        for (int k = 0; k <= trials; k++) {
            sum += Math.exp(logPmf[k] - max);
            f[k] = sum;
        }
        for (int k = 0; k <= trials; k++) {
            f[k] /= sum;
        }
        f[trials] = 1;
        return f;
    }
}
