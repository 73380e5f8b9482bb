package dam.core.sim;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ColumnOps} on int lanes of the JDK Vector API (16 lanes on AVX-512). A column word is broadcast to every
 * 64-bit lane and read as int lanes, so int lane l holds the low (l even) or high (l odd) half of the word; a
 * per-lane variable left shift moves one chosen bit of that half to the sign bit, and an arithmetic right shift
 * makes it a lane mask (-1 where xi = +1). Vector q of a word (q below 64 / lanes) takes bit
 * 32 (l mod 2) + (lanes / 2) q + floor(l / 2) in lane l, which is the {@link #slot} order of the patterns.
 *
 * <p>Only loaded when the module jdk.incubator.vector is present ({@link Lanes}).
 */
final class VectorColumnOps implements ColumnOps {

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int L = INTS.length();
    private static final int Q = 64 / L;           // int vectors per 64-bit column word
    private static final int[] SHIFTS = new int[64]; // SHIFTS[q L + l]: left shift bringing lane l's bit to bit 31
    private static final int[] SLOT = new int[64];   // SLOT[t]: index in the block of the pattern of bit t
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final short[] SHORT_SHIFTS = new short[64]; // [32 r + j]: left shift bringing short lane j's bit to bit 15

    static {
        for (int q = 0; q < Q; q++) {
            for (int l = 0; l < L; l++) {
                int bitInHalf = (L / 2) * q + (l >> 1);
                SHIFTS[q * L + l] = 31 - bitInHalf;
                SLOT[32 * (l & 1) + bitInHalf] = q * L + l;
            }
        }
        // A word read as 32 short lanes: lane j holds bits 16 (j mod 4) .. + 15. Short vector r of a block takes bit
        // 16 (j mod 4) + 8 r + floor(j / 4) in lane j; lanes 2l and 2l + 1 are the halves of int lane l, whose bits
        // are those of entries 16 r + l and 16 (r + 2) + l in the SLOT order: the packed layout of ColumnOps.
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 32; j++) {
                SHORT_SHIFTS[32 * r + j] = (short) (15 - (8 * r + (j >> 2)));
            }
        }
    }

    static final VectorColumnOps INSTANCE = new VectorColumnOps();

    private VectorColumnOps() {
    }

    @Override
    public int slot(int t) {
        return SLOT[t];
    }

    /**
     * On 16 lanes (AVX-512) the four shift vectors stay in registers and two accumulators alternate (measured 3 to
     * 20% faster than the general loop, the gain largest where a fits the L1 cache); other widths take the loop.
     */
    @Override
    public int dot(long[] cols, int from, int blocks, int[] a) {
        return Q == 4 ? dot16(cols, from, blocks, a) : dotLoop(cols, from, blocks, a);
    }

    private static int dot16(long[] cols, int from, int blocks, int[] a) {
        IntVector s0 = IntVector.fromArray(INTS, SHIFTS, 0);
        IntVector s1 = IntVector.fromArray(INTS, SHIFTS, L);
        IntVector s2 = IntVector.fromArray(INTS, SHIFTS, 2 * L);
        IntVector s3 = IntVector.fromArray(INTS, SHIFTS, 3 * L);
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = IntVector.zero(INTS);
        for (int k = 0; k < blocks; k++) {
            IntVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsInts();
            int base = 64 * k;
            acc0 = acc0.add(laneMask(word, s0).and(IntVector.fromArray(INTS, a, base)));
            acc1 = acc1.add(laneMask(word, s1).and(IntVector.fromArray(INTS, a, base + L)));
            acc0 = acc0.add(laneMask(word, s2).and(IntVector.fromArray(INTS, a, base + 2 * L)));
            acc1 = acc1.add(laneMask(word, s3).and(IntVector.fromArray(INTS, a, base + 3 * L)));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** -1 in the lanes whose chosen bit of word (brought to bit 31 by shifts) is set, else 0. */
    private static IntVector laneMask(IntVector word, IntVector shifts) {
        return word.lanewise(VectorOperators.LSHL, shifts).lanewise(VectorOperators.ASHR, 31);
    }

    private static int dotLoop(long[] cols, int from, int blocks, int[] a) {
        IntVector acc = IntVector.zero(INTS);
        for (int k = 0; k < blocks; k++) {
            IntVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsInts();
            int base = 64 * k;
            for (int q = 0; q < Q; q++) {
                IntVector mask = word.lanewise(VectorOperators.LSHL, IntVector.fromArray(INTS, SHIFTS, q * L))
                        .lanewise(VectorOperators.ASHR, 31);
                acc = acc.add(mask.and(IntVector.fromArray(INTS, a, base + q * L)));
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The sums are exact: each lane adds at most {@code blocksPerFlush * Q} values of magnitude maxAbs before its
     * int sum is flushed to long, few enough that the lane cannot overflow. No vector value may merge at a branch
     * or in a loop of unknown length (C2 then boxes it: measured 2 to 40 times slower), so a linear a and d (n = 2,
     * 3) take a straight-line loop and other orders a loop over the coefficients.
     */
    @Override
    public void update(long[] cols, int from, int blocks, int s, int[] b, int[] a,
                       IntPolynomial polyA, IntPolynomial polyD, boolean aOnly, int maxAbs, long[] sums) {
        if (aOnly && polyA.linear()) {
            updateLinearA(cols, from, blocks, s, b, a, polyA, maxAbs, sums);
        } else if (polyA.linear() && polyD.linear()) {
            updateLinear(cols, from, blocks, s, b, a, polyA, polyD, maxAbs, sums);
        } else {
            updateHorner(cols, from, blocks, s, b, a, polyA, polyD, maxAbs, sums);
        }
    }

    /** The update of b and a with sum a only, a linear: n = 3 (a = 6 b^2 + 8 &gt;= 0, d = -12 b: see SequentialSweep). */
    private static void updateLinearA(long[] cols, int from, int blocks, int s, int[] b, int[] a,
                                      IntPolynomial polyA, int maxAbs, long[] sums) {
        int blocksPerFlush = Math.max(1, Integer.MAX_VALUE / Math.max(1, maxAbs) / Q);
        IntVector plus = IntVector.broadcast(INTS, 4 * s);  // b += -2s + (4s where xi = +1)
        IntVector minus = IntVector.broadcast(INTS, -2 * s);
        VectorMask<Integer> aSquare = INTS.maskAll(polyA.inSquare()); // lanes where t = b^2, not b
        int slopeA = polyA.slope(), interceptA = polyA.intercept();
        long sumA = 0;
        int[] lanes = new int[L];
        for (int k0 = 0; k0 < blocks; k0 += blocksPerFlush) {
            IntVector accA = IntVector.zero(INTS);
            int k1 = Math.min(blocks, k0 + blocksPerFlush);
            for (int k = k0; k < k1; k++) {
                IntVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsInts();
                int base = 64 * k;
                for (int q = 0; q < Q; q++) {
                    int at = base + q * L;
                    IntVector mask = word.lanewise(VectorOperators.LSHL, IntVector.fromArray(INTS, SHIFTS, q * L))
                            .lanewise(VectorOperators.ASHR, 31);
                    IntVector bv = IntVector.fromArray(INTS, b, at).add(mask.and(plus)).add(minus);
                    bv.intoArray(b, at);
                    IntVector av = bv.blend(bv.mul(bv), aSquare).mul(slopeA).add(interceptA);
                    av.intoArray(a, at);
                    accA = accA.add(av);
                }
            }
            sumA += sumLanes(accA, lanes);
        }
        sums[0] = sumA;
        sums[1] = 0;
        sums[2] = 0;
    }

    private static void updateLinear(long[] cols, int from, int blocks, int s, int[] b, int[] a,
                                     IntPolynomial polyA, IntPolynomial polyD, int maxAbs, long[] sums) {
        int blocksPerFlush = Math.max(1, Integer.MAX_VALUE / Math.max(1, maxAbs) / Q);
        IntVector plus = IntVector.broadcast(INTS, 4 * s);  // b += -2s + (4s where xi = +1)
        IntVector minus = IntVector.broadcast(INTS, -2 * s);
        VectorMask<Integer> aSquare = INTS.maskAll(polyA.inSquare()); // lanes where t = b^2, not b
        VectorMask<Integer> dSquare = INTS.maskAll(polyD.inSquare());
        int slopeA = polyA.slope(), interceptA = polyA.intercept();
        int slopeD = polyD.slope(), interceptD = polyD.intercept();
        long sumA = 0, sumAbsA = 0, sumD = 0;
        int[] lanes = new int[L];
        for (int k0 = 0; k0 < blocks; k0 += blocksPerFlush) {
            IntVector accA = IntVector.zero(INTS);
            IntVector accAbs = IntVector.zero(INTS);
            IntVector accD = IntVector.zero(INTS);
            int k1 = Math.min(blocks, k0 + blocksPerFlush);
            for (int k = k0; k < k1; k++) {
                IntVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsInts();
                int base = 64 * k;
                for (int q = 0; q < Q; q++) {
                    int at = base + q * L;
                    IntVector mask = word.lanewise(VectorOperators.LSHL, IntVector.fromArray(INTS, SHIFTS, q * L))
                            .lanewise(VectorOperators.ASHR, 31);
                    IntVector bv = IntVector.fromArray(INTS, b, at).add(mask.and(plus)).add(minus);
                    bv.intoArray(b, at);
                    IntVector y = bv.mul(bv);
                    IntVector av = bv.blend(y, aSquare).mul(slopeA).add(interceptA);
                    IntVector dv = bv.blend(y, dSquare).mul(slopeD).add(interceptD);
                    av.intoArray(a, at);
                    accA = accA.add(av);
                    accAbs = accAbs.add(av.abs());
                    accD = accD.add(dv);
                }
            }
            sumA += sumLanes(accA, lanes);
            sumAbsA += sumLanes(accAbs, lanes);
            sumD += sumLanes(accD, lanes);
        }
        sums[0] = sumA;
        sums[1] = sumAbsA;
        sums[2] = sumD;
    }

    private static void updateHorner(long[] cols, int from, int blocks, int s, int[] b, int[] a,
                                     IntPolynomial polyA, IntPolynomial polyD, int maxAbs, long[] sums) {
        int blocksPerFlush = Math.max(1, Integer.MAX_VALUE / Math.max(1, maxAbs) / Q);
        IntVector plus = IntVector.broadcast(INTS, 4 * s);
        IntVector minus = IntVector.broadcast(INTS, -2 * s);
        VectorMask<Integer> aEven = INTS.maskAll(!polyA.timesB()); // lanes where the factor is 1, not b
        VectorMask<Integer> dEven = INTS.maskAll(!polyD.timesB());
        IntVector one = IntVector.broadcast(INTS, 1);
        int[] ca = polyA.coefficients();
        int[] cd = polyD.coefficients();
        long sumA = 0, sumAbsA = 0, sumD = 0;
        int[] lanes = new int[L];
        for (int k0 = 0; k0 < blocks; k0 += blocksPerFlush) {
            IntVector accA = IntVector.zero(INTS);
            IntVector accAbs = IntVector.zero(INTS);
            IntVector accD = IntVector.zero(INTS);
            int k1 = Math.min(blocks, k0 + blocksPerFlush);
            for (int k = k0; k < k1; k++) {
                IntVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsInts();
                int base = 64 * k;
                for (int q = 0; q < Q; q++) {
                    int at = base + q * L;
                    IntVector mask = word.lanewise(VectorOperators.LSHL, IntVector.fromArray(INTS, SHIFTS, q * L))
                            .lanewise(VectorOperators.ASHR, 31);
                    IntVector bv = IntVector.fromArray(INTS, b, at).add(mask.and(plus)).add(minus);
                    bv.intoArray(b, at);
                    IntVector y = bv.mul(bv);
                    IntVector av = horner(ca, y).mul(bv.blend(one, aEven));
                    IntVector dv = horner(cd, y).mul(bv.blend(one, dEven));
                    av.intoArray(a, at);
                    accA = accA.add(av);
                    accAbs = accAbs.add(av.abs());
                    accD = accD.add(dv);
                }
            }
            sumA += sumLanes(accA, lanes);
            sumAbsA += sumLanes(accAbs, lanes);
            sumD += sumLanes(accD, lanes);
        }
        sums[0] = sumA;
        sums[1] = sumAbsA;
        sums[2] = sumD;
    }

    /** The polynomial with coefficients c (highest first) at y, every lane, modulo 2^32. */
    private static IntVector horner(int[] c, IntVector y) {
        IntVector acc = IntVector.broadcast(INTS, c[0]);
        for (int k = 1; k < c.length; k++) {
            acc = acc.mul(y).add(c[k]);
        }
        return acc;
    }

    private static long sumLanes(IntVector v, int[] lanes) {
        v.intoArray(lanes, 0);
        long sum = 0;
        for (int x : lanes) {
            sum += x;
        }
        return sum;
    }

    @Override
    public boolean hasQuarterSquares() {
        return Q == 4 && SHORTS.length() == 32;
    }

    /**
     * Two short vectors of lane masks per column word, ANDed with the packed values and added as int lanes: a lane
     * pair sum y = lo + 2^16 hi has no carry between its halves (each half at most 2 x 32767), so the sum of the
     * halves is sum y - 65535 sum (y &gt;&gt;&gt; 16), modulo 2^32. Three vector operations per 16 patterns where the
     * int lanes take four (measured 1.5x faster, bench/README.md).
     */
    @Override
    public int dotQuarterSquares(long[] cols, int from, int blocks, int[] pairs) {
        ShortVector shifts0 = ShortVector.fromArray(SHORTS, SHORT_SHIFTS, 0);
        ShortVector shifts1 = ShortVector.fromArray(SHORTS, SHORT_SHIFTS, 32);
        IntVector sum = IntVector.zero(INTS);
        IntVector high = IntVector.zero(INTS);
        for (int k = 0; k < blocks; k++) {
            ShortVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsShorts();
            IntVector m0 = word.lanewise(VectorOperators.LSHL, shifts0).lanewise(VectorOperators.ASHR, 15)
                    .reinterpretAsInts().and(IntVector.fromArray(INTS, pairs, 32 * k));
            IntVector m1 = word.lanewise(VectorOperators.LSHL, shifts1).lanewise(VectorOperators.ASHR, 15)
                    .reinterpretAsInts().and(IntVector.fromArray(INTS, pairs, 32 * k + 16));
            IntVector y = m0.add(m1);
            sum = sum.add(y);
            high = high.add(y.lanewise(VectorOperators.LSHR, 16));
        }
        return sum.reduceLanes(VectorOperators.ADD) - 65535 * high.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Per block, the int vectors q and q + 2 of b give the low and high halves of pair vector q (q = 0, 1). No vector
     * value is carried from one block to the next and none passes through a call: the sum goes through a small
     * array in memory. With a vector accumulator (or a per-block outlier flag) some JIT runs compiled this loop
     * 2 to 20 times slower, at random from one JVM to the next.
     */
    @Override
    public void updateQuarterSquares(long[] cols, int from, int blocks, int s, int parity, int[] b, int[] pairs,
                                     long[] sums) {
        IntVector plus = IntVector.broadcast(INTS, 4 * s);  // b += -2s + (4s where xi = +1)
        IntVector minus = IntVector.broadcast(INTS, -2 * s);
        IntVector max = IntVector.broadcast(INTS, QUARTER_SQUARE_MAX);
        int[] acc = new int[L];
        long sum = 0;
        int blocksPerFlush = 1 << 13; // 4 x 32767 per block and lane: no int overflow within a flush
        for (int k0 = 0; k0 < blocks; k0 += blocksPerFlush) {
            int k1 = Math.min(blocks, k0 + blocksPerFlush);
            for (int k = k0; k < k1; k++) {
                IntVector word = LongVector.broadcast(LONGS, cols[from + k]).reinterpretAsInts();
                for (int q = 0; q < 2; q++) {
                    int low = 64 * k + q * L;
                    int high = low + 2 * L;
                    IntVector bLow = IntVector.fromArray(INTS, b, low).add(minus).add(
                            word.lanewise(VectorOperators.LSHL, IntVector.fromArray(INTS, SHIFTS, q * L))
                                    .lanewise(VectorOperators.ASHR, 31).and(plus));
                    IntVector bHigh = IntVector.fromArray(INTS, b, high).add(minus).add(
                            word.lanewise(VectorOperators.LSHL, IntVector.fromArray(INTS, SHIFTS, q * L + 2 * L))
                                    .lanewise(VectorOperators.ASHR, 31).and(plus));
                    bLow.intoArray(b, low);
                    bHigh.intoArray(b, high);
                    IntVector qLow = bLow.mul(bLow).sub(parity).lanewise(VectorOperators.LSHR, 2).min(max);
                    IntVector qHigh = bHigh.mul(bHigh).sub(parity).lanewise(VectorOperators.LSHR, 2).min(max);
                    qLow.or(qHigh.lanewise(VectorOperators.LSHL, 16)).intoArray(pairs, 32 * k + q * L);
                    IntVector.fromArray(INTS, acc, 0).add(qLow).add(qHigh).intoArray(acc, 0);
                }
            }
            for (int i = 0; i < L; i++) {
                sum += acc[i];
                acc[i] = 0;
            }
        }
        sums[0] = sum;
    }

    @Override
    public String describe() {
        return "vector (" + L + " x 32-bit lanes, jdk.incubator.vector)";
    }
}
