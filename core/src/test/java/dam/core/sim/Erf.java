package dam.core.sim;

/** The error function for tests: Abramowitz and Stegun 7.1.26 is too coarse, so a series and a continued fraction. */
final class Erf {

    private Erf() {
    }

    /** erf(x) to about 1e-14 absolute. */
    static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        if (x < 2.5) {
            // Maclaurin series erf x = 2/sqrt(pi) sum_k (-1)^k x^(2k+1) / (k! (2k+1)), summed until negligible.
            double term = x;
            double sum = x;
            for (int k = 1; k < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
                term *= -x * x / k;
                sum += term / (2 * k + 1);
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        // erfc x = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + ...))))), evaluated backwards.
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return 1 - Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
