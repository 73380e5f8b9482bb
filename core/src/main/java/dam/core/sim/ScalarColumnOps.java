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
    public String describe() {
        return "scalar";
    }
}
