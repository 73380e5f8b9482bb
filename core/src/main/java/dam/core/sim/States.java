package dam.core.sim;

/** Bit-packed neuron states: bit i of word i / 64 is set iff sigma_i = +1; bits beyond N are 0. */
public final class States {

    private States() {
    }

    /** Number of 64-bit words for N neurons. */
    public static int words(int N) {
        return (N + 63) >>> 6;
    }

    /** The mask of the valid bits of the last word for N neurons. */
    public static long lastWordMask(int N) {
        int r = N & 63;
        return r == 0 ? -1L : (1L << r) - 1;
    }

    /** sigma_i in {-1, +1} of the packed state starting at {@code offset}. */
    public static int spin(long[] sigma, int offset, int i) {
        return (sigma[offset + (i >>> 6)] >>> i & 1L) != 0 ? 1 : -1;
    }

    /** Packs a dense +-1 vector. */
    public static long[] pack(int[] spins) {
        long[] out = new long[words(spins.length)];
        for (int i = 0; i < spins.length; i++) {
            if (spins[i] == 1) {
                out[i >>> 6] |= 1L << i;
            } else if (spins[i] != -1) {
                throw new IllegalArgumentException("spins: entry " + i + " is " + spins[i] + ", expected -1 or +1");
            }
        }
        return out;
    }

    /** Unpacks N spins of the packed state starting at {@code offset} to a dense +-1 vector. */
    public static int[] unpack(long[] sigma, int offset, int N) {
        int[] out = new int[N];
        for (int i = 0; i < N; i++) {
            out[i] = spin(sigma, offset, i);
        }
        return out;
    }

    /** Number of neurons where the two packed states differ (Hamming distance). */
    public static int distance(long[] x, int xOffset, long[] y, int yOffset, int words) {
        int d = 0;
        for (int w = 0; w < words; w++) {
            d += Long.bitCount(x[xOffset + w] ^ y[yOffset + w]);
        }
        return d;
    }
}
