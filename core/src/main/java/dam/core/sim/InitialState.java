package dam.core.sim;

import dam.core.model.Initialisation;
import org.apache.commons.rng.UniformRandomProvider;

/** Draws sigma(0) around the condensed pattern (index 0) at initial overlap m0 (docs/physics.md section 1). */
public final class InitialState {

    private InitialState() {
    }

    /** The number of neurons EXACT initialisation flips: round(N (1 - m0) / 2). */
    public static int exactFlips(int N, double m0) {
        return (int) Math.round(N * (1 - m0) / 2);
    }

    /**
     * sigma(0) = xi^1 with neurons flipped: exactly round(N (1 - m0)/2) chosen uniformly (EXACT), or each with
     * probability (1 - m0)/2 (BERNOULLI); written packed to {@code out[offset ..]}, randomness from rng.
     */
    public static void draw(PatternMatrix xi, double m0, Initialisation init, UniformRandomProvider rng,
                            long[] out, int offset) {
        int N = xi.N();
        long[] condensed = xi.pattern(0);
        System.arraycopy(condensed, 0, out, offset, condensed.length);
        if (init == Initialisation.EXACT) {
            // Partial Fisher-Yates: the first k entries of a uniformly shuffled index list are a uniform k-subset.
            int k = exactFlips(N, m0);
            int[] idx = new int[N];
            for (int i = 0; i < N; i++) {
                idx[i] = i;
            }
            for (int j = 0; j < k; j++) {
                int r = j + rng.nextInt(N - j);
                int t = idx[r];
                idx[r] = idx[j];
                idx[j] = t;
                flip(out, offset, t);
            }
        } else {
            double q = (1 - m0) / 2;
            for (int i = 0; i < N; i++) {
                if (rng.nextDouble() < q) {
                    flip(out, offset, i);
                }
            }
        }
    }

    private static void flip(long[] sigma, int offset, int i) {
        sigma[offset + (i >>> 6)] ^= 1L << i;
    }
}
