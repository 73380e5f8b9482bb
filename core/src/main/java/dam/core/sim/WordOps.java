package dam.core.sim;

/**
 * The word-level loops of {@link ParallelStep} on bit-packed rows: plain 64-bit words ({@link ScalarWordOps}) or
 * SIMD vectors of the JDK Vector API ({@code VectorWordOps}). Both compute the same bits; {@link Lanes} chooses.
 *
 * <p>Rows, states and bit planes are laid out with a stride of {@link #stride} words (the row length rounded up to
 * whole vectors; the padding words are zero), so the vector loops need no scalar tail.
 */
interface WordOps {

    /** The padded row length for rows of {@code words} words: a multiple of the lane count, at least words. */
    int stride(int words);

    /**
     * Adds the sixteen rows src[shift + offsets[m + k] ..] (k below 16) to the four bit planes at planes[base ..]
     * (plane j at base + j stride) with a carry-save adder tree, and stores the word of weight 16 it leaves at
     * planes[carryTo ..]. Source and planes may be the same array as long as word w of every source row is read
     * before word w of carryTo is written (true for the carry slots of {@link ParallelStep}).
     */
    void addSixteen(long[] src, int[] offsets, int m, int shift, long[] planes, int base, int carryTo, int stride);

    /** Ripples the carry row planes[carryAt ..] into the planes at from, from + stride, .. below top. */
    void ripple(long[] planes, int carryAt, int from, int top, int stride);

    /**
     * Adds weight * count_i to h[i] for the 64 words neurons, count_i being the vertical counter of neuron i in the
     * used bit planes at planes[base ..] (plane j at base + j stride, neurons 64 w .. in word w).
     */
    void addCounts(long[] planes, int base, int used, int stride, int words, long weight, long[] h);

    /** A short name for logs: "scalar" or "vector (8 x 64-bit lanes)". */
    String describe();
}
