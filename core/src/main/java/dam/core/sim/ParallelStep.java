package dam.core.sim;

/**
 * The fast exact kernel of one parallel step: patterns grouped by overlap, counted with bit-sliced adders.
 *
 * <p>The field is h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu) (see {@link FieldCoefficients}). The
 * coefficient a(b_mu) depends on pattern mu only through b_mu, which takes few distinct values (about
 * 8 sqrt(N) / 2 of them for the random patterns, plus the condensed one). So the kernel
 * <ol>
 *   <li>computes every b_mu by popcount(row XOR sigma) ({@link PatternMatrix#overlap});</li>
 *   <li>sorts the patterns into groups g of equal |b_mu| (one counting-sort pass). Because a(-b) = (-1)^(n+1) a(b),
 *       a pattern with b &lt; 0 and even n joins the group of |b| with its row complemented, which turns
 *       xi a(b) into xi' a(|b|) with xi' = -xi;</li>
 *   <li>for each group, counts per neuron how many of its (possibly complemented) rows hold +1: 64 neurons at a
 *       time in bit planes (vertical counters), fed by a carry-save adder tree over 16 rows (Harley-Seal), about
 *       five word operations per row and 64 neurons;</li>
 *   <li>adds 2 a_g count_{g,i} to h_i, and finally -sum_g a_g n_g + sigma_i sum_mu d(b_mu), since
 *       sum_{mu in g} xi'_i^mu = 2 count_{g,i} - n_g.</li>
 * </ol>
 * Cost per state and step: about p N / 64 (popcount + 6) word operations plus (number of groups) x N for step 4,
 * against 2 p N multiply-adds for {@link DenseIntStep}.
 *
 * <p>Exactness: all field arithmetic is long arithmetic modulo 2^64 (ring operations only), and the field's range
 * is proved every step ({@link FieldCoefficients#bound} below 2^63, else ArithmeticException naming n and N), so
 * the final residue is the true h_i. The counts themselves are exact integers. Because the heavy work is done in
 * bit planes, only the final combination touches h, so a separate int path would bring nothing measurable; the
 * int fast path lives in {@link LookupTableStep}, the byte-sliced lookup-table design, kept for comparison.
 *
 * <p>Holds scratch buffers: use one instance per thread.
 */
public final class ParallelStep {

    private final PatternMatrix xi;
    private final FieldCoefficients coefficients;
    private final int p;
    private final int N;
    private final int words;
    private final boolean oddN;
    private final long[] rows;

    private int capacity = -1;
    private int[] b;               // b[s p + mu]
    private final int groupCount;
    private final int[] histogram;    // histogram[(b + N) / 2]: number of patterns with overlap b
    private final int[] groupSize;
    private final int[] planeAt;      // where each group's bit planes start in planes
    private final int[] planesUsed;   // how many planes each group's counts need
    private final int[] pending;      // pending[16 g + k]: row offsets waiting to be added to group g
    private final int[] pendingCount;
    private long[] planes;            // planes[planeAt[g] + j words + w]: bit j of group g's counts, neurons 64w..
    private final long[] h;

