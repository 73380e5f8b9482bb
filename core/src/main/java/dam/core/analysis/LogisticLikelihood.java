package dam.core.analysis;

import java.util.function.DoubleUnaryOperator;

/**
 * The binomial likelihood of a rising logistic curve through counts k_i of n_i trials at points x_i, and its maximum
 * by Newton's method (IRLS) with step halving: the one fit behind {@link LogisticFit} and {@link BoundaryEstimate}.
 * The two constants differ only in where exp and log come from, which decides the fit's last bits:
 * {@link BoundaryEstimate} needs {@link #STRICT} (the planner's choices must be the same on every JVM),
 * {@link LogisticFit} has always used {@link #MATH}.
 */
enum LogisticLikelihood {

    /** java.lang.Math: exp and log may be the platform's intrinsics, so the last bit may differ between JVMs. */
    MATH(Math::exp, Math::log, Math::log1p),

    /** StrictMath: the same bits on every JVM. */
    STRICT(StrictMath::exp, StrictMath::log, StrictMath::log1p);

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private final DoubleUnaryOperator exp;
    private final DoubleUnaryOperator log;
    private final DoubleUnaryOperator log1p;

    LogisticLikelihood(DoubleUnaryOperator exp, DoubleUnaryOperator log, DoubleUnaryOperator log1p) {
        this.exp = exp;
        this.log = log;
        this.log1p = log1p;
    }

    /** 1 / (1 + e^-eta). */
    double sigmoid(double eta) {
        return 1 / (1 + exp.applyAsDouble(-eta));
    }

    /**
     * The rising maximum as {centre, slope b = 1 / width}, by Newton's method with step halving in the predictor
     * a + b (x - xbar); null where it does not converge to a finite rising curve. The caller checks that successes
     * and failures overlap ({@link LogisticFit#overlaps}); otherwise there is no finite maximum.
     */
    double[] maximum(double[] x, int[] successes, int[] trials) {
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
        double a = log.applyAsDouble(k / (total - k));
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
                return null;
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
                    return null;
                }
                return new double[] {xbar - a / b, b};
            }
        }
        return null;
    }

    /** sum k eta - n log(1 + e^eta) over the points, eta = a + b (x - xbar). */
    private double logLikelihood(double[] x, double xbar, int[] successes, int[] trials, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = a + b * (x[i] - xbar);
            // log(1 + e^eta) evaluated without overflow.
            double softplus = eta > 0 ? eta + log1p.applyAsDouble(exp.applyAsDouble(-eta))
                    : log1p.applyAsDouble(exp.applyAsDouble(eta));
            sum += successes[i] * eta - trials[i] * softplus;
        }
        return sum;
    }
}
