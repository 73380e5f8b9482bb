package dam.core.sim;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.B2L;
import static jdk.incubator.vector.VectorOperators.BITWISE_BLEND;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

/**
 * {@link WordOps} on SIMD vectors of the JDK Vector API (incubator module jdk.incubator.vector): the preferred
 * species of the CPU, 8 x 64-bit lanes on AVX-512. The carry-save adders are lanewise XOR and a bitwise select,
 * which C2 compiles to ternary-logic instructions (VPTERNLOGQ) on AVX-512. The overlaps stay scalar POPCNT in
 * {@link ParallelStep}: lanewise population count (VectorOperators.BIT_COUNT) needs JDK 19 or later, and on JDK 25
 * it measured only 1.3x faster than the scalar count with the state in locals (bench/README.md), not worth a
 * second build for a JVM the project does not run by default.
 *
 * <p>Only loaded when the module is present ({@link Lanes}); the class must not be touched otherwise.
 */
final class VectorWordOps implements WordOps {

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    static final VectorWordOps INSTANCE = new VectorWordOps();

    private VectorWordOps() {
    }

    /** The number of 64-bit lanes of the preferred species (8 on AVX-512, 4 on AVX2). */
    static int laneCount() {
        return L;
    }

    @Override
    public int stride(int words) {
        return (words + L - 1) / L * L;
    }

    /**
     * The tree in two halves, rows m .. m+7 and m+8 .. m+15, each its own loop over the vectors of a row: one
     * method with the whole tree exceeds C2's inlining budget for the Vector API's calls (NodeCountInliningCutoff),
     * and the vector operations left out of line are boxed (the step then measured 2.5x slower than on scalar
     * words). Each half adds its eight
     * rows to planes 0..2 and its carry of weight 8 to plane 3 with a half adder; the two carries of weight 16 this
     * leaves are never both set (the first sets its bit only where plane 3 becomes 0), so their OR is their sum.
     */
    @Override
    public void addSixteen(long[] src, int[] offsets, int m, int shift, long[] planes, int base, int carryTo, int stride) {
        addEight(src, offsets, m, shift, planes, base, carryTo, stride, false);
        addEight(src, offsets, m + 8, shift, planes, base, carryTo, stride, true);
    }

    /**
     * Rows src[shift + offsets[m + k] ..] (k below 8) into the four planes at base; the carry of weight 16 is stored
     * at carryTo, or ORed into what is there when {@code second}.
     */
    private static void addEight(long[] src, int[] offsets, int m, int shift, long[] planes, int base, int carryTo,
                                 int stride, boolean second) {
        int r0 = shift + offsets[m], r1 = shift + offsets[m + 1];
        int r2 = shift + offsets[m + 2], r3 = shift + offsets[m + 3];
        int r4 = shift + offsets[m + 4], r5 = shift + offsets[m + 5];
        int r6 = shift + offsets[m + 6], r7 = shift + offsets[m + 7];
        // No branch on vectors inside the loop (C2 would box them where they merge): a mask keeps or drops the
        // carry already stored.
        LongVector keep = LongVector.broadcast(SPECIES, second ? -1L : 0L);
        for (int w = 0; w < stride; w += L) {
            int at = base + w;
            LongVector ones = LongVector.fromArray(SPECIES, planes, at);
            LongVector twos = LongVector.fromArray(SPECIES, planes, at + stride);
            LongVector twosA, twosB, foursA, foursB, u, x, y;
            x = row(src, r0 + w); y = row(src, r1 + w); u = ones.lanewise(XOR, x); twosA = maj(ones, y, u); ones = u.lanewise(XOR, y);
            x = row(src, r2 + w); y = row(src, r3 + w); u = ones.lanewise(XOR, x); twosB = maj(ones, y, u); ones = u.lanewise(XOR, y);
            u = twos.lanewise(XOR, twosA); foursA = maj(twos, twosB, u); twos = u.lanewise(XOR, twosB);
            x = row(src, r4 + w); y = row(src, r5 + w); u = ones.lanewise(XOR, x); twosA = maj(ones, y, u); ones = u.lanewise(XOR, y);
            x = row(src, r6 + w); y = row(src, r7 + w); u = ones.lanewise(XOR, x); twosB = maj(ones, y, u); ones = u.lanewise(XOR, y);
            u = twos.lanewise(XOR, twosA); foursB = maj(twos, twosB, u); twos = u.lanewise(XOR, twosB);
            ones.intoArray(planes, at);
            twos.intoArray(planes, at + stride);
            LongVector fours = LongVector.fromArray(SPECIES, planes, at + 2 * stride);
            u = fours.lanewise(XOR, foursA);
            LongVector eightsA = maj(fours, foursB, u);
            fours = u.lanewise(XOR, foursB);
            fours.intoArray(planes, at + 2 * stride);
            LongVector eights = LongVector.fromArray(SPECIES, planes, at + 3 * stride);
            LongVector sixteens = eights.and(eightsA).or(LongVector.fromArray(SPECIES, planes, carryTo + w).and(keep));
            eights.lanewise(XOR, eightsA).intoArray(planes, at + 3 * stride);
            sixteens.intoArray(planes, carryTo + w);
        }
    }

