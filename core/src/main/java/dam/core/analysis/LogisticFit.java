package dam.core.analysis;

import java.util.Optional;

/**
 * The maximum-likelihood logistic curve P(x) = 1 / (1 + exp(-(x - centre) / width)) through binomial
 * counts k_i of n_i trials at points x_i.
 *
 * @param centre where P crosses 1/2
 * @param width  the scale w of the rise (P goes from 0.27 to 0.73 over 2w); &gt; 0 for a rising curve
 */
public record LogisticFit(double centre, double width) {

    /** P(x) of the fitted curve. */
    public double probability(double x) {
        return 1 / (1 + Math.exp(-(x - centre) / width));
    }

    /**
     * The rising logistic curve maximising the binomial likelihood, by Newton's method (IRLS), or empty
     * where no finite rising maximum exists: no overlap of successes and failures (separated data), a
     * falling fit, or no convergence.
     */
    public static Optional<LogisticFit> maximumLikelihood(double[] x, int[] successes, int[] trials) {
        if (!overlaps(x, successes, trials)) {
            return Optional.empty();
        }
        double[] fit = LogisticLikelihood.MATH.maximum(x, successes, trials);
        return fit == null ? Optional.empty() : Optional.of(new LogisticFit(fit[0], 1 / fit[1]));
    }

    /**
     * Whether successes and failures overlap in x, the condition for a finite maximum: some failure lies
     * strictly above some success. Otherwise the data are (quasi-)separated and the slope runs off to infinity.
     */
    static boolean overlaps(double[] x, int[] successes, int[] trials) {
        double lowestSuccess = Double.POSITIVE_INFINITY;
        double highestFailure = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (successes[i] > 0) {
                lowestSuccess = Math.min(lowestSuccess, x[i]);
            }
            if (successes[i] < trials[i]) {
                highestFailure = Math.max(highestFailure, x[i]);
            }
        }
        return highestFailure > lowestSuccess;
    }
}
