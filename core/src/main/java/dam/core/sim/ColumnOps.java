package dam.core.sim;

/**
 * The loops of {@link SequentialSweep} over one neuron's column of the patterns: plain Java
 * ({@link ScalarColumnOps}) or SIMD int lanes of the JDK Vector API ({@code VectorColumnOps}); {@link Lanes}
 * chooses. Both compute the same values.
 *
 * <p>Layout. A column is {@code blocks} words, bit t of word k being xi_i^mu = +1 for pattern mu = 64k + t. The
 * per-pattern int arrays (overlaps b, coefficients a, the padding mask) hold pattern 64k + t at index
 * 64k + {@link #slot}(t): the order in which the vector loops unpack a word's bits into lanes (the identity for
 * the scalar loops), so that neither needs a shuffle.
 */
interface ColumnOps {

    /** The index inside a block of 64 patterns where the pattern of bit t of the block's column word is stored. */
    int slot(int t);

    /** The sum of a[64k + slot(t)] over the set bits t of cols[from + k], k below blocks, modulo 2^32. */
    int dot(long[] cols, int from, int blocks, int[] a);

    /**
     * After neuron j turned to s (column cols[from ..]): b += 2 s xi_j^mu for every pattern (s = 0: none, a
     * refresh); then a = polyA(b) stored, and the sums over all 64 blocks x 64 entries (padding included, the caller
     * corrects for it) written to sums: {sum a, sum |a|, sum polyD(b)}, exactly; with {@code aOnly} the last two
     * may be left out (0) where that is faster (the caller derives them). Every |polyA(b)| and |polyD(b)| must be at
     * most maxAbs &lt; 2^31 (the caller proves it once for all overlaps).
     */
    void update(long[] cols, int from, int blocks, int s, int[] b, int[] a,
                IntPolynomial polyA, IntPolynomial polyD, boolean aOnly, int maxAbs, long[] sums);

    /** A short name for logs. */
    String describe();
}
