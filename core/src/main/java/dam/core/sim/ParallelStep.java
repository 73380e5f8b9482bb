package dam.core.sim;

/**
 * The fast exact kernel of one parallel step: patterns grouped by overlap, counted with bit-sliced adders.
 *
 * <p>The field is h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu) (see {@link FieldCoefficients}). The
 * coefficient a(b_mu) depends on pattern mu only through b_mu, which takes few distinct values (about
 * 4 sqrt(N) of them for the random patterns, plus the condensed one). So, with groups g of patterns of equal
 * a(b) (equal b, or equal |b| when n is odd since then a(-b) = a(b)),
 *     h_i = sum_g a_g (2 count_{g,i} - n_g) + sigma_i sum_mu d(b_mu),
 * where n_g is the size of group g and count_{g,i} the number of its patterns with xi_i = +1. For each state the
 * kernel
 * <ol>
 *   <li>streams the pattern rows once, computing b_mu = N - 2 popcount(row XOR sigma) and queueing the row for
 *       its group;</li>
 *   <li>when a group has 16 rows queued, adds them to the group's per-neuron counts, kept 64 neurons at a time in
 *       bit planes (vertical counters) and fed by a carry-save adder tree (Harley-Seal): about five word
 *       operations per row and 64 neurons, on rows that are still in cache. The tree's carries of weight 16 are
 *       parked and go through the same tree 16 at a time, so the ripple up the high planes happens once per 256
 *       rows, not once per 16;</li>
 *   <li>at the end turns each group's bit planes into counts, eight neurons at a time, and sums the field.</li>
 * </ol>
 * Cost per state and step: about p N / 64 x (popcount + 6) word operations, plus (number of groups) x N for step
 * 3, against 2 p N multiply-adds for {@link DenseIntStep}. (Streaming the rows once for the whole batch instead,
 * with per-state counters, measured slower: the counters of ten states no longer fit in the L2 cache; sharing
 * blocks of rows between two or all states measured no faster, the step being bound by the word operations.
 * Profile and measured alternatives: bench/README.md.)
 *
 * <p>Exactness: all field arithmetic is long arithmetic modulo 2^64 (ring operations only), and the field's range
 * is proved every step ({@link FieldCoefficients#boundFromHistogram} below 2^63, else ArithmeticException naming
 * n and N), so the final residue is the true h_i. The counts themselves are exact integers. Because the heavy
 * work is done in bit planes, only the final combination touches h, so a separate int path would bring nothing
 * measurable; the int fast path lives in {@link LookupTableStep}, the byte-sliced lookup-table design, which this
 * kernel replaced (measured about 4x slower at n=3, N=512) and which is kept as a second exact implementation.
 *
 * <p>Holds scratch buffers: use one instance per thread.
 */
public final class ParallelStep {

    private final FieldCoefficients coefficients;
    private final int p;
    private final int N;
    private final int words;
    private final boolean oddN;
    private final long[] rows;

    private final int groupCount;
    private final int[] histogram;    // histogram[(b + N) / 2]: number of patterns with overlap b
    private final int[] groupSize;
    private final int planesPerGroup;  // bit planes reserved per group: enough to count all p patterns
    private final int regionSize;      // a group's planes, then 16 slots (words long) for its carries of weight 16
    private final int[] pending;      // pending[16 g + k]: row offsets waiting to be added to group g
    private final int[] pendingCount;
    private final int[] carryCount;   // carryCount[g]: carry words of weight 16 parked in group g's slots
    private final int[] slotOffsets = new int[16];
    private final int[] region;       // region[g]: where group g's planes start in planes, or -1 before its first row
    private int regionsUsed;
    private long[] planes;            // planes[region[g] + j words + w]: bit j of group g's counts, neurons 64w..
    private final long[] h;
    private final long[] count8 = new long[8];

    /** SPREAD[x]: byte lane k holds bit k of x. */
    private static final long[] SPREAD = new long[256];

    static {
        for (int x = 0; x < 256; x++) {
            for (int k = 0; k < 8; k++) {
                SPREAD[x] |= (long) (x >>> k & 1) << (8 * k);
            }
        }
    }

