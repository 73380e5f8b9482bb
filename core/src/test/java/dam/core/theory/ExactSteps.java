package dam.core.theory;

import dam.core.model.MemoryModel;

/**
 * The first two steps of the effective process in closed form, independent of the solver: Gaussian averages by
 * Simpson quadrature (or erf at temperature 0), the kernel P from the model's P(1) and P'.
 *
 * <p>h(0) = m0^l + sqrt(alpha) phi(0) does not involve sigma(0), so m(1) = E_z f(m0^l + sqrt(alpha P(1)) z) with
 * f = sgn (temperature 0) or tanh(beta .), C(1, 0) = m0 m(1) and G(1, 0) = d m(1) / d m0^l. At t = 1 the retarded
 * field is k sigma(0), k = alpha P'(C(1, 0)) G(1, 0) (n &gt;= 3) or alpha G(1, 0) (n = 2, R(1, 0) = G(1, 0)), and
 * phi(1) has variance P(1) (n &gt;= 3) or 1 + 2 G(1, 0) C(1, 0) + G(1, 0)^2 (n = 2, (K C K^T)(1, 1) with
 * K(1, 0) = G(1, 0)); sigma(1) does not enter h(1), so m(2) averages f(m(1)^l + k sigma(0) + noise) over sigma(0).
 */
final class ExactSteps {

    /** m(1), m(2), C(1, 0) and G(1, 0). */
    record TwoSteps(double m1, double m2, double c10, double g10) {
    }

    private ExactSteps() {
    }

    static TwoSteps of(MemoryModel model, int n, double alpha, double temperature, double m0) {
        NoiseKernel kernel = NoiseKernel.of(model, n);
        int l = n - 1;
        double p1 = model.crosstalkVariance(n).doubleValue();
        double s0 = Math.sqrt(alpha * p1);
        double m1 = mean(Math.pow(m0, l), s0, temperature);
        double g10 = slope(Math.pow(m0, l), s0, temperature);
        double c10 = m0 * m1;
        double k;
        double s1;
        if (n == 2) {
            k = alpha * g10;
            s1 = Math.sqrt(alpha * (1 + 2 * g10 * c10 + g10 * g10));
        } else {
            k = alpha * kernel.derivative(c10) * g10;
            s1 = s0;
        }
        double drive = Math.pow(m1, l);
        double m2 = (1 + m0) / 2 * mean(drive + k, s1, temperature) + (1 - m0) / 2 * mean(drive - k, s1, temperature);
        return new TwoSteps(m1, m2, c10, g10);
    }

    /** E_z f(a + s z): erf(a / (s sqrt 2)) at temperature 0, E_z tanh((a + s z) / temperature) otherwise. */
    static double mean(double a, double s, double temperature) {
        if (temperature == 0) {
            return Gaussian.erf(a / (s * Math.sqrt(2)));
        }
        return gaussianAverage(z -> Math.tanh((a + s * z) / temperature));
    }

    /** d/da E_z f(a + s z): 2 phi(a / s) / s at temperature 0, beta E_z [1 - tanh^2(beta (a + s z))] otherwise. */
    static double slope(double a, double s, double temperature) {
        if (temperature == 0) {
            return 2 * Math.exp(-0.5 * (a / s) * (a / s)) / Math.sqrt(2 * Math.PI) / s;
        }
        return gaussianAverage(z -> {
            double th = Math.tanh((a + s * z) / temperature);
            return (1 - th * th) / temperature;
        });
    }

    /** E_z g(z) for a standard normal z: composite Simpson on [-12, 12] with 4800 intervals. */
    static double gaussianAverage(java.util.function.DoubleUnaryOperator g) {
        int intervals = 4800;
        double lo = -12;
        double h = 24.0 / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double z = lo + i * h;
            double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * Math.exp(-0.5 * z * z) * g.applyAsDouble(z);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }
}
