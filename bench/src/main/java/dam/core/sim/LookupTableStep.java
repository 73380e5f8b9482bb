package dam.core.sim;

/**
 * An exact kernel of one parallel step by byte-sliced lookup tables, for a batch of states sharing a pattern set.
 * It was the first fast design; {@link ParallelStep} measured about 4x faster (n=3, N=512), so this class stays as
 * a second, independent exact implementation (with the int fast path and long path the tests exercise) and as a
 * column of the throughput benchmark.
 *
 * <p>Field: h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu) (see {@link FieldCoefficients}). The first sum
 * is computed by byte-sliced lookup tables (the "Four Russians" trick): for each chunk c of eight patterns the
 * table U[x] = sum_{k &lt; 8} (bit k of x ? +a_{8c+k} : -a_{8c+k}) is built with one addition per entry, then every
 * neuron adds U[x_i] where x_i is its byte of pattern bits ({@link PatternMatrix#slice}). For a batch of L states
 * the table rows U[x][0..L) and fields h[i][0..L) are contiguous, so the inner loop is an L-wide add that the JIT
 * could vectorise. Cost per state and step: about (p / 8) (256 + N) / L adds plus p N / 64 popcounts for b.
 * Measured: the JDK 17 C2 compiler does not vectorise these short loops with two different array offsets, so
 * they run scalar, which is why the bit-plane design of {@link ParallelStep} wins.
 *
 * <p>The range of the field is proved per step ({@link FieldCoefficients#bound}): the int path runs when every
 * state's bound is below 2^31, the long path otherwise; a bound of 2^63 or more throws ArithmeticException.
 * {@link DenseIntStep} computes the same map the straightforward way; tests compare both with {@link ReferenceStep}.
 *
 * <p>Holds scratch buffers: use one instance per thread.
 */
public final class LookupTableStep {

    /** Lanes are padded to a multiple of this so the vector loop has no scalar tail. */
    static final int LANE_ALIGN = 8;

    private final PatternMatrix xi;
    private final FieldCoefficients coefficients;
    private final int p;
    private final int N;
    private final int words;
    private final int chunks;
    private final byte[] slices;
    private boolean forceLong;

    private int capacity = -1;
    private int[] b;
    private long[] bound;
    private int[] aInt;
    private int[] tableInt;
    private int[] hInt;
    private long[] aLong;
    private long[] tableLong;
    private long[] hLong;
    private long[] sumD;

