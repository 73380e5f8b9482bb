package dam.core.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The fast exact kernel of one parallel step: patterns grouped by overlap, counted with bit-sliced adders.
 *
 * <p>The field is h_i = sum_mu xi_i^mu a(b_mu) + sigma_i sum_mu d(b_mu) (see {@link FieldCoefficients}; the dense
 * or the p-body model, whichever the coefficients are of: the kernel only reads a(b) and d(b)). The
 * coefficient a(b_mu) depends on pattern mu only through b_mu, which takes few distinct values (about
 * 4 sqrt(N) of them for the random patterns, plus the condensed one). So, with groups g of patterns of equal
 * a(b) (equal b, or equal |b| when n is odd since then a(-b) = a(b) in both models: a has the parity of n - 1),
 *     h_i = sum_g a_g (2 count_{g,i} - n_g) + sigma_i sum_mu d(b_mu),
 * where n_g is the size of group g and count_{g,i} the number of its patterns with xi_i = +1. For each state the
 * kernel
 * <ol>
 *   <li>streams the pattern rows once, a block of 256 rows at a time: first b_mu = N - 2 popcount(row XOR sigma)
 *       for the block (the state's words in locals), then each row queued for its group;</li>
 *   <li>when a group has 16 rows queued, adds them to the group's per-neuron counts, kept 64 neurons at a time in
 *       bit planes (vertical counters) and fed by a carry-save adder tree (Harley-Seal) on rows that are still in
 *       cache: about five operations per row per 64 neurons on scalar words, per 512 neurons on AVX-512 vector
 *       lanes ({@link Lanes}). The tree's carries of weight 16 are parked and go through the same tree 16 at a time,
 *       so the ripple up the high planes happens once per 256 rows, not once per 16; a group's last rows and
 *       carries go through the tree padded with zero rows;</li>
 *   <li>at the end turns each group's bit planes into counts, eight neurons (scalar) or 64 neurons (vector) at a
 *       time, and sums the field.</li>
 * </ol>
 * Cost per state and step: about p N / 64 x (popcount + 6) word operations on scalar words, plus (number of
 * groups) x N for step 3, against 2 p N multiply-adds for {@link DenseIntStep}. (Streaming the rows once for the
 * whole batch instead, with per-state counters, measured slower: the counters of ten states no longer fit in the
 * L2 cache; sharing blocks of rows between two or all states measured no faster. Profile and measured
 * alternatives: bench/README.md.)
 *
 * <p>Lanes: rows, the state and the bit planes are stored at a stride of whole vectors (zero words as padding), so
 * the vector loops have no scalar tail; both lanes compute the same bits, and the kernel-agreement tests run both.
 *
 * <p>Exactness: all field arithmetic is long arithmetic modulo 2^64 (ring operations only), and the field's range
 * is proved every step (sum over the overlap groups of n_g (|a(b_g)| + |d(b_g)|) below 2^63, else
 * ArithmeticException naming n and N), so the final residue is the true h_i. The counts themselves are exact
 * integers. Because the heavy work is done in bit planes, only the final combination touches h, so a separate int
 * path would bring nothing measurable; the int fast path lives in {@link LookupTableStep}, the byte-sliced
 * lookup-table design, which this kernel replaced (measured about 4x slower at n=3, N=512) and which is kept as a
 * second exact implementation.
 *
 * <p>Update: sign dynamics ({@link #step(long[], int, long[])}: sigma_i(t+1) = sgn h_i, kept on a tie) or Glauber
 * dynamics ({@link #step(long[], int, long[], Glauber, UniformRandomProvider[])}: the same exact field, then one
 * uniform draw per neuron, neurons 0 .. N-1 in turn, from each state's own thermal stream).
 *
 * <p>Holds scratch buffers: use one instance per thread.
 */
public final class ParallelStep {

    private final FieldCoefficients coefficients;
    private final Lanes lanes;
    private final WordOps ops;
    private final int p;
    private final int N;
    private final int words;
    private final int stride;          // words per row, state and plane in this kernel's arrays (padded to lanes)
    private final boolean oddN;
    private final long[] rows;        // the pattern rows at the padded stride (xi's own array when no padding)
    private final long[] sigma;       // the current state at the padded stride

    private final int groupCount;
    private final int[] groupOf;      // groupOf[(b + N) / 2]: the group of overlap b
    private final long[] dOf;         // dOf[(b + N) / 2] = d(b) modulo 2^64
    private long sumD;                // sum_mu d(b_mu) modulo 2^64, summed with the overlaps
    private static final int BLOCK = 256; // rows whose overlaps are computed before they are queued
    private final int[] block = new int[BLOCK]; // (b + N) / 2 of the rows of the current block
    private final int[] groupSize;
    private final int planesPerGroup;  // bit planes reserved per group: enough to count all p patterns, at least 8
    private final int regionSize;      // a group's planes, then 16 slots (stride long) for its carries of weight 16
    private final int[] pending;      // pending[16 g + k]: row offsets waiting to be added to group g
    private final int[] pendingCount;
    private final int[] carryCount;   // carryCount[g]: carry words of weight 16 parked in group g's slots
    private final int[] slotOffsets = new int[16];
    private final long[] tail;        // a group's last rows (fewer than 16), padded with zero rows
    private final int[] region;       // region[g]: where group g's planes start in planes, or -1 before its first row
    private int regionsUsed;
    private long[] planes;            // planes[region[g] + j stride + w]: bit j of group g's counts, neurons 64w..
    private final long[] h;           // the fields, padded to whole 64-bit words of neurons

    /**
     * A kernel for the patterns xi with coefficients of the same N, on the lanes {@link Lanes#best()} chooses, except
     * that rows of one word (N &lt;= 64) take scalar words: padded to a whole vector they measured no faster.
     */
    public ParallelStep(PatternMatrix xi, FieldCoefficients coefficients) {
        this(xi, coefficients, xi.words() == 1 ? Lanes.SCALAR : Lanes.best());
    }

    /**
     * A kernel for the patterns xi with coefficients of the same N, on the given lanes.
     *
     * @throws IllegalStateException for {@link Lanes#VECTOR} when the vector lanes are not available
     */
    public ParallelStep(PatternMatrix xi, FieldCoefficients coefficients, Lanes lanes) {
        if (coefficients.N() != xi.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + xi.N());
        }
        this.coefficients = coefficients;
        this.lanes = lanes;
        this.ops = lanes.ops();
        this.p = xi.p();
        this.N = xi.N();
        this.words = xi.words();
        this.stride = ops.stride(words);
        this.oddN = coefficients.n() % 2 == 1;
        this.rows = padded(xi.rows(), p, words, stride);
        this.sigma = new long[stride];
        this.groupCount = oddN ? N / 2 + 1 : N + 1;
        this.groupOf = new int[N + 1];
        this.dOf = new long[N + 1];
        for (int k = 0; k <= N; k++) {
            groupOf[k] = groupKey(2 * k - N);
            dOf[k] = coefficients.d(2 * k - N);
        }
        this.groupSize = new int[groupCount];
        this.planesPerGroup = Math.max(8, 32 - Integer.numberOfLeadingZeros(p)) * stride;
        this.pending = new int[16 * groupCount];
        this.pendingCount = new int[groupCount];
        this.region = new int[groupCount];
        this.regionSize = planesPerGroup + 16 * stride;
        this.carryCount = new int[groupCount];
        for (int k = 0; k < 16; k++) {
            slotOffsets[k] = k * stride;
        }
        this.tail = new long[16 * stride];
        this.planes = new long[16 * regionSize];
        this.h = new long[64 * words];
    }

    /** The rows at the padded stride: the array itself when no padding is needed, else a zero-padded copy. */
    private static long[] padded(long[] rows, int p, int words, int stride) {
        if (stride == words) {
            return rows;
        }
        long[] out = new long[Math.multiplyExact(p, stride)];
        for (int mu = 0; mu < p; mu++) {
            System.arraycopy(rows, mu * words, out, mu * stride, words);
        }
        return out;
    }

    /** The lanes this kernel runs on. */
    public Lanes lanes() {
        return lanes;
    }

    /**
     * Writes sigma(t+1) of the {@code count} packed states {@code states[s words ..]} to {@code next[s words ..]} by
     * sign dynamics (temperature 0).
     */
    public void step(long[] states, int count, long[] next) {
        for (int s = 0; s < count; s++) {
            System.arraycopy(states, s * words, sigma, 0, words); // the padding words stay zero
            field();
            signs(states, s * words, next);
        }
    }

    /**
     * Writes sigma(t+1) of the {@code count} packed states to {@code next} by Glauber dynamics: state s draws N
     * uniform doubles from thermal[s], the i-th for neuron i (i = 0 .. N-1), and neuron i takes
     * {@link Glauber#spin}(h_i, draw).
     */
    public void step(long[] states, int count, long[] next, Glauber glauber, UniformRandomProvider[] thermal) {
        if (thermal.length < count) {
            throw new IllegalArgumentException("thermal: one stream per state, got " + thermal.length + " for " + count);
        }
        for (int s = 0; s < count; s++) {
            System.arraycopy(states, s * words, sigma, 0, words);
            field();
            draws(glauber, thermal[s], next, s * words);
        }
    }

    /**
     * h_i for the state in sigma, in one pass over the patterns in storage order: each row is read for its
     * overlap and, while still in cache, queued for its group; a group adds its rows 16 at a time.
     */
    private void field() {
        java.util.Arrays.fill(groupSize, 0);
        java.util.Arrays.fill(pendingCount, 0);
        java.util.Arrays.fill(carryCount, 0);
        java.util.Arrays.fill(region, -1);
        regionsUsed = 0;
        sumD = 0;
        overlapsInGroups();
        checkRange();
        java.util.Arrays.fill(h, 0L);
        long constant = 0;
        for (int g = 0; g < groupCount; g++) {
            int size = groupSize[g] + pendingCount[g];
            if (size > 0) {
                int base = finishGroup(g);
                long a = coefficients.a(groupB(g));
                constant += a * size;
                int used = 32 - Integer.numberOfLeadingZeros(size);
                ops.addCounts(planes, base, used, stride, words, 2 * a, h);
                java.util.Arrays.fill(planes, base, base + used * stride, 0L);
            }
        }
        for (int i = 0; i < N; i++) {
            h[i] += States.spin(sigma, 0, i) * sumD - constant;
        }
    }

    /**
     * Proves the field exact before it is used: every h_i is a sum of the terms +-a(b_mu) and +-d(b_mu), so
     * |h_i| &lt;= sum_mu (|a(b_mu)| + |d(b_mu)|) = sum_g n_g (|a(b_g)| + |d(b_g)|) (|a| and |d| are even functions
     * of b, so they are shared within a group). Below 2^63, the wrapping long arithmetic gives the true h_i (see
     * {@link FieldCoefficients}); sumD too, its true value being bounded the same way.
     *
     * @throws ArithmeticException naming n and N when the bound reaches 2^63
     */
    private void checkRange() {
        long bound = 0;
        try {
            for (int g = 0; g < groupCount; g++) {
                int size = groupSize[g] + pendingCount[g];
                if (size > 0) {
                    int b = groupB(g);
                    long perPattern = Math.addExact(coefficients.exactAbsA(b), Math.absExact(coefficients.exactD(b)));
                    bound = Math.addExact(bound, Math.multiplyExact(perPattern, size));
                }
            }
        } catch (ArithmeticException e) {
            throw coefficients.overflow();
        }
    }

    /**
     * Every row's overlap b_mu = N - 2 popcount(row XOR sigma), then each row queued for its group, a block of
     * {@link #BLOCK} rows at a time: the counting loop then runs without the queue's branches, and the block's
     * rows are still in cache when a group adds them. The padding words are zero in rows and state, so only the
     * first {@code words} words are counted, eight (or four) at a time with the state's words in locals: reloading
     * them for every row made the overlaps twice as slow (bench/README.md).
     */
    private void overlapsInGroups() {
        long sd = 0; // sum of d(b_mu), in a local: a field would be stored and reloaded every row
        for (int mu0 = 0; mu0 < p; mu0 += BLOCK) {
            int count = Math.min(BLOCK, p - mu0);
            int row0 = mu0 * stride;
            int w = 0;
            for (; w + 8 <= words; w += 8) {
                differ8(row0, count, w, w == 0);
            }
            for (; w + 4 <= words; w += 4) {
                differ4(row0, count, w, w == 0);
            }
            for (; w < words; w++) {
                long s = sigma[w];
                boolean first = w == 0;
                for (int m = 0, at = row0 + w; m < count; m++, at += stride) {
                    block[m] = (first ? 0 : block[m]) + Long.bitCount(rows[at] ^ s);
                }
            }
            for (int m = 0, row = row0; m < count; m++, row += stride) {
                int k = N - block[m];
                sd += dOf[k];
                queue(row, k);
            }
        }
        sumD = sd;
    }

    /**
     * Adds popcount(row XOR sigma) over words w .. w+7 to block[m] (to 0 when first) for the count rows from offset
     * row0.
     */
    private void differ8(int row0, int count, int w, boolean first) {
        long s0 = sigma[w], s1 = sigma[w + 1], s2 = sigma[w + 2], s3 = sigma[w + 3];
        long s4 = sigma[w + 4], s5 = sigma[w + 5], s6 = sigma[w + 6], s7 = sigma[w + 7];
        for (int m = 0, at = row0 + w; m < count; m++, at += stride) {
            block[m] = (first ? 0 : block[m]) + Long.bitCount(rows[at] ^ s0) + Long.bitCount(rows[at + 1] ^ s1)
                    + Long.bitCount(rows[at + 2] ^ s2) + Long.bitCount(rows[at + 3] ^ s3)
                    + Long.bitCount(rows[at + 4] ^ s4) + Long.bitCount(rows[at + 5] ^ s5)
                    + Long.bitCount(rows[at + 6] ^ s6) + Long.bitCount(rows[at + 7] ^ s7);
        }
    }

    /** As {@link #differ8} for the words w .. w+3. */
    private void differ4(int row0, int count, int w, boolean first) {
        long s0 = sigma[w], s1 = sigma[w + 1], s2 = sigma[w + 2], s3 = sigma[w + 3];
        for (int m = 0, at = row0 + w; m < count; m++, at += stride) {
            block[m] = (first ? 0 : block[m]) + Long.bitCount(rows[at] ^ s0) + Long.bitCount(rows[at + 1] ^ s1)
                    + Long.bitCount(rows[at + 2] ^ s2) + Long.bitCount(rows[at + 3] ^ s3);
        }
    }

    /**
     * Queues the row at offset row for its group, adding 16 when full; k = (b + N) / 2 = N - popcount(row XOR
     * sigma). (The overlaps go into sumD and the group sizes, not a histogram: its increments are slower,
     * consecutive rows of one overlap waiting on each other's stores.)
     */
    private void queue(int row, int k) {
        int g = groupOf[k];
        int c = pendingCount[g];
        pending[g * 16 + c] = row;
        if (c == 15) {
            addSixteenRows(g, rows, pending, g * 16, 16);
            pendingCount[g] = 0;
        } else {
            pendingCount[g] = c + 1;
        }
    }

    /**
     * Adds group g's last queued rows (fewer than 16, through the same tree with zero rows as padding) and its
     * parked carries, so that its planes hold the final counts; returns the start of its planes.
     */
    private int finishGroup(int g) {
        int c = pendingCount[g];
        if (c > 0) {
            for (int k = 0; k < c; k++) {
                System.arraycopy(rows, pending[g * 16 + k], tail, k * stride, stride);
            }
            java.util.Arrays.fill(tail, c * stride, 16 * stride, 0L);
            addSixteenRows(g, tail, slotOffsets, 0, c);
            pendingCount[g] = 0;
        }
        int base = regionOf(g);
        int k = carryCount[g];
        if (k > 0) {
            int slots = base + planesPerGroup;
            java.util.Arrays.fill(planes, slots + k * stride, slots + 16 * stride, 0L);
            foldCarries(g, base);
        }
        return base;
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
     * Adds sixteen rows src[offsets[m + k] ..] (of which {@code added} are real, the rest zero) to group g: the
     * carry-save tree folds them into planes 0..3 and parks the word of weight 16 it leaves in one of the group's
     * 16 carry slots; when the slots are full, the same tree folds them into planes 4..7 and only its word of
     * weight 256 ripples into the planes above. Rippling every 16 rows instead cost 13% of the step (n=3, N=512,
     * alpha=0.2, scalar words).
     */
    private void addSixteenRows(int g, long[] src, int[] offsets, int m, int added) {
        int base = regionOf(g);
        groupSize[g] += added;
        int slot = carryCount[g];
        ops.addSixteen(src, offsets, m, 0, planes, base, base + planesPerGroup + slot * stride, stride);
        if (slot == 15) {
            foldCarries(g, base);
        } else {
            carryCount[g] = slot + 1;
        }
    }

    /**
     * Folds group g's 16 carry slots (weight 16; unused slots zero) into planes 4..7 and ripples the word of weight
     * 256 into planes 8 and up, as far as the group's size can reach (a fixed number of steps, no data-dependent
     * branch). The carry of weight 256 overwrites slot 0: word w of a slot is read before word w is written.
     */
    private void foldCarries(int g, int base) {
        int slots = base + planesPerGroup;
        ops.addSixteen(planes, slotOffsets, 0, slots, planes, base + 4 * stride, slots, stride);
        int top = base + (32 - Integer.numberOfLeadingZeros(groupSize[g])) * stride;
        ops.ripple(planes, slots, base + 8 * stride, top, stride);
        carryCount[g] = 0;
    }

    /** Glauber dynamics: neuron i = 0 .. N-1 takes glauber's spin for h_i and the next draw of thermal. */
    private void draws(Glauber glauber, UniformRandomProvider thermal, long[] next, int offset) {
        for (int w = 0; w < words; w++) {
            long out = 0;
            int top = Math.min(64, N - 64 * w);
            for (int bit = 0; bit < top; bit++) {
                if (glauber.spin(h[64 * w + bit], thermal.nextDouble()) > 0) {
                    out |= 1L << bit;
                }
            }
            next[offset + w] = out;
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
