package dam.core.sim;

/** {@link ColumnOps} in plain Java: patterns in natural order within a block, the set bits of a word visited one by one. */
final class ScalarColumnOps implements ColumnOps {

    static final ScalarColumnOps INSTANCE = new ScalarColumnOps();

    private ScalarColumnOps() {
    }

    @Override
    public int slot(int t) {
        return t;
    }

    @Override
    public int dot(long[] cols, int from, int blocks, int[] a) {
        int sum = 0;
        for (int k = 0; k < blocks; k++) {
            long x = cols[from + k];
            int base = 64 * k;
            while (x != 0) {
                sum += a[base + Long.numberOfTrailingZeros(x)];
                x &= x - 1;
            }
        }
        return sum;
    }

    @Override
    public void update(long[] cols, int from, int blocks, int s, int[] b, int[] a,
                       IntPolynomial polyA, IntPolynomial polyD, boolean aOnly, int maxAbs, long[] sums) {
        long sumA = 0, sumAbsA = 0, sumD = 0;
        for (int k = 0; k < blocks; k++) {
            long x = cols[from + k];
            for (int t = 0; t < 64; t++) {
                int at = 64 * k + t;
                int bv = b[at] + ((x >>> t & 1L) != 0 ? 2 * s : -2 * s);
                b[at] = bv;
                int av = polyA.at(bv);
                int dv = polyD.at(bv);
                a[at] = av;
                sumA += av;
                sumAbsA += Math.abs(av);
                sumD += dv;
            }
        }
        sums[0] = sumA;
        sums[1] = sumAbsA;
        sums[2] = sumD;
    }

    @Override
    public boolean hasQuarterSquares() {
        return true;
    }

    @Override
    public int dotQuarterSquares(long[] cols, int from, int blocks, int[] pairs) {
        int sum = 0;
        for (int k = 0; k < blocks; k++) {
            long x = cols[from + k];
            while (x != 0) {
                sum += quarterSquare(pairs, 64 * k + Long.numberOfTrailingZeros(x));
                x &= x - 1;
            }
        }
        return sum;
    }

    /** The 16-bit value of entry {@code at} in the packed layout of {@link ColumnOps#hasQuarterSquares}. */
    static int quarterSquare(int[] pairs, int at) {
        int inBlock = at & 63;
        int word = pairs[(at - inBlock) / 2 + 16 * ((inBlock >> 4) & 1) + (inBlock & 15)];
        return (word >>> (16 * (inBlock >> 5))) & 0xFFFF;
    }

    @Override
    public void updateQuarterSquares(long[] cols, int from, int blocks, int s, int parity, int[] b, int[] pairs,
                                     long[] sums) {
        long sum = 0;
        java.util.Arrays.fill(pairs, 0, 32 * blocks, 0);
        for (int k = 0; k < blocks; k++) {
            long x = cols[from + k];
            for (int t = 0; t < 64; t++) {
                int at = 64 * k + t;
                int bv = b[at] + ((x >>> t & 1L) != 0 ? 2 * s : -2 * s);
                b[at] = bv;
                int q = Math.min((bv * bv - parity) >>> 2, QUARTER_SQUARE_MAX);
                pairs[32 * k + 16 * ((t >> 4) & 1) + (t & 15)] |= q << (16 * (t >> 5));
                sum += q;
            }
        }
        sums[0] = sum;
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