    /** A kernel for the patterns xi with coefficients of the same N. */
    public ParallelStep(PatternMatrix xi, FieldCoefficients coefficients) {
        if (coefficients.N() != xi.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + xi.N());
        }
        this.xi = xi;
        this.coefficients = coefficients;
        this.p = xi.p();
        this.N = xi.N();
        this.words = xi.words();
        this.oddN = coefficients.n() % 2 == 1;
        this.rows = xi.rows();
        this.groupCount = oddN ? N / 2 + 1 : N + 1;
        this.histogram = new int[N + 1];
        this.groupSize = new int[groupCount];
        this.planeAt = new int[groupCount];
        this.planesUsed = new int[groupCount];
        this.pending = new int[16 * groupCount];
        this.pendingCount = new int[groupCount];
        this.planes = new long[0];
        this.h = new long[N];
    }

    /** Writes sigma(t+1) of the {@code count} packed states {@code states[s words ..]} to {@code next[s words ..]}. */
    public void step(long[] states, int count, long[] next) {
        if (count < 1) {
            return;
        }
        if (count > capacity) {
            capacity = count;
            b = new int[Math.multiplyExact(count, p)];
        }
        overlaps(states, count);
        for (int s = 0; s < count; s++) {
            field(states, s * words, s * p);
            signs(states, s * words, next);
        }
    }

    /** b[s p + mu] for all states and patterns; each row is read once for the whole batch. */
    private void overlaps(long[] states, int count) {
        for (int mu = 0; mu < p; mu++) {
            int row = mu * words;
            for (int s = 0; s < count; s++) {
                int st = s * words;
                int differ = 0;
                for (int w = 0; w < words; w++) {
                    differ += Long.bitCount(rows[row + w] ^ states[st + w]);
                }
                b[s * p + mu] = N - 2 * differ;
            }
        }
    }

    /** h_i for the state at sigma[offset ..] whose overlaps are b[bAt .. bAt + p). */
    private void field(long[] sigma, int offset, int bAt) {
        java.util.Arrays.fill(histogram, 0);
        for (int mu = 0; mu < p; mu++) {
            histogram[(b[bAt + mu] + N) >> 1]++;
        }
        coefficients.boundFromHistogram(histogram); // throws when even long could overflow
        long sumD = 0;
        java.util.Arrays.fill(groupSize, 0);
        for (int k = 0; k <= N; k++) {
            sumD += coefficients.d(2 * k - N) * histogram[k];
            groupSize[groupKey(2 * k - N)] += histogram[k];
        }
        // Each group gets just the bit planes its size can fill.
        int at = 0;
        for (int g = 0; g < groupCount; g++) {
            planeAt[g] = at;
            planesUsed[g] = 32 - Integer.numberOfLeadingZeros(groupSize[g]);
            at += planesUsed[g] * words;
        }
        if (at > planes.length) {
            planes = new long[at];
        }
        java.util.Arrays.fill(planes, 0, at, 0L);
        // Patterns in storage order, so the rows stream from memory; each group collects 16 before adding them.
        java.util.Arrays.fill(pendingCount, 0);
        for (int mu = 0; mu < p; mu++) {
            int g = groupKey(b[bAt + mu]);
            int c = pendingCount[g];
            pending[g * 16 + c] = mu * words;
            if (c == 15) {
                addSixteenRows(g * 16, planeAt[g], planesUsed[g]);
                pendingCount[g] = 0;
            } else {
                pendingCount[g] = c + 1;
            }
        }
        java.util.Arrays.fill(h, 0L);
        long constant = 0;
        for (int g = 0; g < groupCount; g++) {
            if (groupSize[g] > 0) {
                for (int k = 0; k < pendingCount[g]; k++) {
                    addRow(pending[g * 16 + k], planeAt[g]);
                }
                long a = coefficients.a(groupB(g));
                constant += a * groupSize[g];
                addCounts(planeAt[g], planesUsed[g], 2 * a);
            }
        }
        for (int i = 0; i < N; i++) {
            h[i] += States.spin(sigma, offset, i) * sumD - constant;
        }
    }

    /** The group of overlap b: b itself, or |b| when n is odd (then a(-b) = a(b)). */
    private int groupKey(int b) {
        return oddN ? Math.abs(b) >> 1 : (b + N) >> 1;
    }

    /** An overlap b of group g (all members of a group share a(b)). */
    private int groupB(int g) {
        return oddN ? 2 * g + (N & 1) : 2 * g - N;
    }

    /** Adds weight * count_i to h_i, count_i being the vertical counter in planes[base ..] (used planes). */
    private void addCounts(int base, int used, long weight) {
        for (int w = 0; w < words; w++) {
            int top = Math.min(64, N - 64 * w);
            for (int bit = 0; bit < top; bit++) {
                long count = 0;
                for (int j = 0; j < used; j++) {
                    count |= (planes[base + j * words + w] >>> bit & 1L) << j;
                }
                h[64 * w + bit] += weight * count;
            }
        }
    }

    /** Adds one row to the vertical counter at planes[base ..] by ripple carry. */
    private void addRow(int row, int base) {
        for (int w = 0; w < words; w++) {
            long carry = rows[row + w];
            for (int j = base + w; carry != 0; j += words) {
                long t = planes[j] & carry;
                planes[j] ^= carry;
                carry = t;
            }
        }
    }

    /**
     * Adds sixteen rows to the vertical counters (Harley-Seal): a tree of carry-save adders (full adder on whole
     * words: sum = a ^ b ^ c, carry = majority(a, b, c)) folds them into planes 0..3 and one word of weight 16,
     * which ripples into the planes above. About 5 word operations per row instead of a ripple carry per row.
     */
    private void addSixteenRows(int m, int base, int used) {
        int r0 = pending[m], r1 = pending[m + 1], r2 = pending[m + 2], r3 = pending[m + 3];
        int r4 = pending[m + 4], r5 = pending[m + 5], r6 = pending[m + 6], r7 = pending[m + 7];
        int r8 = pending[m + 8], r9 = pending[m + 9], r10 = pending[m + 10], r11 = pending[m + 11];
        int r12 = pending[m + 12], r13 = pending[m + 13], r14 = pending[m + 14], r15 = pending[m + 15];
        int top = base + used * words;
        for (int w = 0; w < words; w++) {
            int at = base + w;
            long ones = planes[at];
            long twos = planes[at + words];
            long fours = planes[at + 2 * words];
            long eights = planes[at + 3 * words];
            long twosA, twosB, foursA, foursB, eightsA, eightsB, u, x, y;
            // rows m .. m+3 -> foursA
            x = rows[r0 + w]; y = rows[r1 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = rows[r2 + w]; y = rows[r3 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursA = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            // rows m+4 .. m+7 -> foursB, then eightsA
            x = rows[r4 + w]; y = rows[r5 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = rows[r6 + w]; y = rows[r7 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursB = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            u = fours ^ foursA; eightsA = (fours & foursA) | (u & foursB); fours = u ^ foursB;
            // rows m+8 .. m+15 -> eightsB
            x = rows[r8 + w]; y = rows[r9 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = rows[r10 + w]; y = rows[r11 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursA = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            x = rows[r12 + w]; y = rows[r13 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = rows[r14 + w]; y = rows[r15 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursB = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            u = fours ^ foursA; eightsB = (fours & foursA) | (u & foursB); fours = u ^ foursB;
            // eightsA + eightsB -> sixteens
            u = eights ^ eightsA;
            long sixteens = (eights & eightsA) | (u & eightsB);
            eights = u ^ eightsB;
            planes[at] = ones;
            planes[at + words] = twos;
            planes[at + 2 * words] = fours;
            planes[at + 3 * words] = eights;
            // A fixed number of ripple steps (the group size bounds the planes): no data-dependent branch.
            for (int j = at + 4 * words; j < top; j += words) {
                long t = planes[j] & sixteens;
                planes[j] ^= sixteens;
                sixteens = t;
            }
        }
    }

    /** sigma_i(t+1) = sgn(h_i), keeping sigma_i(t) on a tie. */
    private void signs(long[] states, int offset, long[] next) {
        for (int w = 0; w < words; w++) {
            long old = states[offset + w];
            long out = 0;
            int top = Math.min(64, N - 64 * w);
            for (int bit = 0; bit < top; bit++) {
                long hv = h[64 * w + bit];
                long v = hv > 0 ? 1L : hv < 0 ? 0L : old >>> bit & 1L;
                out |= v << bit;
            }
            next[offset + w] = out;
        }
    }
}
