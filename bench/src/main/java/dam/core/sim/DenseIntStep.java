package dam.core.sim;

/**
 * One parallel step the straightforward way, O(p N) per state: a dense byte matrix xi[mu][i] in {-1, +1},
 * b = xi sigma, then h = xi^T a + sigma sum_mu d (int when the field bound allows it, long otherwise). This is
 * what a careful programmer writes first, and the baseline the fast {@link ParallelStep} is benchmarked against.
 */
public final class DenseIntStep {

    private final FieldCoefficients coefficients;
    private final int p;
    private final int N;
    private final int words;
    private final byte[] xi; // xi[mu N + i]
    private final byte[] sigma;
    private final int[] b;
    private final int[] hInt;
    private final long[] hLong;

    /** A dense copy of the patterns with coefficients of the same N. */
    public DenseIntStep(PatternMatrix patterns, FieldCoefficients coefficients) {
        if (coefficients.N() != patterns.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + patterns.N());
        }
        this.coefficients = coefficients;
        this.p = patterns.p();
        this.N = patterns.N();
        this.words = patterns.words();
        this.xi = new byte[Math.multiplyExact(p, N)];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < N; i++) {
                xi[mu * N + i] = (byte) patterns.xi(mu, i);
            }
        }
        this.sigma = new byte[N];
        this.b = new int[p];
        this.hInt = new int[N];
        this.hLong = new long[N];
    }

    /** Writes sigma(t+1) of the packed state {@code state[offset ..]} to {@code next[nextOffset ..]}. */
    public void step(long[] state, int offset, long[] next, int nextOffset) {
        for (int i = 0; i < N; i++) {
            sigma[i] = (byte) States.spin(state, offset, i);
        }
        for (int mu = 0; mu < p; mu++) {
            int row = mu * N;
            int sum = 0;
            for (int j = 0; j < N; j++) {
                sum += xi[row + j] * sigma[j];
            }
            b[mu] = sum;
        }
        long bound = coefficients.bound(b, 0, p, 1);
        long sumD = 0;
        for (int mu = 0; mu < p; mu++) {
            sumD += coefficients.d(b[mu]);
        }
        java.util.Arrays.fill(next, nextOffset, nextOffset + words, 0L);
        if (bound < FieldCoefficients.INT_LIMIT) {
            int d = (int) sumD;
            for (int i = 0; i < N; i++) {
                hInt[i] = sigma[i] * d;
            }
            for (int mu = 0; mu < p; mu++) {
                int a = (int) coefficients.a(b[mu]);
                int row = mu * N;
                for (int i = 0; i < N; i++) {
                    hInt[i] += xi[row + i] * a;
                }
            }
            for (int i = 0; i < N; i++) {
                setSign(next, nextOffset, i, Integer.signum(hInt[i]));
            }
        } else {
            for (int i = 0; i < N; i++) {
                hLong[i] = sigma[i] * sumD;
            }
            for (int mu = 0; mu < p; mu++) {
                long a = coefficients.a(b[mu]);
                int row = mu * N;
                for (int i = 0; i < N; i++) {
                    hLong[i] += xi[row + i] * a;
                }
            }
            for (int i = 0; i < N; i++) {
                setSign(next, nextOffset, i, Long.signum(hLong[i]));
            }
        }
    }

    private void setSign(long[] next, int offset, int i, int sign) {
        int s = sign != 0 ? sign : sigma[i];
        if (s > 0) {
            next[offset + (i >>> 6)] |= 1L << i;
        }
    }
}
