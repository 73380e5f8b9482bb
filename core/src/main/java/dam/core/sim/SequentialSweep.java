package dam.core.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Sequential dynamics: one sweep updates the N neurons one at a time in a given order (a fresh random
 * permutation per sweep in {@link TrialRunner}), each from the current state. One time step is one sweep.
 *
 * <p>The field of neuron i is h_i = sum_mu xi_i^mu a(b_mu) + sigma_i D with D = sum_mu d(b_mu) (see
 * {@link FieldCoefficients}; the dense or the p-body model, whichever the coefficients are of). The sweep keeps the
 * overlaps b_mu, the coefficients a(b_mu) and the sums A = sum_mu a, W = sum_mu |a| and D up to date: a flip of neuron j to s changes every overlap by 2 s xi_j^mu, so
 * an update costs O(p), and a field costs O(p) as one pass over neuron i's column of the patterns:
 * h_i = 2 S_i - A + sigma_i D with S_i = sum of a(b_mu) over the patterns with xi_i^mu = +1. A sweep is O(p N),
 * like a parallel step, and both passes run on SIMD int lanes where the Vector API is present ({@link Lanes};
 * numbers in bench/README.md).
 *
 * <p>Exactness. The int lanes hold k a(b) and k d(b) exactly, k being the scale of {@link IntPolynomial} that
 * makes them integer polynomials (1 for the dense model, 2 for the p-body model at n = 3, 6 at n = 4), and compute
 * k h_i; the sign is that of h_i, and a finite-temperature update divides by k (exactly) to draw from h_i itself.
 * This fast path is taken only when k |a(b)| and k |d(b)| are below 2^31 for every overlap N neurons can produce
 * (checked once, against {@link FieldCoefficients}). The sums A, W and D (of the scaled coefficients) are exact
 * longs. S_i is computed modulo 2^32 and lies between the sum L of the negative a(b_mu) and L + W, so while
 * W &lt; 2^32 it is L plus the residue of S_i - L, exactly; h_i is then exact in long. When W reaches 2^32, or the
 * coefficients do not fit an int, the sweep continues on the long path: h_i summed in wrapping long arithmetic
 * from the byte slices (unscaled), exact because sum_mu |a(b_mu)| + |D| is kept exactly and checked below 2^63
 * after every flip (else ArithmeticException naming n and N).
 *
 * <p>Packed quarter squares (n = 3, where k a(b) = slope b^2 + intercept: 6 b^2 + 8 for the dense model, b^2 + 2 - N
 * for the p-body model, and most of the time goes into the fields). Every overlap has the parity of N, so
 * b^2 = 4 q + parity with q = (b^2 - parity) / 4 and S_i = 4 slope sum q + (slope parity + intercept) n_i
 * (dense: 24 sum q + (6 parity + 8) n_i), n_i being the number of patterns with xi_i^mu = +1. The update stores q in
 * 16-bit halves of int lanes, clamped to 32767 (|b| up to 362, about 11 standard deviations of a random overlap at
 * N = 1024); the outliers past the clamp (the condensed patterns: the one being retrieved, mixtures) come from a
 * watch list renewed by a full scan every {@value #WATCH_UPDATES} updates (see findOutliers). A field is the clamped sum on 32 short lanes ({@link ColumnOps#dotQuarterSquares}, three vector operations per 16
 * patterns where the int lanes take four, exact modulo 2^32 and in [0, Q], Q the sum of every pattern's clamped q)
 * plus the excess of the outliers whose bit is set. This path's width is Q: while Q &lt; 2^32 the clamped sum is its
 * residue, exactly, and h_i follows in long (the coefficients fit an int, so |h_i| &lt; 2 p 2^31 &lt; 2^63); where
 * Q reaches 2^32 the sweep continues on the long path. With more than {@code outlierCapacity} outliers the sweep
 * falls back to the int lanes until it next starts from a new state. The a array is then stale: only the int lanes
 * read it.
 *
 * <p>Skipping settled neurons. Whether neuron i flips is a function of the state alone, so a neuron whose field was
 * computed without a flip at the current state needs no second look until some neuron flips: the sweeper numbers
 * the states it passes through ({@code version}, one more at every flip or change from outside) and skips a neuron
 * checked at the current number. This changes no trajectory; it saves the fields of the neurons that the previous
 * sweep checked after its last flip and that come before the first flip of this one (most of the last sweeps of a
 * trial, the final flip-free one in particular).
 *
 * <p>Finite temperature ({@link #sweep(long[], int[], Glauber, UniformRandomProvider)}): every neuron in the order
 * draws one uniform double from the trial's thermal stream and takes the spin {@link Glauber#spin} gives for its
 * exact field h_i; no neuron is skipped (a draw is made for every update, so the skip above does not apply).
 *
 * <p>A sweep that starts from the state the previous sweep ended in reuses its overlaps. Holds scratch buffers:
 * use one instance per thread.
 */
public final class SequentialSweep {

    /** The width (W on the int lanes, Q on the packed quarter squares) must stay below this for those paths. */
    static final long WIDTH_LIMIT = 1L << 32;
    /** The smallest |b| whose quarter square passes the clamp: (363^2 - 1) / 4 &gt; 32767 &gt;= 362^2 / 4. */
    static final int OUTLIER_OVERLAP = 363;
    /** Updates between two full scans for the watch list of outliers. */
    static final int WATCH_UPDATES = 32;

    private final PatternMatrix xi;
    private final FieldCoefficients coefficients;
    private final Lanes lanes;
    private final int p;
    private final int N;
    private final int words;

    // The int-lane path (null ops when the coefficients do not fit an int).
    private final ColumnOps ops;
    private final IntPolynomial polyA;  // scale a(b)
    private final IntPolynomial polyD;  // scale d(b)
    private final int scale;            // the int paths compute scale h_i
    private final int maxAbs;          // max over overlaps of scale |a(b)| and scale |d(b)|, below 2^31
    private final int blocks;
    private final int[] slot = new int[64];
    private final int[] b;             // overlaps, pattern 64k + t at 64k + slot[t]
    private final int[] a;             // scale a(b) modulo 2^32 (exact)
    private final int[] padding;       // the indices of the padding entries of the last block
    private final boolean aNonNegative; // a(b) >= 0 for every overlap: then W = A
    private final boolean dLinear;      // d(b) = slope b + intercept: then D follows from sum_mu b_mu
    private final int[] columnSum;      // sum_mu xi_i^mu per neuron (the change of sum_mu b_mu when i flips, / 2s)
    private long sumB;                  // sum_mu b_mu, kept when dLinear
    private final long[] sums = new long[3]; // A, width (W, or Q when packed), D: scaled
    private final long[] last;         // the state the last int-lane sweep ended in (its b, a, sums are current)
    private boolean current;
    private final long[] checkedAt;    // per neuron: the state number at which its field last showed no flip
    // The quarter-square path (a = slope b^2 + intercept: n = 3), see the class comment.
    private final boolean quarterSquares; // the path is possible for these coefficients and lanes
    private boolean packed;              // pairs, outliers and excess are current (a is not)
    private final int parity;            // N mod 2: b^2 = 4 q + parity
    private final int[] pairs;           // the quarter squares q(b_mu) clamped to 16 bits, packed (ColumnOps)
    private final int[] outliers;        // the entries whose q exceeds the clamp
    private final long[] excess;         // their q minus the clamp
    private int outlierCount;
    private final int[] watch = new int[256]; // every entry that can pass the clamp before the next scan
    private int watchCount;
    private int updatesSinceScan;
    private final int[] bitOfSlot = new int[64];
    int outlierCapacity = 32;            // more outliers than this: the int-lane path (tests lower it; -1: never packed)
    private long version = 1;          // the number of the current state (checkedAt starts below it)
    int longPathAfterFlips = Integer.MAX_VALUE; // tests: continue on the long path after this many flips

    // The long path.
    private int[] longB;
    private long[] longA;

    /** A sweeper for the patterns xi with coefficients of the same N, on the lanes {@link Lanes#best()} chooses. */
    public SequentialSweep(PatternMatrix xi, FieldCoefficients coefficients) {
        this(xi, coefficients, Lanes.best());
    }

    /**
     * A sweeper for the patterns xi with coefficients of the same N, on the given lanes.
     *
     * @throws IllegalStateException for {@link Lanes#VECTOR} when the vector lanes are not available
     */
    public SequentialSweep(PatternMatrix xi, FieldCoefficients coefficients, Lanes lanes) {
        if (coefficients.N() != xi.N()) {
            throw new IllegalArgumentException("N: coefficients are for N=" + coefficients.N() + ", patterns for N=" + xi.N());
        }
        this.xi = xi;
        this.coefficients = coefficients;
        this.lanes = lanes;
        this.p = xi.p();
        this.N = xi.N();
        this.words = xi.words();
        this.blocks = xi.blocks();
        IntPolynomial.Pair pair = intPolynomials(coefficients);
        this.polyA = pair.a();
        this.polyD = pair.d();
        this.scale = pair.scale();
        this.maxAbs = pair.scale() == 0 ? -1 : intRange(coefficients, polyA, polyD, scale);
        ColumnOps columnOps = lanes.columnOps();
        this.ops = maxAbs < 0 ? null : columnOps;
        this.b = ops == null ? null : new int[64 * blocks];
        this.a = ops == null ? null : new int[64 * blocks];
        this.last = new long[words];
        this.checkedAt = new long[N];
        if (ops != null) {
            for (int t = 0; t < 64; t++) {
                slot[t] = ops.slot(t);
            }
        }
        boolean nonNegative = true;
        for (int bb = -N; bb <= N; bb += 2) {
            nonNegative &= coefficients.a(bb) >= 0;
        }
        this.aNonNegative = nonNegative;
        this.dLinear = polyD.linear() && !polyD.inSquare();
        this.columnSum = ops != null && dLinear ? columnSums(xi) : null;
        this.padding = new int[64 * blocks - p];
        for (int mu = p; mu < 64 * blocks; mu++) {
            padding[mu - p] = index(mu);
        }
        this.parity = N & 1;
        if (b != null) {
            for (int at : padding) {
                b[at] = parity; // every entry holds an overlap of N's parity, so b^2 = 4 q + parity
            }
        }
        this.quarterSquares = ops != null && ops.hasQuarterSquares() && dLinear && polyA.linear() && polyA.inSquare();
        this.pairs = quarterSquares ? new int[32 * blocks] : null;
        this.outliers = new int[64];
        this.excess = new long[outliers.length];
        if (ops != null) {
            for (int t = 0; t < 64; t++) {
                bitOfSlot[slot[t]] = t;
            }
        }
    }

    /**
     * The int polynomials of the coefficients, or (for orders so high that their scale exceeds an int, where the
     * scaled values could not fit an int anyway) the dense ones with scale 0, which sends every sweep to the long
     * path.
     */
    private static IntPolynomial.Pair intPolynomials(FieldCoefficients coefficients) {
        try {
            return IntPolynomial.of(coefficients.cavity());
        } catch (ArithmeticException e) {
            IntPolynomial.Pair dense = IntPolynomial.of(new dam.core.model.Interaction(coefficients.n()));
            return new IntPolynomial.Pair(dense.a(), dense.d(), 0);
        }
    }

    /**
     * The largest scale |a(b)| and scale |d(b)| over the overlaps of N neurons if all are below 2^31 (after checking
     * that the polynomials reproduce the table), else -1.
     */
    private static int intRange(FieldCoefficients c, IntPolynomial polyA, IntPolynomial polyD, int scale) {
        long max = 0;
        for (int b = -c.N(); b <= c.N(); b += 2) {
            long absA;
            long d;
            try {
                absA = Math.multiplyExact(c.exactAbsA(b), scale);
                d = Math.multiplyExact(c.exactD(b), scale);
            } catch (ArithmeticException e) {
                return -1;
            }
            if (absA > Integer.MAX_VALUE || Math.abs(d) > Integer.MAX_VALUE) {
                return -1;
            }
            if (polyA.at(b) != (int) (c.a(b) * scale) || polyD.at(b) != (int) d) {
                throw new IllegalStateException("IntPolynomial disagrees with FieldCoefficients at n=" + c.n() + ", b=" + b
                        + " (" + c.model().key() + ")");
            }
            max = Math.max(max, Math.max(absA, Math.abs(d)));
        }
        return (int) max;
    }

    /** sum_mu xi_i^mu for every neuron i: 2 popcount(column) - p. */
    private static int[] columnSums(PatternMatrix xi) {
        long[] cols = xi.columns();
        int blocks = xi.blocks();
        int[] out = new int[xi.N()];
        for (int i = 0; i < out.length; i++) {
            int ones = 0;
            for (int k = 0; k < blocks; k++) {
                ones += Long.bitCount(cols[i * blocks + k]);
            }
            out[i] = 2 * ones - xi.p();
        }
        return out;
    }

    /** Tests: the number of outliers of the packed quarter squares after the last update (0 off that path). */
    int outliers() {
        return packed ? outlierCount : 0;
    }

    /** The lanes this sweeper runs on. */
    public Lanes lanes() {
        return lanes;
    }

    private int index(int mu) {
        return (mu & ~63) + slot[mu & 63];
    }

    /**
     * Updates the packed state sigma (offset 0) in place by sign dynamics (temperature 0: sigma_i = sgn h_i, kept on
     * a tie), neuron order[0] first; returns the number of flips.
     */
    public int sweep(long[] sigma, int[] order) {
        return sweep(sigma, order, null, null);
    }

    /**
     * Updates the packed state sigma (offset 0) in place by Glauber dynamics, neuron order[0] first: neuron order[k]
     * takes the spin glauber gives for its field and the k-th uniform double of thermal (one draw per neuron of the
     * order, in that order, whether or not it flips); a null glauber is sign dynamics (thermal unused). Returns the
     * number of flips.
     */
    public int sweep(long[] sigma, int[] order, Glauber glauber, UniformRandomProvider thermal) {
        if (glauber != null && thermal == null) {
            throw new IllegalArgumentException("thermal: Glauber dynamics needs the trial's thermal stream");
        }
        if (ops == null) {
            return longSweep(sigma, order, 0, glauber, thermal);
        }
        moveTo(sigma);
        current = false;
        if (sums[1] >= WIDTH_LIMIT || longPathAfterFlips == 0) {
            return longSweep(sigma, order, 0, glauber, thermal);
        }
        long[] cols = xi.columns();
        int flips = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            int target;
            int spin;
            if (glauber == null) {
                if (checkedAt[i] == version) {
                    continue;
                }
                spin = States.spin(sigma, 0, i);
                int sign = Long.signum(field(cols, i, spin));
                if (sign == 0 || sign == spin) {
                    checkedAt[i] = version;
                    continue;
                }
                target = sign;
            } else {
                spin = States.spin(sigma, 0, i);
                target = glauber.spin(unscaled(field(cols, i, spin)), thermal.nextDouble());
                if (target == spin) {
                    continue;
                }
            }
            flips++;
            version++;
            sigma[i >>> 6] ^= 1L << i;
            refresh(i, target);
            if (sums[1] >= WIDTH_LIMIT || flips >= longPathAfterFlips) {
                return flips + longSweep(sigma, order, k + 1, glauber, thermal);
            }
        }
        System.arraycopy(sigma, 0, last, 0, words);
        current = true;
        return flips;
    }

    /** h_i from the int paths' scale h_i, exactly (the scaled field is a multiple of the scale). */
    private long unscaled(long scaledField) {
        return scale == 1 ? scaledField : scaledField / scale;
    }

    /** Makes b, a (or the packed quarter squares) and the sums those of state sigma, unless they already are. */
    private void moveTo(long[] sigma) {
        if (!current || States.distance(sigma, 0, last, 0, words) != 0) {
            sumB = 0;
            for (int mu = 0; mu < p; mu++) {
                int overlap = xi.overlap(mu, sigma, 0);
                b[index(mu)] = overlap;
                sumB += overlap;
            }
            packed = quarterSquares;
            updatesSinceScan = WATCH_UPDATES; // a new state: scan every entry
            refresh(-1, 0);
            version++;
        }
    }

    /**
     * The scaled field scale h_i = 2 S_i - A + sigma_i D on the int lanes (packed or not), exact while the width is
     * below 2^32.
     */
    private long field(long[] cols, int i, int spin) {
        long sumA = sums[0];
        long s;
        if (packed) {
            s = packedSum(cols, i);
        } else {
            long low = (sumA - sums[1]) / 2; // the sum of the negative a(b_mu): S_i lies in [low, low + W]
            s = low + Integer.toUnsignedLong(ops.dot(cols, i * blocks, blocks, a) - (int) low);
        }
        return 2 * s - sumA + spin * sums[2];
    }

    /**
     * Tests: the field h_i of neuron i at state sigma as a sweep computes it on the int lanes (scale h_i divided by
     * the scale), or null where a sweep would take the long path (coefficients beyond an int, or the width at least
     * 2^32).
     *
     * @throws IllegalStateException when the scaled field is not a multiple of the scale (it always is when exact)
     */
    Long fieldAt(long[] sigma, int i) {
        if (ops == null) {
            return null;
        }
        moveTo(sigma);
        System.arraycopy(sigma, 0, last, 0, words);
        current = true;
        if (sums[1] >= WIDTH_LIMIT) {
            return null;
        }
        long scaled = field(xi.columns(), i, States.spin(sigma, 0, i));
        if (scaled % scale != 0) {
            throw new IllegalStateException("scaled field " + scaled + " is not a multiple of the scale " + scale);
        }
        return scaled / scale;
    }

    /** Tests: the scale of the int paths' field (1 for the dense model). */
    int scale() {
        return scale;
    }

    /**
     * After neuron j turned to s (j = -1, s = 0: no flip), b_mu += 2 s xi_j^mu, then a, A, the width and D from b.
     * The padding entries (zero bits in every column, so they never enter a field) are taken out of the sums and
     * reset to b = 0, which keeps their |a| and |d| within maxAbs. Where d is linear in b (n = 2, 3) D = slope
     * sum_mu b_mu + intercept p, sum_mu b_mu changing by 2 s sum_mu xi_j^mu; where moreover a(b) &gt;= 0 for every
     * overlap (the dense model at odd n) W is A: the lanes then only update b and a (measured 2x faster). On the
     * packed quarter squares the width is Q, the sum of the clamped q over the patterns.
     */
    private void refresh(int j, int s) {
        boolean derived = aNonNegative && dLinear;
        if (dLinear && j >= 0) {
            sumB += 2L * s * columnSum[j];
        }
        int from = Math.max(j, 0) * blocks;
        if (packed) {
            ops.updateQuarterSquares(xi.columns(), from, blocks, s, parity, b, pairs, sums);
            long sumQ = sums[0];
            for (int at : padding) {
                sumQ -= quarterSquare(b[at]); // small: padding b is parity +-2 (its half in pairs is never read)
                b[at] = parity;
            }
            boolean watched = findOutliers();
            if (watched && outlierCount <= Math.min(outlierCapacity, outliers.length)) {
                long clamped = sumQ;
                for (int o = 0; o < outlierCount; o++) {
                    excess[o] = quarterSquare(b[outliers[o]]) - ColumnOps.QUARTER_SQUARE_MAX;
                    sumQ += excess[o];
                }
                // sum_mu a(b_mu) = sum_mu (4 slope q_mu + slope parity + intercept)
                sums[0] = 4L * polyA.slope() * sumQ + ((long) polyA.slope() * parity + polyA.intercept()) * p;
                sums[1] = clamped;
            } else {
                packed = false; // too many outliers: a from b on the int lanes (s = 0 leaves b as it is)
                ops.update(xi.columns(), 0, blocks, 0, b, a, polyA, polyD, derived, maxAbs, sums);
                padding();
                if (derived) {
                    sums[1] = sums[0];
                }
            }
        } else {
            ops.update(xi.columns(), from, blocks, s, b, a, polyA, polyD, derived, maxAbs, sums);
            padding();
            if (derived) {
                sums[1] = sums[0];
            }
        }
        if (dLinear) {
            sums[2] = polyD.slope() * sumB + (long) polyD.intercept() * p;
        }
    }

    /**
     * Takes the padding entries (zero bits in every column, so they never enter a field) out of the sums after an
     * int-lane update and resets them to b = parity: an overlap N neurons can produce, so |a| and |d| stay within
     * maxAbs.
     */
    private void padding() {
        for (int at : padding) {
            sums[0] -= a[at];
            sums[1] -= Math.abs(a[at]);
            sums[2] -= polyD.at(b[at]);
            b[at] = parity;
            a[at] = polyA.at(parity);
        }
    }

    /**
     * Lists the outliers (|b| &gt;= {@link #OUTLIER_OVERLAP}, i.e. q past the clamp) from the watch list, which a full
     * scan renews every {@link #WATCH_UPDATES} updates: it holds every entry with |b| &gt;= OUTLIER_OVERLAP - 2
     * WATCH_UPDATES, and an update moves b by 2 at most, so no other entry can pass the clamp before the next scan.
     * (Flagging outliers inside the vector update made its compilation unreliable.) Returns false when the watch
     * list overflows.
     */
    private boolean findOutliers() {
        if (++updatesSinceScan > WATCH_UPDATES) {
            updatesSinceScan = 0;
            watchCount = 0;
            int near = OUTLIER_OVERLAP - 2 * WATCH_UPDATES;
            for (int at = 0; at < b.length; at++) {
                if (Math.abs(b[at]) >= near) {
                    if (watchCount == watch.length) {
                        updatesSinceScan = WATCH_UPDATES; // scan again at the next update
                        return false;
                    }
                    watch[watchCount++] = at;
                }
            }
        }
        outlierCount = 0;
        for (int w = 0; w < watchCount; w++) {
            int at = watch[w];
            if (Math.abs(b[at]) >= OUTLIER_OVERLAP) {
                if (outlierCount < outliers.length) {
                    outliers[outlierCount] = at;
                }
                outlierCount++;
            }
        }
        return true;
    }

    /** (b^2 - parity) / 4, exact. */
    private long quarterSquare(int overlap) {
        return ((long) overlap * overlap - parity) >> 2;
    }

    /**
     * S_i = sum of scale a(b_mu) over the patterns with xi_i^mu = +1 from the packed quarter squares: their clamped
     * sum lies in [0, Q] with the width Q below 2^32 here, the outliers add their excess.
     */
    private long packedSum(long[] cols, int i) {
        long q = Integer.toUnsignedLong(ops.dotQuarterSquares(cols, i * blocks, blocks, pairs));
        for (int o = 0; o < outlierCount; o++) {
            int at = outliers[o];
            if ((cols[i * blocks + (at >>> 6)] >>> bitOfSlot[at & 63] & 1L) != 0) {
                q += excess[o];
            }
        }
        long ones = (columnSum[i] + p) / 2; // the patterns with xi_i^mu = +1
        return 4L * polyA.slope() * q + ((long) polyA.slope() * parity + polyA.intercept()) * ones;
    }

    /**
     * The sweep from order[from] on, in wrapping long arithmetic from the byte slices, with the exact range proof
     * after every flip (Glauber dynamics where glauber is not null); returns the number of flips.
     */
    private int longSweep(long[] sigma, int[] order, int from, Glauber glauber, UniformRandomProvider thermal) {
        current = false;
        byte[] slices = xi.slices();
        int chunks = xi.chunks();
        if (longB == null) {
            longB = new int[chunks * 8];
            longA = new long[chunks * 8]; // padding patterns keep a = 0
        }
        long sumAbsA = 0;
        long sumD = 0;
        for (int mu = 0; mu < p; mu++) {
            longB[mu] = xi.overlap(mu, sigma, 0);
            longA[mu] = coefficients.a(longB[mu]);
        }
        try {
            for (int mu = 0; mu < p; mu++) {
                sumAbsA = Math.addExact(sumAbsA, coefficients.exactAbsA(longB[mu]));
                sumD = Math.addExact(sumD, coefficients.exactD(longB[mu]));
            }
            Math.addExact(sumAbsA, Math.absExact(sumD));
        } catch (ArithmeticException e) {
            throw coefficients.overflow();
        }
        int flips = 0;
        for (int k = from; k < order.length; k++) {
            int i = order[k];
            int spin = States.spin(sigma, 0, i);
            long h = spin * sumD;
            for (int c = 0; c < chunks; c++) {
                int x = slices[c * N + i] & 0xFF;
                int at = c * 8;
                for (int bit = 0; bit < 8; bit++) {
                    h += (x >>> bit & 1) != 0 ? longA[at + bit] : -longA[at + bit];
                }
            }
            int sign = glauber == null ? Long.signum(h) : glauber.spin(h, thermal.nextDouble());
            if (sign == 0 || sign == spin) {
                continue;
            }
            flips++;
            sigma[i >>> 6] ^= 1L << i;
            // b_mu changes by xi_i^mu (sigma_new - sigma_old) = 2 xi_i^mu sign.
            try {
                for (int mu = 0; mu < p; mu++) {
                    int old = longB[mu];
                    int nb = old + 2 * sign * xi.xi(mu, i);
                    longB[mu] = nb;
                    longA[mu] = coefficients.a(nb);
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
