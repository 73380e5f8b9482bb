package dam.core.sim;

/** {@link WordOps} on plain 64-bit words: what C2 compiles without the Vector API (no SIMD for these loops). */
final class ScalarWordOps implements WordOps {

    static final ScalarWordOps INSTANCE = new ScalarWordOps();

    /** SPREAD[x]: byte lane k holds bit k of x. */
    private static final long[] SPREAD = new long[256];

    static {
        for (int x = 0; x < 256; x++) {
            for (int k = 0; k < 8; k++) {
                SPREAD[x] |= (long) (x >>> k & 1) << (8 * k);
            }
        }
    }

    private ScalarWordOps() {
    }

    @Override
    public int stride(int words) {
        return words;
    }

    /** Harley-Seal on one word at a time: about 5 word operations per row. */
    @Override
    public void addSixteen(long[] src, int[] offsets, int m, int shift, long[] planes, int base, int carryTo, int stride) {
        int r0 = shift + offsets[m], r1 = shift + offsets[m + 1];
        int r2 = shift + offsets[m + 2], r3 = shift + offsets[m + 3];
        int r4 = shift + offsets[m + 4], r5 = shift + offsets[m + 5];
        int r6 = shift + offsets[m + 6], r7 = shift + offsets[m + 7];
        int r8 = shift + offsets[m + 8], r9 = shift + offsets[m + 9];
        int r10 = shift + offsets[m + 10], r11 = shift + offsets[m + 11];
        int r12 = shift + offsets[m + 12], r13 = shift + offsets[m + 13];
        int r14 = shift + offsets[m + 14], r15 = shift + offsets[m + 15];
        for (int w = 0; w < stride; w++) {
            int at = base + w;
            long ones = planes[at];
            long twos = planes[at + stride];
            long fours = planes[at + 2 * stride];
            long eights = planes[at + 3 * stride];
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
            planes[at + stride] = twos;
            planes[at + 2 * stride] = fours;
            planes[at + 3 * stride] = eights;
            planes[carryTo + w] = sixteens;
        }
    }

    @Override
    public void ripple(long[] planes, int carryAt, int from, int top, int stride) {
        for (int w = 0; w < stride; w++) {
            long carry = planes[carryAt + w];
            // A fixed number of ripple steps (the group size bounds the planes): no data-dependent branch.
            for (int j = from + w; j < top; j += stride) {
                long t = planes[j] & carry;
                planes[j] ^= carry;
                carry = t;
            }
        }
    }

    /**
     * The bit planes are turned into counts eight neurons at a time: SPREAD[x] puts bit k of the byte x into byte
     * lane k, so summing SPREAD[plane byte] << j over eight planes j gives eight 8-bit counts in one long.
     */
    @Override
    public void addCounts(long[] planes, int base, int used, int stride, int words, long weight, long[] h) {
        for (int w = 0; w < words; w++) {
            for (int at = 0; at < 64; at += 8) {
                long c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
                for (int j0 = 0; j0 < used; j0 += 8) {
                    long lanes = 0;
                    int jEnd = Math.min(used, j0 + 8);
                    for (int j = j0; j < jEnd; j++) {
                        lanes += SPREAD[(int) (planes[base + j * stride + w] >>> at) & 0xFF] << (j - j0);
                    }
                    c0 += (lanes & 0xFF) << j0;
                    c1 += (lanes >>> 8 & 0xFF) << j0;
                    c2 += (lanes >>> 16 & 0xFF) << j0;
                    c3 += (lanes >>> 24 & 0xFF) << j0;
                    c4 += (lanes >>> 32 & 0xFF) << j0;
                    c5 += (lanes >>> 40 & 0xFF) << j0;
                    c6 += (lanes >>> 48 & 0xFF) << j0;
                    c7 += (lanes >>> 56) << j0;
                }
                int neuron = 64 * w + at;
                h[neuron] += weight * c0;
                h[neuron + 1] += weight * c1;
                h[neuron + 2] += weight * c2;
                h[neuron + 3] += weight * c3;
                h[neuron + 4] += weight * c4;
                h[neuron + 5] += weight * c5;
                h[neuron + 6] += weight * c6;
                h[neuron + 7] += weight * c7;
            }
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
