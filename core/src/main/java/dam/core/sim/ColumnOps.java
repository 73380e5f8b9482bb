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

    /**
     * True if {@link #dotQuarterSquares} and {@link #updateQuarterSquares} are implemented. The packed layout: int
     * {@code pairs[32k + 16r + l]} (r in {0, 1}, l below 16) holds, as two 16-bit halves, the values of the entries
     * 64k + 16r + l (low half) and 64k + 16(r + 2) + l (high half) of the per-pattern arrays.
     */
    boolean hasQuarterSquares();

    /**
     * The sum of the 16-bit values of {@code pairs} (packed as {@link #hasQuarterSquares} describes) over the
     * entries 64k + slot(t) with bit t of cols[from + k] set, k below blocks, modulo 2^32.
     */
    int dotQuarterSquares(long[] cols, int from, int blocks, int[] pairs);

    /**
     * After neuron j turned to s (column cols[from ..]; s = 0: none, a refresh): b += 2 s xi_j^mu, then the quarter
     * square q = (b^2 - parity) / 4 of every entry (parity = N mod 2, so that b^2 = 4 q + parity exactly) packed
     * into pairs, clamped to {@link #QUARTER_SQUARE_MAX}; writes the sum of the clamped values over all 64 blocks x
     * 64 entries to sums[0]. |b| must stay below 46341.
     */
    void updateQuarterSquares(long[] cols, int from, int blocks, int s, int parity, int[] b, int[] pairs, long[] sums);

    /** The largest quarter square a 16-bit half holds (two of them add without a carry into the next half). */
    int QUARTER_SQUARE_MAX = 32767;

    /** A short name for logs. */
    String describe();
}