    private static LongVector row(long[] src, int at) {
        return LongVector.fromArray(SPECIES, src, at);
    }

    /**
     * The carry of a full adder a + x + y given u = a ^ x: where u is set the majority is y, elsewhere a (= x). One
     * bitwise select, which C2 compiles to one ternary-logic instruction on AVX-512.
     */
    private static LongVector maj(LongVector a, LongVector y, LongVector u) {
        return a.lanewise(BITWISE_BLEND, y, u);
    }

    @Override
    public void ripple(long[] planes, int carryAt, int from, int top, int stride) {
        for (int w = 0; w < stride; w += L) {
            LongVector carry = LongVector.fromArray(SPECIES, planes, carryAt + w);
            for (int j = from + w; j < top; j += stride) {
                LongVector plane = LongVector.fromArray(SPECIES, planes, j);
                plane.lanewise(XOR, carry).intoArray(planes, j);
                carry = plane.and(carry);
            }
        }
    }

    /** BYTE_SHIFTS[m] = 8 m: lane m of a broadcast word, shifted right by it, starts with byte m. */
    private static final long[] BYTE_SHIFTS = {0, 8, 16, 24, 32, 40, 48, 56};

    /**
     * Eight lanes of eight neurons: lane m takes byte m of a plane word and spreads its bits to the lowest bits of
     * its 8 bytes, with one multiplication (bits 0..6 times sum_k 2^(7k) land on bits 8k without carries; bit 7 is
     * moved on its own). Summing the spread planes shifted by j counts up to 8 planes in the bytes; those become
     * long counts (one conversion per 8 neurons) and are added to h times the weight. Needs 8 lanes (512-bit);
     * narrower vectors take the scalar loop.
     */
    @Override
    public void addCounts(long[] planes, int base, int used, int stride, int words, long weight, long[] h) {
        if (L != 8) {
            ScalarWordOps.INSTANCE.addCounts(planes, base, used, stride, words, weight, h);
            return;
        }
        LongVector shifts = LongVector.fromArray(SPECIES, BYTE_SHIFTS, 0);
        for (int w = 0; w < words; w++) {
            for (int j0 = 0; j0 < used; j0 += 8) {
                LongVector acc = LongVector.zero(SPECIES);
                int jEnd = Math.min(used, j0 + 8);
                for (int j = j0; j < jEnd; j++) {
                    LongVector y = LongVector.broadcast(SPECIES, planes[base + j * stride + w]).lanewise(LSHR, shifts);
                    LongVector low = y.and(0x7FL).mul(0x0002040810204081L).and(0x0101010101010101L);
                    LongVector spread = y.and(0x80L).lanewise(LSHL, 49).or(low);
                    acc = acc.add(spread.lanewise(LSHL, j - j0));
                }
                ByteVector counts = acc.reinterpretAsBytes();
                long scale = weight << j0;
                for (int part = 0; part < 8; part++) {
                    int at = 64 * w + 8 * part;
                    LongVector count = ((LongVector) counts.convertShape(B2L, SPECIES, part)).and(0xFFL);
                    LongVector.fromArray(SPECIES, h, at).add(count.mul(scale)).intoArray(h, at);
                }
            }
        }
    }

    @Override
    public String describe() {
        return "vector (" + L + " x 64-bit lanes, jdk.incubator.vector)";
    }
}