    /** A kernel for the patterns xi with coefficients of the same N. */
    public LookupTableStep(PatternMatrix xi, FieldCoefficients coefficients) {
        if (coefficients.N() != xi.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + xi.N());
        }
        this.xi = xi;
        this.coefficients = coefficients;
        this.p = xi.p();
        this.N = xi.N();
        this.words = xi.words();
        this.chunks = xi.chunks();
        this.slices = xi.slices();
    }

    /** Makes every step take the long path (tests compare it with the int path). */
    LookupTableStep forceLongPath() {
        forceLong = true;
        return this;
    }

    /** Writes sigma(t+1) of the {@code count} packed states {@code states[s words ..]} to {@code next[s words ..]}. */
    public void step(long[] states, int count, long[] next) {
        if (count < 1) {
            return;
        }
        int L = (count + LANE_ALIGN - 1) / LANE_ALIGN * LANE_ALIGN;
        ensureCapacity(L);
        long maxBound = overlapsAndBounds(states, count, L);
        if (maxBound < FieldCoefficients.INT_LIMIT && !forceLong) {
            intField(states, count, L);
            signs(states, count, L, next, hInt, null);
        } else {
            longField(states, count, L);
            signs(states, count, L, next, null, hLong);
        }
    }

    private void ensureCapacity(int L) {
        if (L <= capacity) {
            return;
        }
        capacity = L;
        int paddedP = chunks * 8;
        b = new int[paddedP * L];
        bound = new long[L];
        sumD = new long[L];
        aInt = new int[paddedP * L];
        tableInt = new int[256 * L];
        hInt = new int[N * L];
        aLong = null;
        tableLong = null;
        hLong = null;
    }

    /** b[mu L + s] for all patterns and states; returns the largest field bound over the states. */
    private long overlapsAndBounds(long[] states, int count, int L) {
        for (int mu = 0; mu < p; mu++) {
            int at = mu * L;
            for (int s = 0; s < count; s++) {
                b[at + s] = xi.overlap(mu, states, s * words);
            }
        }
        long max = 0;
        for (int s = 0; s < count; s++) {
            bound[s] = coefficients.bound(b, s, p, L);
            max = Math.max(max, bound[s]);
            long sd = 0;
            for (int mu = 0, at = s; mu < p; mu++, at += L) {
                sd += coefficients.d(b[at]);
            }
            sumD[s] = sd;
        }
        return max;
    }

    private void intField(long[] states, int count, int L) {
        // Padding lanes (s >= count) and padding patterns (mu >= p) get a = 0 and contribute nothing.
        java.util.Arrays.fill(aInt, 0);
        for (int mu = 0; mu < p; mu++) {
            int at = mu * L;
            for (int s = 0; s < count; s++) {
                aInt[at + s] = (int) coefficients.a(b[at + s]);
            }
        }
        int[] h = hInt;
        for (int i = 0; i < N; i++) {
            for (int s = 0; s < L; s++) {
                h[i * L + s] = s < count ? States.spin(states, s * words, i) * (int) sumD[s] : 0;
            }
        }
        int[] u = tableInt;
        for (int c = 0; c < chunks; c++) {
            int a0 = c * 8 * L;
            for (int s = 0; s < L; s++) {
                int sum = 0;
                for (int k = 0; k < 8; k++) {
                    sum += aInt[a0 + k * L + s];
                }
                u[s] = -sum;
            }
            for (int x = 1; x < 256; x++) {
                int from = (x & (x - 1)) * L;
                int ak = a0 + Integer.numberOfTrailingZeros(x) * L;
                int to = x * L;
                for (int s = 0; s < L; s++) {
                    u[to + s] = u[from + s] + 2 * aInt[ak + s];
                }
            }
            int sliceAt = c * N;
            for (int i = 0; i < N; i++) {
                int row = (slices[sliceAt + i] & 0xFF) * L;
                int hi = i * L;
                for (int s = 0; s < L; s++) {
                    h[hi + s] += u[row + s];
                }
            }
        }
    }

    private void longField(long[] states, int count, int L) {
        if (hLong == null) {
            aLong = new long[chunks * 8 * L];
            tableLong = new long[256 * L];
            hLong = new long[N * L];
        }
        java.util.Arrays.fill(aLong, 0);
        for (int mu = 0; mu < p; mu++) {
            int at = mu * L;
            for (int s = 0; s < count; s++) {
                aLong[at + s] = coefficients.a(b[at + s]);
            }
        }
        long[] h = hLong;
        for (int i = 0; i < N; i++) {
            for (int s = 0; s < L; s++) {
                h[i * L + s] = s < count ? States.spin(states, s * words, i) * sumD[s] : 0;
            }
        }
        long[] u = tableLong;
        for (int c = 0; c < chunks; c++) {
            int a0 = c * 8 * L;
            for (int s = 0; s < L; s++) {
                long sum = 0;
                for (int k = 0; k < 8; k++) {
                    sum += aLong[a0 + k * L + s];
                }
                u[s] = -sum;
            }
            for (int x = 1; x < 256; x++) {
                int from = (x & (x - 1)) * L;
                int ak = a0 + Integer.numberOfTrailingZeros(x) * L;
                int to = x * L;
                for (int s = 0; s < L; s++) {
                    u[to + s] = u[from + s] + 2 * aLong[ak + s];
                }
            }
            int sliceAt = c * N;
            for (int i = 0; i < N; i++) {
                int row = (slices[sliceAt + i] & 0xFF) * L;
                int hi = i * L;
                for (int s = 0; s < L; s++) {
                    h[hi + s] += u[row + s];
                }
            }
        }
    }

    /** sigma_i(t+1) = sgn(h_i), keeping sigma_i(t) on a tie; exactly one of hInt, hLong is non-null. */
    private void signs(long[] states, int count, int L, long[] next, int[] hInt, long[] hLong) {
        for (int s = 0; s < count; s++) {
            int base = s * words;
            for (int w = 0; w < words; w++) {
                long old = states[base + w];
                long out = 0;
                int top = Math.min(64, N - 64 * w);
                for (int bit = 0; bit < top; bit++) {
                    int at = (64 * w + bit) * L + s;
                    int sign = hInt != null ? Integer.signum(hInt[at]) : Long.signum(hLong[at]);
                    long keep = old >>> bit & 1L;
                    long v = sign > 0 ? 1L : sign < 0 ? 0L : keep;
                    out |= v << bit;
                }
                next[base + w] = out;
            }
        }
    }
}