    /** A kernel for the patterns xi with coefficients of the same N. */
    public ParallelStep(PatternMatrix xi, FieldCoefficients coefficients) {
        if (coefficients.N() != xi.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + xi.N());
        }
        this.coefficients = coefficients;
        this.p = xi.p();
        this.N = xi.N();
        this.words = xi.words();
        this.oddN = coefficients.n() % 2 == 1;
        this.rows = xi.rows();
        this.groupCount = oddN ? N / 2 + 1 : N + 1;
        this.histogram = new int[N + 1];
        this.groupSize = new int[groupCount];
        this.planesPerGroup = (32 - Integer.numberOfLeadingZeros(p)) * words;
        this.pending = new int[16 * groupCount];
        this.pendingCount = new int[groupCount];
        this.region = new int[groupCount];
        this.regionSize = planesPerGroup + 16 * words;
        this.carryCount = new int[groupCount];
        for (int k = 0; k < 16; k++) {
            slotOffsets[k] = k * words;
        }
        this.planes = new long[16 * regionSize];
        this.h = new long[N];
    }

    /** Writes sigma(t+1) of the {@code count} packed states {@code states[s words ..]} to {@code next[s words ..]}. */
    public void step(long[] states, int count, long[] next) {
        for (int s = 0; s < count; s++) {
            field(states, s * words);
            signs(states, s * words, next);
        }
    }

    /**
     * h_i for the state at sigma[offset ..], in one pass over the patterns in storage order: each row is read
     * for its overlap and, while still in cache, queued for its group; a group adds its rows 16 at a time.
     */
    private void field(long[] sigma, int offset) {
        java.util.Arrays.fill(histogram, 0);
        java.util.Arrays.fill(groupSize, 0);
        java.util.Arrays.fill(pendingCount, 0);
        java.util.Arrays.fill(carryCount, 0);
        java.util.Arrays.fill(region, -1);
        regionsUsed = 0;
        for (int mu = 0; mu < p; mu++) {
            int row = mu * words;
            int differ = 0;
            for (int w = 0; w < words; w++) {
                differ += Long.bitCount(rows[row + w] ^ sigma[offset + w]);
            }
            int b = N - 2 * differ;
            histogram[(b + N) >> 1]++;
            int g = groupKey(b);
            int c = pendingCount[g];
            pending[g * 16 + c] = row;
            if (c == 15) {
                addPendingRows(g);
                pendingCount[g] = 0;
            } else {
                pendingCount[g] = c + 1;
            }
        }
        coefficients.boundFromHistogram(histogram); // throws when even long could overflow
        long sumD = 0;
        for (int k = 0; k <= N; k++) {
            if (histogram[k] != 0) {
                sumD += coefficients.d(2 * k - N) * histogram[k];
            }
        }
        java.util.Arrays.fill(h, 0L);
        long constant = 0;
        for (int g = 0; g < groupCount; g++) {
            int size = groupSize[g] + pendingCount[g];
            if (size > 0) {
                int base = regionOf(g);
                for (int k = 0; k < pendingCount[g]; k++) {
                    addRow(rows, pending[g * 16 + k], base);
                }
                for (int k = 0; k < carryCount[g]; k++) {
                    addRow(planes, base + planesPerGroup + k * words, base + 4 * words);
                }
                long a = coefficients.a(groupB(g));
                constant += a * size;
                int used = 32 - Integer.numberOfLeadingZeros(size);
                addCounts(base, used, 2 * a);
                java.util.Arrays.fill(planes, base, base + used * words, 0L);
            }
        }
        for (int i = 0; i < N; i++) {
            h[i] += States.spin(sigma, offset, i) * sumD - constant;
        }
    }

    /**
     * The start of group g's bit planes, assigned on first use: only the groups that occur get planes (a few
     * times sqrt(N) of them), not all N + 1 possible ones. Planes are zero when assigned (zeroed after use).
     */
    private int regionOf(int g) {
        int at = region[g];
        if (at < 0) {
            at = regionsUsed * regionSize;
            regionsUsed++;
            if (at + regionSize > planes.length) {
                planes = java.util.Arrays.copyOf(planes, Math.max(2 * planes.length, at + regionSize));
            }
            region[g] = at;
        }
        return at;
    }

    /** The group of overlap b: b itself, or |b| when n is odd (then a(-b) = a(b)). */
    private int groupKey(int b) {
        return oddN ? Math.abs(b) >> 1 : (b + N) >> 1;
    }

    /** An overlap b of group g (all members of a group share a(b)). */
    private int groupB(int g) {
        return oddN ? 2 * g + (N & 1) : 2 * g - N;
    }

    /**
     * Adds weight * count_i to h_i, count_i being the vertical counter in planes[base ..] (used planes). The bit
     * planes are turned into counts eight neurons at a time: SPREAD[x] puts bit k of the byte x into byte lane k,
     * so summing SPREAD[plane byte] << j over eight planes j gives eight 8-bit counts in one long.
     */
    private void addCounts(int base, int used, long weight) {
        for (int w = 0; w < words; w++) {
            int top = Math.min(64, N - 64 * w);
            for (int at = 0; at < top; at += 8) {
                java.util.Arrays.fill(count8, 0L);
                for (int j0 = 0; j0 < used; j0 += 8) {
                    long lanes = 0;
                    int jEnd = Math.min(used, j0 + 8);
                    for (int j = j0; j < jEnd; j++) {
                        lanes += SPREAD[(int) (planes[base + j * words + w] >>> at) & 0xFF] << (j - j0);
                    }
                    for (int k = 0; k < 8; k++) {
                        count8[k] += (lanes >>> 8 * k & 0xFF) << j0;
                    }
                }
                int neuron = 64 * w + at;
                int n8 = Math.min(8, top - at);
                for (int k = 0; k < n8; k++) {
                    h[neuron + k] += weight * count8[k];
                }
            }
        }
    }

    /**
     * Adds group g's 16 queued rows: the carry-save tree folds them into planes 0..3 and parks the word of weight
     * 16 it leaves in one of the group's 16 carry slots; when the slots are full, the same tree folds them into
     * planes 4..7 and only its word of weight 256 ripples into the planes above. Rippling every 16 rows instead
     * cost 13% of the step (n=3, N=512, alpha=0.2).
     */
    private void addPendingRows(int g) {
        int base = regionOf(g);
        int added = groupSize[g] + 16;
        groupSize[g] = added;
        int slot = carryCount[g];
        addSixteen(rows, pending, g * 16, 0, base, base + planesPerGroup + slot * words);
        if (slot == 15) {
            // The carry of weight 256 may overwrite slot 0: word w of a slot is read before word w is written.
            int slots = base + planesPerGroup;
            addSixteen(planes, slotOffsets, 0, slots, base + 4 * words, slots);
            int top = base + (32 - Integer.numberOfLeadingZeros(added)) * words;
            for (int w = 0; w < words; w++) {
                long carry = planes[slots + w];
                // A fixed number of ripple steps (the group size bounds the planes): no data-dependent branch.
                for (int j = base + 8 * words + w; j < top; j += words) {
                    long t = planes[j] & carry;
                    planes[j] ^= carry;
                    carry = t;
                }
            }
            carryCount[g] = 0;
        } else {
            carryCount[g] = slot + 1;
        }
    }

    /** Adds src[from ..] (a row, or a carry slot of weight 1 relative to base) to the counter at planes[base ..]. */
    private void addRow(long[] src, int from, int base) {
        for (int w = 0; w < words; w++) {
            long carry = src[from + w];
            for (int j = base + w; carry != 0; j += words) {
                long t = planes[j] & carry;
                planes[j] ^= carry;
                carry = t;
            }
        }
    }

    /**
     * Adds the sixteen rows src[shift + offsets[m + k] ..] (k < 16) to the four planes at planes[base ..]
     * (Harley-Seal): a tree of carry-save adders (full adder on whole words: sum = a ^ b ^ c, carry =
     * majority(a, b, c)) folds them in and leaves one word of weight 16 per 64 neurons, stored at planes[carryTo ..].
     * About 5 word operations per row.
     */
    private void addSixteen(long[] src, int[] offsets, int m, int shift, int base, int carryTo) {
        int r0 = shift + offsets[m], r1 = shift + offsets[m + 1];
        int r2 = shift + offsets[m + 2], r3 = shift + offsets[m + 3];
        int r4 = shift + offsets[m + 4], r5 = shift + offsets[m + 5];
        int r6 = shift + offsets[m + 6], r7 = shift + offsets[m + 7];
        int r8 = shift + offsets[m + 8], r9 = shift + offsets[m + 9];
        int r10 = shift + offsets[m + 10], r11 = shift + offsets[m + 11];
        int r12 = shift + offsets[m + 12], r13 = shift + offsets[m + 13];
        int r14 = shift + offsets[m + 14], r15 = shift + offsets[m + 15];
        for (int w = 0; w < words; w++) {
            int at = base + w;
            long ones = planes[at];
            long twos = planes[at + words];
            long fours = planes[at + 2 * words];
            long eights = planes[at + 3 * words];
            long twosA, twosB, foursA, foursB, eightsA, eightsB, u, x, y;
            // rows m .. m+3 -> foursA
            x = src[r0 + w]; y = src[r1 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = src[r2 + w]; y = src[r3 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursA = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            // rows m+4 .. m+7 -> foursB, then eightsA
            x = src[r4 + w]; y = src[r5 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = src[r6 + w]; y = src[r7 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursB = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            u = fours ^ foursA; eightsA = (fours & foursA) | (u & foursB); fours = u ^ foursB;
            // rows m+8 .. m+15 -> eightsB
            x = src[r8 + w]; y = src[r9 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = src[r10 + w]; y = src[r11 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
            u = twos ^ twosA; foursA = (twos & twosA) | (u & twosB); twos = u ^ twosB;
            x = src[r12 + w]; y = src[r13 + w]; u = ones ^ x; twosA = (ones & x) | (u & y); ones = u ^ y;
            x = src[r14 + w]; y = src[r15 + w]; u = ones ^ x; twosB = (ones & x) | (u & y); ones = u ^ y;
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
            planes[carryTo + w] = sixteens;
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
