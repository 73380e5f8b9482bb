package dam.core.sim;

/**
 * Sequential dynamics: one sweep updates the N neurons one at a time in a given order (a fresh random
 * permutation per sweep in {@link TrialRunner}), each from the current state, with the overlaps b_mu kept up
 * to date after every flip. One time step is one sweep.
 *
 * <p>The field of neuron i is h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu) in wrapping long arithmetic,
 * exact because the bound sum_mu |a(b_mu)| + |sum_mu d(b_mu)| is kept exactly and checked below 2^63 after every
 * flip (see {@link FieldCoefficients}). Holds scratch buffers: use one instance per thread.
 */
public final class SequentialSweep {

    private final PatternMatrix xi;
    private final FieldCoefficients coefficients;
    private final int p;
    private final int[] b;
    private final long[] a;
    private final byte[] slices;

    /** A sweeper for the patterns xi with coefficients of the same N. */
    public SequentialSweep(PatternMatrix xi, FieldCoefficients coefficients) {
        if (coefficients.N() != xi.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + xi.N());
        }
        this.xi = xi;
        this.coefficients = coefficients;
        this.p = xi.p();
        this.b = new int[xi.chunks() * 8];
        this.a = new long[xi.chunks() * 8]; // padding patterns keep a = 0
        this.slices = xi.slices();
    }

    /** Updates the packed state sigma (offset 0) in place, neuron order[0] first; returns the number of flips. */
    public int sweep(long[] sigma, int[] order) {
        long sumAbsA = 0;
        long sumD = 0;
        for (int mu = 0; mu < p; mu++) {
            b[mu] = xi.overlap(mu, sigma, 0);
            a[mu] = coefficients.a(b[mu]);
        }
        try {
            for (int mu = 0; mu < p; mu++) {
                sumAbsA = Math.addExact(sumAbsA, coefficients.exactAbsA(b[mu]));
                sumD = Math.addExact(sumD, coefficients.exactD(b[mu]));
            }
            Math.addExact(sumAbsA, Math.absExact(sumD));
        } catch (ArithmeticException e) {
            throw coefficients.overflow();
        }
        int flips = 0;
        int chunks = xi.chunks();
        int N = xi.N();
        for (int i : order) {
            int spin = States.spin(sigma, 0, i);
            long h = spin * sumD;
            for (int c = 0; c < chunks; c++) {
                int x = slices[c * N + i] & 0xFF;
                int at = c * 8;
                for (int k = 0; k < 8; k++) {
                    h += (x >>> k & 1) != 0 ? a[at + k] : -a[at + k];
                }
            }
            int sign = Long.signum(h);
            if (sign == 0 || sign == spin) {
                continue;
            }
            flips++;
            sigma[i >>> 6] ^= 1L << i;
            // b_mu changes by xi_i^mu (sigma_new - sigma_old) = 2 xi_i^mu sign.
            try {
                for (int mu = 0; mu < p; mu++) {
                    int old = b[mu];
                    int nb = old + 2 * sign * xi.xi(mu, i);
                    b[mu] = nb;
                    a[mu] = coefficients.a(nb);
                    sumAbsA = Math.addExact(Math.subtractExact(sumAbsA, coefficients.exactAbsA(old)), coefficients.exactAbsA(nb));
                    sumD = Math.addExact(Math.subtractExact(sumD, coefficients.exactD(old)), coefficients.exactD(nb));
                }
                Math.addExact(sumAbsA, Math.absExact(sumD));
            } catch (ArithmeticException e) {
                throw coefficients.overflow();
            }
        }
        return flips;
    }
}
