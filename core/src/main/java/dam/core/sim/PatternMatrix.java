package dam.core.sim;

import dam.core.Require;
import dam.core.rng.Rng;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * p random patterns xi^mu in {-1,+1}^N, bit-packed twice (bit set means xi = +1):
 *
 * <ul>
 *   <li>pattern-major rows of N bits ({@link #rows}): the overlap b_mu = sum_j xi_j^mu sigma_j of a bit-packed
 *       state is N - 2 popcount(row XOR sigma);</li>
 *   <li>neuron-major byte slices ({@link #slices}): byte {@code slices[c N + i]} holds xi_i^mu for the eight
 *       patterns mu = 8c .. 8c+7 of chunk c (bit k for pattern 8c+k); the field kernel looks these bytes up in
 *       per-chunk tables. Bits of patterns mu &gt;= p (padding of the last chunk) are 0.</li>
 *   <li>neuron-major columns ({@link #columns}): word {@code columns[i blocks + k]} holds xi_i^mu for the 64
 *       patterns mu = 64k .. 64k+63 (bit t for pattern 64k+t), padding bits 0; the sequential sweep reads a
 *       neuron's column as one contiguous run of words.</li>
 * </ul>
 *
 * <p>Pattern 1 of the physics (index 0 here) is the condensed pattern. Instances are immutable after
 * construction and may be shared between threads.
 */
public final class PatternMatrix {

    private final int p;
    private final int N;
    private final int words;
    private final int chunks;
    private final long[] rows;
    private volatile byte[] slices; // built on first use: only the lookup-table kernel and the long sweep read it
    private volatile long[] columns; // built on first use: only the sequential sweep reads it

    private PatternMatrix(int p, int N, long[] rows) {
        this.p = p;
        this.N = N;
        this.words = States.words(N);
        this.chunks = (p + 7) / 8;
        this.rows = rows;
    }

    private byte[] buildSlices() {
        byte[] out = new byte[Math.multiplyExact(chunks, N)];
        for (int mu = 0; mu < p; mu++) {
            int c = mu >>> 3;
            int bit = 1 << (mu & 7);
            for (int i = 0; i < N; i++) {
                if ((rows[mu * words + (i >>> 6)] >>> i & 1L) != 0) {
                    out[c * N + i] |= (byte) bit;
                }
            }
        }
        return out;
    }

    /**
     * The columns, built 64 patterns x 64 neurons at a time: each such tile of the rows is transposed in place
     * with the recursive block swap (Hacker's Delight, section 7-3), 6 x 32 word operations per 4096 bits.
     */
    private long[] buildColumns() {
        int blocks = blocks();
        long[] out = new long[Math.multiplyExact(blocks, N)];
        long[] tile = new long[64];
        for (int k = 0; k < blocks; k++) {
            for (int w = 0; w < words; w++) {
                for (int t = 0; t < 64; t++) {
                    int mu = 64 * k + t;
                    tile[t] = mu < p ? rows[mu * words + w] : 0L;
                }
                transpose64(tile);
                int top = Math.min(64, N - 64 * w);
                for (int bit = 0; bit < top; bit++) {
                    out[(64 * w + bit) * blocks + k] = tile[bit];
                }
            }
        }
        return out;
    }

    /** Transposes the 64 x 64 bit matrix x in place: bit c of x[r] becomes bit r of x[c]. */
    static void transpose64(long[] x) {
        long m = 0x00000000FFFFFFFFL;
        for (int j = 32; j != 0; j >>= 1, m ^= m << j) {
            for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
                long t = ((x[k] >>> j) ^ x[k | j]) & m;
                x[k] ^= t << j;
                x[k | j] ^= t;
            }
        }
    }

    /** p patterns of N neurons with i.i.d. fair +-1 entries drawn from {@code seed} (XoRoShiRo128++). */
    public static PatternMatrix random(int p, int N, long seed) {
        checkShape(p, N);
        UniformRandomProvider rng = Rng.create(seed);
        int words = States.words(N);
        long[] rows = new long[Math.multiplyExact(p, words)];
        long lastMask = States.lastWordMask(N);
        for (int mu = 0; mu < p; mu++) {
            for (int w = 0; w < words; w++) {
                long r = rng.nextLong();
                rows[mu * words + w] = w == words - 1 ? r & lastMask : r;
            }
        }
        return new PatternMatrix(p, N, rows);
    }

    /** The patterns of a dense matrix xi[mu][i] in {-1, +1} (for tests and small examples). */
    public static PatternMatrix of(int[][] xi) {
        int p = xi.length;
        int N = p == 0 ? 0 : xi[0].length;
        checkShape(p, N);
        int words = States.words(N);
        long[] rows = new long[p * words];
        for (int mu = 0; mu < p; mu++) {
            if (xi[mu].length != N) {
                throw new IllegalArgumentException("xi: row " + mu + " has " + xi[mu].length + " entries, expected " + N);
            }
            System.arraycopy(States.pack(xi[mu]), 0, rows, mu * words, words);
        }
        return new PatternMatrix(p, N, rows);
    }

    private static void checkShape(int p, int N) {
        Require.atLeast("p", p, 1);
        Require.atLeast("N", N, 2);
    }

    /** Number of patterns p. */
    public int p() {
        return p;
    }

    /** Number of neurons N. */
    public int N() {
        return N;
    }

    /** Number of 64-bit words of one bit-packed row or state, ceil(N / 64). */
    public int words() {
        return words;
    }

    /** Number of 8-pattern chunks of the byte-sliced layout, ceil(p / 8). */
    public int chunks() {
        return chunks;
    }

    /** xi_i^mu in {-1, +1}. */
    public int xi(int mu, int i) {
        return (rows[mu * words + (i >>> 6)] >>> i & 1L) != 0 ? 1 : -1;
    }

    /** The overlap b_mu = sum_j xi_j^mu sigma_j of a bit-packed state starting at {@code sigma[offset]}. */
    public int overlap(int mu, long[] sigma, int offset) {
        int differ = 0;
        int row = mu * words;
        for (int w = 0; w < words; w++) {
            differ += Long.bitCount(rows[row + w] ^ sigma[offset + w]);
        }
        return N - 2 * differ;
    }

    /** The eight pattern bits of chunk c at neuron i (bit k is xi_i^{8c+k} = +1), as 0..255. */
    public int slice(int c, int i) {
        return slices()[c * N + i] & 0xFF;
    }

    /** Pattern mu as a fresh bit-packed state (bit set means +1). */
    public long[] pattern(int mu) {
        long[] out = new long[words];
        System.arraycopy(rows, mu * words, out, 0, words);
        return out;
    }

    /** A fresh dense copy xi[mu][i] in {-1, +1}. */
    public int[][] toDense() {
        int[][] xi = new int[p][N];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < N; i++) {
                xi[mu][i] = xi(mu, i);
            }
        }
        return xi;
    }

    /** The pattern-major rows themselves (not copied: callers must not modify them). */
    long[] rows() {
        return rows;
    }

    /** Number of 64-pattern words of one column, ceil(p / 64). */
    public int blocks() {
        return (p + 63) >>> 6;
    }

    /** The neuron-major columns (not copied: callers must not modify them), built on first use. */
    long[] columns() {
        long[] c = columns;
        if (c == null) {
            c = buildColumns(); // a benign race: concurrent first calls build equal arrays
            columns = c;
        }
        return c;
    }

    /** The byte-sliced layout itself (not copied: callers must not modify it). */
    byte[] slices() {
        byte[] s = slices;
        if (s == null) {
            s = buildSlices(); // a benign race: concurrent first calls build equal arrays
            slices = s;
        }
        return s;
    }
}
