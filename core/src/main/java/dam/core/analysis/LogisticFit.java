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

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

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
        double xbar = 0;
        double total = 0;
        double k = 0;
        for (int i = 0; i < x.length; i++) {
            xbar += trials[i] * x[i];
            total += trials[i];
            k += successes[i];
        }
        xbar /= total;
        // Linear predictor eta = a + b (x - xbar); centring keeps the 2x2 Newton system well conditioned.
        double a = Math.log(k / (total - k));
        double b = 0;
        double logLikelihood = logLikelihood(x, xbar, successes, trials, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - xbar;
                double p = sigmoid(a + b * d);
                double residual = successes[i] - trials[i] * p;
                double weight = trials[i] * p * (1 - p);
                ga += residual;
                gb += residual * d;
                haa += weight;
                hab += weight * d;
                hbb += weight * d * d;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                return Optional.empty();
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // Step halving keeps every step an ascent step of the (concave) log-likelihood.
            double step = 1;
            double next = logLikelihood(x, xbar, successes, trials, a + da, b + db);
            while (next < logLikelihood - 1e-12 && step > 1e-6) {
                step /= 2;
                next = logLikelihood(x, xbar, successes, trials, a + step * da, b + step * db);
            }
            a += step * da;
            b += step * db;
            logLikelihood = next;
            if (Math.abs(step * da) + Math.abs(step * db) * (1 + Math.abs(xbar)) < TOLERANCE) {
                if (!(b > 0) || !Double.isFinite(a)) {
                    return Optional.empty();
                }
                return Optional.of(new LogisticFit(xbar - a / b, 1 / b));
            }
        }
        return Optional.empty();
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

    private static double logLikelihood(double[] x, double xbar, int[] successes, int[] trials, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = a + b * (x[i] - xbar);
            // k eta - n log(1 + e^eta), with log(1 + e^eta) evaluated without overflow.
            double softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
            sum += successes[i] * eta - trials[i] * softplus;
        }
        return sum;
    }

    private static double sigmoid(double eta) {
        return 1 / (1 + Math.exp(-eta));
    }
}
